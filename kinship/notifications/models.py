"""What a person is told, in Kinship and by email, and how often they want the emails."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Straight away")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    NEVER = "never", _("No email: only in Kinship")


class NotificationSettings(models.Model):
    """A person's email choices: how often by default, and a switch for all emails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    frequency = models.CharField(
        _("email me about new posts and resources"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.DAILY,
    )
    mentions = models.CharField(
        _("email me when someone mentions me"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    emails_enabled = models.BooleanField(_("send me emails from Kinship"), default=True)
    last_daily_at = models.DateTimeField(null=True, blank=True)
    last_weekly_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"


class Notification(models.Model):
    """One thing to tell one person. The target is re-checked whenever it is shown or sent,
    so someone who lost access since (left a circle, a post was hidden) is told nothing."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # What the notification is about ("forums.board:12"): its unsubscribe link turns it off.
    topic = models.CharField(max_length=80, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the email went, or when it was decided none would (withheld, switched off).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["frequency", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"
