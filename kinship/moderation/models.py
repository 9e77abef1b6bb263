"""Moderation rounds: who takes part, the anonymised scripts and their pages, blind grades,
comparative judgements and what the moderation meeting decided.

Pupil work is anonymised: a script has a random code and its school, never a pupil's name.
Its pages are stored through Django's storage API under the round and the code.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TAF_LEVELS = ["WTS", "EXS", "GDS"]
TAF_NAMES = {
    "WTS": _("Working towards the expected standard"),
    "EXS": _("Working at the expected standard"),
    "GDS": _("Working at greater depth"),
}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_script_code() -> str:
    """A random code like 'K7QD-M4XA' (32⁸ ≈ 10¹² codes): says nothing about the pupil."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


class Round(models.Model):
    class Framework(models.TextChoices):
        TAF = "taf", _("KS2 writing TAF (WTS, EXS, GDS)")
        CUSTOM = "custom", _("A custom scale with named levels")

    class Method(models.TextChoices):
        BLIND = "blind", _("Blind grading")
        JUDGEMENT = "judgement", _("Comparative judgement")
        BOTH = "both", _("Both")

    class Status(models.TextChoices):
        UPLOADING = "uploading", _("Collecting samples")
        JUDGING = "judging", _("Grading and judging")
        CLOSED = "closed", _("Closed")

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="moderation_rounds"
    )
    title = models.CharField(max_length=200)
    year_group = models.PositiveSmallIntegerField(default=6)
    task = models.CharField(_("genre or task"), max_length=200)
    framework = models.CharField(max_length=8, choices=Framework.choices, default=Framework.TAF)
    levels = models.JSONField(default=list, help_text=_("The level names, lowest first."))
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.BOTH)
    grades_per_script = models.PositiveSmallIntegerField(default=2)
    judgements_per_script = models.PositiveSmallIntegerField(default=12)
    upload_deadline = models.DateField()
    judging_deadline = models.DateField()
    meeting_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADING)
    boundary_focus_used = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("moderation:round_detail", args=[self.pk])

    @property
    def uses_grading(self) -> bool:
        return self.method in (self.Method.BLIND, self.Method.BOTH)

    @property
    def uses_judgement(self) -> bool:
        return self.method in (self.Method.JUDGEMENT, self.Method.BOTH)

    def level_name(self, index: int | None) -> str:
        if index is None or not 0 <= index < len(self.levels):
            return ""
        return str(self.levels[index])


class RoundSchool(models.Model):
    """A school taking part, with its cohort and the sample asked of it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="schools")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    cohort = models.PositiveSmallIntegerField(_("pupils in the year group"), null=True, blank=True)
    extra = models.PositiveSmallIntegerField(
        _("extra scripts asked for"), default=0, help_text=_("To widen a disputed standard.")
    )
    extra_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "school"], name="unique_round_school")
        ]
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"{self.school.name} in {self.round}"


class RoundPerson(models.Model):
    """Someone in a round: they see pupil work, so they sign in with a second factor."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Round coordinator")
        JUDGE = "judge", _("Judge")
        UPLOADER = "uploader", _("Uploads samples")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_roles"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    # A judge's or uploader's school; a judge from no school in the round (an adviser) has none.
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "role"], name="unique_round_role")
        ]
        ordering = ["role", "user__display_name"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.round}"


class Script(models.Model):
    """One pupil's piece of work, known only by its code."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scripts")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=9)
    school_grade = models.PositiveSmallIntegerField(_("the school's grade"))
    text = models.TextField(_("typed text"), blank=True)
    anchor = models.BooleanField(
        _("anchor script"), default=False, help_text=_("An exemplar whose standard is known.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="unique_script_code")]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("moderation:script_detail", args=[self.pk])


class Page(models.Model):
    """One page of a script as an image. A PDF is stored once and drawn page by page into
    images by a background task (pages are shown as images: the CSP allows no objects)."""

    class Status(models.TextChoices):
        READY = "ready", _("Ready")
        RENDERING = "rendering", _("Being prepared")
        FAILED = "failed", _("Could not be drawn")

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=255)  # the stored upload (image, or the whole PDF)
    source_page = models.PositiveSmallIntegerField(null=True, blank=True)  # within a PDF
    image = models.CharField(max_length=255, blank=True)  # the stored image shown
    content_type = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["script", "number"], name="unique_page_number")
        ]
        ordering = ["script", "number"]

    def __str__(self) -> str:
        return f"{self.script.code} page {self.number}"


class Grade(models.Model):
    """A judge's blind grade of a script (the school's own grade lives on the script)."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="grades")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    grade = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["script", "judge"], name="one_grade_per_judge")
        ]

    def __str__(self) -> str:
        return f"{self.script.code}: {self.grade}"


class Comparison(models.Model):
    """A pair shown to a judge; decided when `winner` is set."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comparisons")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    left = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()  # the judge's order
    boundary_focus = models.BooleanField(default=False)
    winner = models.ForeignKey(
        Script, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    shown_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["judge", "position"]
        indexes = [models.Index(fields=["round", "judge", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.left.code} v {self.right.code}"


class Outcome(models.Model):
    """What the moderation meeting decided about a script, and its notes (confidential to
    the round)."""

    class Decision(models.TextChoices):
        AGREED = "agreed", _("School grade agreed")
        CHANGED = "changed", _("Grade changed")

    script = models.OneToOneField(Script, on_delete=models.CASCADE, related_name="outcome")
    notes = models.TextField(blank=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True)
    agreed_grade = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Outcome for {self.script.code}"
