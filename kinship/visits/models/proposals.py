"""A change to a school's term dates that its lead must agree to before it happens.

Parents are told the term dates a school publishes, so Kinship never changes them on a
coordinator's say-so: publishing a plan (or proposing a common INSET day) asks each school's
lead, who accepts or declines by a date. Only an accepted proposal touches the school's term
calendar, its feeds and its staff's visits.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.visits.models.plans import SolveRun, VisitPlan


class TermDateProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the head")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        # A later publish (or a withdrawn common day) replaced it before the head answered.
        SUPERSEDED = "superseded", _("Replaced by a later proposal")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    # From a plan's publish; a common-day proposal has no plan but a common day.
    plan = models.ForeignKey(
        VisitPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals"
    )
    run = models.ForeignKey(
        SolveRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    common_day = models.DateField(null=True, blank=True)
    lines = models.JSONField(default=list)  # what would change, day by day, as people read it
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    respond_by = models.DateField(_("answer by"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "school"],
                condition=models.Q(status="pending", plan__isnull=False),
                name="one_pending_plan_proposal_a_school",
            ),
            models.UniqueConstraint(
                fields=["family", "school", "common_day"],
                condition=models.Q(status="pending", plan__isnull=True),
                name="one_pending_common_day_a_school",
            ),
        ]
        ordering = ["-proposed_at", "school__name"]

    def __str__(self) -> str:
        return f"Term dates of {self.school} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_overdue(self) -> bool:
        return self.is_pending and timezone.localdate() > self.respond_by

    @property
    def title(self) -> str:
        if self.plan_id is not None and self.plan is not None:
            return str(self.plan.title)
        return f"A common INSET day for {self.family}"
