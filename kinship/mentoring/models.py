"""Coaching programmes, their participants and matching, the pair space and the cohort.

Everything under "The pair space" is read by the pair's head and coach alone, and a
journal entry by its head alone: not by coordinators, not by platform admins, not in the
Django admin. Programme reports count these rows; they never show them.
"""

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
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


# The pair space: the head and the coach alone.


class Question(models.Model):
    """A question the head keeps for their coach, until it is ticked off at a meeting."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    tags = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_in = models.ForeignKey(
        "PairMeeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="answered"
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"Question {self.pk}"

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class MeetingPlace(models.TextChoices):
    COACH_SCHOOL = "coach_school", _("At the coach's school (a visit)")
    HEAD_SCHOOL = "head_school", _("At the head's school")
    ONLINE = "online", _("Online")
    ELSEWHERE = "elsewhere", _("Somewhere else")


class PairMeeting(models.Model):
    """A coaching meeting. Its agenda is the head's open questions; its notes and actions
    are the pair's."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=16, choices=MeetingPlace.choices)
    location = models.CharField(_("room or address"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda_note = models.TextField(_("anything else to cover"), blank=True)
    notes = models.TextField(blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"Coaching meeting {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:meeting_detail", args=[self.pair_id, self.pk])

    @property
    def held(self) -> bool:
        """Whether the meeting was held, as the notes form edits it."""
        return self.held_at is not None


class PairAction(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        PairMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "due", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk}"


class Goal(models.Model):
    class Status(models.TextChoices):
        UNDER_WAY = "under_way", _("Under way")
        ACHIEVED = "achieved", _("Achieved")
        SET_ASIDE = "set_aside", _("Set aside")

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNDER_WAY)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Goal {self.pk}"

    @property
    def latest_note(self) -> str:
        """The newest progress note's text: part of what the progress form's version covers,
        so a note someone else added since the form was shown is a conflict, not lost."""
        note = self.notes.order_by("-created_at", "-pk").first()
        return note.text if note else ""


class GoalNote(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Progress note {self.pk}"


def private_files() -> FileSystemStorage:
    """Files of pair spaces, kept outside MEDIA_ROOT: nothing serves them but the view that
    checks the reader is one of the pair."""
    return FileSystemStorage(location=Path(settings.VAR_DIR) / "private" / "mentoring")


class Resource(models.Model):
    """Something the coach hands over: a link, or a file (a policy, a plan, a useful read)
    checked by the shared upload checker."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="resources")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    url = models.URLField(_("link"), blank=True)
    note = models.TextField(blank=True)
    file = models.FileField(storage=private_files, upload_to="resources/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)  # what the coach's computer called it
    content_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Resource {self.pk}"


class Reflection(models.Model):
    """Each member's end-of-year reflection, kept in the pair space."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "author"], name="one_reflection_each")
        ]

    def __str__(self) -> str:
        return f"Reflection {self.pk}"


class JournalEntry(models.Model):
    """The head's private journal: nobody else reads it, their coach included."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="journal")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"Journal entry {self.pk}"


class Feedback(models.Model):
    """Feedback to the programme. Reports show it without names, and only once enough
    people have answered that nobody can be picked out."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("how useful was the year's coaching?"))
    comment = models.TextField(_("what should the programme keep or change?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Feedback {self.pk}"


# The cohort: the programme's new heads, in a confidential circle.


class CohortMeeting(models.Model):
    """One of the cohort's meetings. Its date and place are set by the coordinators; its
    topics, votes and notes are the cohort's alone."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cohort_meetings"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    host_school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    location = models.CharField(_("room or address"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    notes = models.TextField(blank=True)
    notes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes_updated_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    cancelled = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mentoring:cohort_meeting", args=[self.pk])


class CohortTopic(models.Model):
    meeting = models.ForeignKey(CohortMeeting, on_delete=models.CASCADE, related_name="topics")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Topic {self.pk}"


class CohortVote(models.Model):
    topic = models.ForeignKey(CohortTopic, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="one_vote_each")]

    def __str__(self) -> str:
        return f"Vote {self.pk}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CoachingFeed(models.Model):
    """The secret address of a person's coaching calendar (pair and cohort meetings)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    def __str__(self) -> str:
        return f"Coaching feed of {self.user}"
