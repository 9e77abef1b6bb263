from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class School(models.Model):
    """A school as the national register (GIAS) describes it, keyed by its URN."""

    urn = models.PositiveIntegerField(_("URN"), unique=True)
    name = models.CharField(max_length=200, db_index=True)
    la_name = models.CharField(_("local authority"), max_length=100, blank=True)
    phase = models.CharField(max_length=60, blank=True)
    establishment_type = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=60, blank=True)
    is_open = models.BooleanField(default=True, db_index=True)
    trust_name = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.CharField(max_length=200, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    fsm_percent = models.DecimalField(
        _("pupils eligible for free school meals (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    urban_rural = models.CharField(max_length=100, blank=True)
    # A digest of the imported GIAS fields: an unchanged row is recognised without a write.
    gias_digest = models.CharField(max_length=32, blank=True)
    gias_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    def get_absolute_url(self) -> str:
        return reverse("schools:school_detail", kwargs={"urn": self.urn})


class SchoolRole(models.Model):
    """A person acting for a school: its lead (the head), a member of staff, or a pupil."""

    class Role(models.TextChoices):
        LEAD = "lead", _("School lead")
        STAFF = "staff", _("Staff member")
        PUPIL = "pupil", _("Pupil")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_roles"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=16, choices=Role.choices)
    listed_on_profile = models.BooleanField(_("show me on the school's profile"), default=True)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "role"], name="unique_school_role")
        ]
        ordering = ["school__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.school.name}"
