from datetime import date

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


class TermCalendar(models.Model):
    """One academic year of term dates: a school's own, or a local authority's shared by its
    schools. A school without its own calendar for a year follows its authority's."""

    academic_year = models.PositiveSmallIntegerField(
        help_text=_("The year the academic year starts: 2026 for 2026–27.")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="term_calendars"
    )
    la_name = models.CharField(_("local authority"), max_length=100, blank=True)
    source = models.CharField(max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                condition=models.Q(school__isnull=False),
                name="one_calendar_per_school_year",
            ),
            models.UniqueConstraint(
                fields=["la_name", "academic_year"],
                condition=models.Q(school__isnull=True),
                name="one_calendar_per_authority_year",
            ),
            models.CheckConstraint(
                condition=models.Q(school__isnull=False) | ~models.Q(la_name=""),
                name="calendar_has_an_owner",
            ),
        ]
        ordering = ["-academic_year"]

    def __str__(self) -> str:
        owner = self.school.name if self.school_id and self.school else self.la_name
        return f"{owner} {self.academic_year}–{(self.academic_year + 1) % 100:02d}"

    @property
    def term_dates(self) -> list[str]:
        """The year's half-terms and closures as comparable lines, for the edit version and
        for showing someone else's change beside yours (an unsaved calendar has none)."""
        if self.pk is None:
            return []
        halves = [
            f"Half-term {half.number}: {_uk(half.start)} to {_uk(half.end)}"
            for half in self.half_terms.all()
        ]
        closures = [
            f"{closure.get_kind_display()} {_uk(closure.date)}"
            + (f" ({closure.label})" if closure.label else "")
            for closure in self.closures.all()
        ]
        return halves + closures


def _uk(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class HalfTerm(models.Model):
    calendar = models.ForeignKey(TermCalendar, on_delete=models.CASCADE, related_name="half_terms")
    number = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "number"], name="unique_half_term_number")
        ]
        ordering = ["calendar", "number"]

    def __str__(self) -> str:
        return f"Half-term {self.number}: {self.start} to {self.end}"


class Closure(models.Model):
    """A day a school is closed to pupils inside or around its terms."""

    class Kind(models.TextChoices):
        INSET = "inset", _("INSET day")
        BANK_HOLIDAY = "bank_holiday", _("Bank holiday")
        CLOSURE = "closure", _("Closure")

    calendar = models.ForeignKey(TermCalendar, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    label = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="one_closure_a_day")
        ]
        ordering = ["calendar", "date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.label or self.get_kind_display()}"
