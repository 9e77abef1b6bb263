"""Family events: series and their dates, replies, agendas, minutes, actions, date polls.

A `Series` holds what the organiser chose (who, where, when, how it repeats); each of its
dates is an `Event` row, copied from the series when the dates are worked out, so that one
date can be edited alone and every page and feed reads plain rows.
"""

import json
import secrets
import uuid
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    TEACHER_MEETING = "teacher_meeting", _("Teacher meeting")
    SHARED_STAFF_MEETING = "shared_staff_meeting", _("Shared staff meeting")
    TWILIGHT = "twilight", _("Twilight session")
    COMMON_INSET = "common_inset", _("Common INSET day")
    COHORT_MEETING = "cohort_meeting", _("Cohort meeting")
    MODERATION = "moderation", _("Moderation session")
    VISIT_DAY = "visit_day", _("Visit day")


class ManagedBy(models.TextChoices):
    """Another part of Kinship that owns a series: it is changed there, never on the meetings
    pages, so that the two never disagree. The label is the link to that page."""

    VISIT_PLAN = "visit_plan", _("Managed in the visit plan")
    VISIT = "visit", _("Managed on the visit's page")


class Audience(models.TextChoices):
    FAMILY = "family", _("Everyone in the family")
    CIRCLE = "circle", _("A circle")
    SCHOOLS = "schools", _("Staff of chosen schools")
    PEOPLE = "people", _("Chosen people")


class ClashPolicy(models.TextChoices):
    MOVE = "move", _("Move to the next day every school is open, in the same half-term")
    DROP = "drop", _("Leave that date out")


@lru_cache(maxsize=16)
def _kind_labels(language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in EventKind.choices}


def kind_label(kind: str) -> str:
    """The kind's name in the active language: get_kind_display() rebuilds the choices on
    every call, which a feed of a thousand events or a busy month page feels."""
    return _kind_labels(get_language()).get(kind, kind)


class Series(models.Model):
    """An event as its organiser set it up: once, or repeating by a school-aware rule."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="event_series"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    description = models.TextField(blank=True)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.FAMILY)
    circle = models.ForeignKey(
        "families.Circle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    schools = models.ManyToManyField("schools.School", blank=True, related_name="+")
    guests = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="event_series_invited",
        help_text=_("People invited by name: the audience 'chosen people', or partners."),
    )
    host_school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    room = models.CharField(max_length=120, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    start_time = models.TimeField()
    end_time = models.TimeField()
    # The recurrence as a JSON rule ({"per": "half-term", ...} or {"rrule": ...}); null: once.
    rule = models.JSONField(null=True, blank=True)
    reference_school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    policy = models.CharField(max_length=8, choices=ClashPolicy.choices, default=ClashPolicy.MOVE)
    first_date = models.DateField()
    until = models.DateField()
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organised_series"
    )
    cancelled = models.BooleanField(default=False)
    # Blank: the meetings app's own. Otherwise who owns it, and the page where it is changed.
    managed_by = models.CharField(max_length=16, choices=ManagedBy.choices, blank=True)
    managed_url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["first_date", "start_time"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:series_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def is_managed_elsewhere(self) -> bool:
        return bool(self.managed_by)


SERIES_SETTINGS = (
    "title", "kind", "description", "audience", "circle", "host_school", "room", "online_url",
    "capacity", "start_time", "end_time", "rule", "reference_school", "policy", "first_date",
    "until", "cancelled",
)  # fmt: skip


class Event(models.Model):
    """One date of a series, with its own copy of what may be changed for that date alone."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="events")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The date the rule gave; an edited or moved event keeps it so it is recognised again.
    original_date = models.DateField(null=True, blank=True)
    date = models.DateField(db_index=True)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    host_school = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    room = models.CharField(max_length=120, blank=True)
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    move_reason = models.TextField(blank=True)  # names the closed schools: no fixed length
    edited = models.BooleanField(
        default=False, help_text=_("Changed for this date alone: series edits leave it be.")
    )
    cancelled = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)
    minutes = models.TextField(blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes_updated_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["series", "date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:event_detail", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def series_settings(self) -> list[str]:
        """What the edit form shows of this date's series, as comparable lines: a change to
        the series since the form was shown is a change to this form's version too."""
        series = self.series
        # The rule by sorted keys: PostgreSQL's jsonb gives them back in its own order.
        lines = [
            f"{name.replace('_', ' ').capitalize()}: "
            + (json.dumps(value, sort_keys=True) if name == "rule" else str(value))
            for name in SERIES_SETTINGS
            for value in [getattr(series, name)]
        ]
        lines.append("Schools: " + ", ".join(sorted(str(s) for s in series.schools.all())))
        lines.append("Guests: " + ", ".join(sorted(str(g) for g in series.guests.all())))
        return lines


class MinutesRevision(models.Model):
    """Minutes as they were before a save replaced them: the minutes keep their history."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="minutes_revisions")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier minutes of event {self.event_id}"


class Rsvp(models.Model):
    class Status(models.TextChoices):
        GOING = "going", _("Going")
        WAITING = "waiting", _("On the waiting list")
        DECLINED = "declined", _("Not going")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    responded_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_reply_each")]
        ordering = ["responded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_status_display()}"


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    minutes_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """Something agreed at a meeting, owned by one person until it is done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_actions"
    )
    due = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due", "pk"]

    def __str__(self) -> str:
        return self.text


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarSettings(models.Model):
    """A person's calendar feed address and email choices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_settings"
    )
    # The feed is fetched by calendar apps that cannot sign in: the secret is the key.
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    weekly_digest = models.BooleanField(_("email me a weekly 'what's on'"), default=True)
    reminders = models.BooleanField(_("email me the day before events I'm going to"), default=True)

    def __str__(self) -> str:
        return f"Calendar settings of {self.user}"


class DatePoll(models.Model):
    """Finding a date: the organiser offers slots, invitees say yes, if need be, or no."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    circle = models.ForeignKey(
        "families.Circle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Ask this circle only; otherwise everyone in the family."),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:poll_detail", args=[self.pk])


class PollSlot(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="slots")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "date", "start_time"], name="unique_poll_slot")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.start_time:%H:%M}"


class PollAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        IF_NEED_BE = "maybe", _("If need be")
        NO = "no", _("No")

    slot = models.ForeignKey(PollSlot, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=8, choices=Answer.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "user"], name="one_answer_a_slot")]

    def __str__(self) -> str:
        return f"{self.user}: {self.answer}"
