"""The cohort (the programme's new heads, in a confidential circle) and coaching feeds."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.mentoring.models.programmes import Programme


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
