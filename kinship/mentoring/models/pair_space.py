"""The pair space, read by the pair's head and coach alone, from questions to feedback.

Questions, meetings, actions, goals, resources, reflections, the head's journal and
feedback to the programme."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.mentoring.models.programmes import Pair, Participant


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
