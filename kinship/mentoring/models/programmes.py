"""Coaching programmes, their participants, declared conflicts, matching runs and pairs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Rhythm(models.TextChoices):
    HALF_TERM = "half_term", _("A meeting every half-term")
    TERM = "term", _("A meeting every term")

    @property
    def half_terms(self) -> int:
        """How many half-terms may pass between meetings."""
        return 1 if self == Rhythm.HALF_TERM else 2


class Programme(models.Model):
    """A coaching programme run by a family's coordinators, such as "New heads 2026-27"."""

    class Eligibility(models.IntegerChoices):
        FIRST_YEAR = 1, _("First-year heads")
        FIRST_AND_SECOND = 2, _("First- and second-year heads")
        FIRST_TO_THIRD = 3, _("Heads in their first three years")

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="mentoring_programmes"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what it offers"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    eligibility = models.PositiveSmallIntegerField(
        _("who may be coached"), choices=Eligibility.choices, default=Eligibility.FIRST_AND_SECOND
    )
    rhythm = models.CharField(
        _("expected coaching rhythm"),
        max_length=16,
        choices=Rhythm.choices,
        default=Rhythm.HALF_TERM,
    )
    cohort_meetings_expected = models.PositiveSmallIntegerField(
        _("cohort meetings a year"), default=3
    )
    avoid_same_trust = models.BooleanField(
        _("never pair two schools of the same trust"), default=False
    )
    avoid_line_managers = models.BooleanField(
        _("never pair a head with their line manager"), default=True
    )
    applications_open = models.BooleanField(_("taking applications"), default=True)
    cohort = models.ForeignKey(
        "families.Circle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["family", "name"], name="unique_programme_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="programme_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentoring:programme_detail", args=[self.pk])


class Participant(models.Model):
    """A head to be coached or a coach, with what matching reads: vision, priorities (a
    head's needs, a coach's expertise) and the school context they choose to share."""

    class Role(models.TextChoices):
        MENTEE = "mentee", _("New head")
        COACH = "coach", _("Coach")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Taking part")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_roles"
    )
    role = models.CharField(max_length=8, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    headship_year = models.PositiveSmallIntegerField(_("year of headship"), null=True, blank=True)
    vision = models.TextField(_("vision statement"), blank=True)
    priorities = models.ManyToManyField("accounts.ExpertiseTag", blank=True, related_name="+")
    priorities_note = models.CharField(_("priorities in your words"), max_length=300, blank=True)
    context_note = models.CharField(
        _("school context you choose to share"), max_length=300, blank=True
    )
    share_school_context = models.BooleanField(
        _("let my school's figures (phase, size, free school meals, urban or rural) count"),
        default=True,
    )
    capacity = models.PositiveSmallIntegerField(_("heads I can coach"), default=1)
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role", "user__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_role_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.programme})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACCEPTED


class Conflict(models.Model):
    """Someone a participant must not be paired with. Seen by them and the coordinators."""

    class Kind(models.TextChoices):
        LINE_MANAGER = "line_manager", _("Line manager (either way)")
        OTHER = "other", _("Another reason")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="conflicts")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "other"], name="one_conflict_each")
        ]

    def __str__(self) -> str:
        return f"{self.participant.user} ≠ {self.other}"


class MatchingRun(models.Model):
    """One run of the matcher in the task worker; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=60, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Matching run {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Pair(models.Model):
    """A head and their coach: proposed by matching, published by the coordinator."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="pairs_as_mentee"
    )
    coach = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="pairs_as_coach")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    locked = models.BooleanField(default=False)
    run = models.ForeignKey(
        MatchingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs"
    )
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["mentee__user__display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["proposed", "published"]),
                name="one_live_pair_per_head",
            )
        ]

    def __str__(self) -> str:
        return f"Pair {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pair_detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED
