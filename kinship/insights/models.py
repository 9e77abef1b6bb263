"""Exchanges: something one school gives another, one row each (issue 22)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Exchange(models.Model):
    """One school giving another something: hosting a visit, judging its scripts, coaching
    its head. `source` names what it was derived from ("visits.visit:42"), so recording the
    same thing twice leaves one row. Nothing confidential is kept: a coaching meeting is
    counted, never what was said."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit hosted")
        MODERATION = "moderation", _("Scripts moderated")
        COACHING = "coaching", _("Head coached")
        RESOURCE = "resource", _("Resource used")
        FORUM = "forum", _("Forum answer")
        PARTNER = "partner", _("Partner engagement shared")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    date = models.DateField(db_index=True)
    giver = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    receiver = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey(
        "families.Family", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=80, unique=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")), name="exchange_between_two"
            )
        ]
        indexes = [
            models.Index(fields=["giver", "date"]),
            models.Index(fields=["receiver", "date"]),
        ]
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.giver_id} to {self.receiver_id} on {self.date}"
