"""A staggered INSET plan: the window, each school's part in it, staff preferences, pins,
the solver's runs and what publishing put into the schools' term calendars."""

from datetime import time
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kinship.visits.models.vocabulary import Subject, YearGroup


class VisitPlan(models.Model):
    """A coordinator's plan of staggered INSET days and visits across a family, for a window
    such as the spring term. Staff say where they would like to go; the solver chooses the
    days and places them; publishing puts it in everyone's calendars."""

    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, related_name="visit_plans"
    )
    title = models.CharField(_("title"), max_length=150)
    window_start = models.DateField(_("first day of the window"))
    window_end = models.DateField(_("last day of the window"))
    common_inset_date = models.DateField(_("common INSET day"), null=True, blank=True)
    staggered_days = models.PositiveSmallIntegerField(
        _("staggered INSET days each school takes"), default=1
    )
    default_capacity = models.PositiveSmallIntegerField(
        _("visitors a school takes a day, until its lead says"), default=3
    )
    allow_unlisted = models.BooleanField(
        _("place people at a school they did not list when their choices are full"), default=True
    )
    time_limit_s = models.PositiveSmallIntegerField(
        _("time the solver may take (seconds)"), default=30
    )
    visit_start = models.TimeField(_("visits start"), default=time(8, 45))
    visit_end = models.TimeField(_("visits end"), default=time(15, 15))
    preferences_due = models.DateField(
        _("staff say where they would like to go by"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_run = models.ForeignKey(
        "SolveRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-window_start", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("visits:plan_detail", args=[self.pk])

    @property
    def academic_year(self) -> int:
        start = self.window_start
        return start.year if start.month >= 9 else start.year - 1


class PlanSchool(models.Model):
    """A school's part in a plan: whether it takes part, how many staggered days it takes,
    how many visitors it can host a day, and the days in the window it rules out."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="plan_schools")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    takes_part = models.BooleanField(_("takes part"), default=True)
    # Empty: the plan's own figure (staggered days each school takes, visitors a day).
    inset_days = models.PositiveSmallIntegerField(_("staggered INSET days"), null=True, blank=True)
    host_capacity = models.PositiveSmallIntegerField(
        _("visitors it can take a day"), null=True, blank=True
    )
    # Days its pupils are in that the school would rather not take (ISO dates); the rest of
    # its open days in the window are its candidates.
    excluded_dates = models.JSONField(default=list, blank=True)
    # The school's own INSET days in the year (ISO dates) its lead lets the plan move: a
    # staggered or common day replaces one of them, never adds to them (issue 18).
    reschedulable_insets = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "school"], name="one_plan_school")]
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"{self.school.name} in {self.plan}"


class StaffPreference(models.Model):
    """Whether a member of staff will visit, and where: up to three schools, or a subject or
    year group the planner turns into schools."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="preferences")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The school they visit from (people may work at two)."),
    )
    will_visit = models.BooleanField(default=True)
    first_choice = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    second_choice = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    third_choice = models.ForeignKey(
        "schools.School", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    focus_subject = models.CharField(max_length=32, choices=Subject.choices, blank=True)
    focus_year_group = models.CharField(max_length=16, choices=YearGroup.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="one_preference_a_person")
        ]
        ordering = ["school__name", "person__display_name"]

    def __str__(self) -> str:
        return f"{self.person} in {self.plan}"

    @property
    def chosen_schools(self) -> list[Any]:
        choices = (self.first_choice, self.second_choice, self.third_choice)
        return [school for school in choices if school is not None]

    @property
    def chosen_school_ids(self) -> list[int]:
        ids = (self.first_choice_id, self.second_choice_id, self.third_choice_id)
        return [pk for pk in ids if pk is not None]


class PlanPin(models.Model):
    """A choice the coordinator has fixed: a school's INSET day, or where a person goes."""

    class Kind(models.TextChoices):
        INSET = "inset", _("INSET day")
        VISIT = "visit", _("Visit")

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="pins")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # INSET: the school whose day it is. Visit: the host.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "school", "date"],
                condition=models.Q(kind="inset"),
                name="one_inset_pin_a_day",
            ),
            models.UniqueConstraint(
                fields=["plan", "person"],
                condition=models.Q(kind="visit"),
                name="one_visit_pin_a_person",
            ),
        ]
        ordering = ["kind", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} pin in {self.plan}"


class SolveRun(models.Model):
    """One go of the solver, run as a background task: the problem as it stood, its
    progress while it runs, then the plan or why there is none."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Solving")
        DONE = "done", _("Solved")
        FAILED = "failed", _("No plan")

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The problem in plan_visits JSON, and which school and person each solver id stands for.
    problem = models.JSONField(default=dict)
    ids = models.JSONField(default=dict)
    progress = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    clashing_pins = models.JSONField(default=list, blank=True)  # PlanPin ids

    class Meta:
        ordering = ["-requested_at", "-pk"]
        get_latest_by = "requested_at"

    def __str__(self) -> str:
        return f"Run {self.pk} of {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("visits:run_detail", args=[self.plan_id, self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def progress_gap_percent(self) -> str:
        """How far the best plan so far may be from the best possible, e.g. "2.4"."""
        return percent(float(self.progress.get("gap", 0.0)))


def percent(fraction: float) -> str:
    """A gap as people read it: "2.4", and never "0.0" for a gap that is not nothing."""
    if fraction <= 0:
        return "0"
    return f"{max(fraction * 100, 0.1):.1f}"


class PublishedInset(models.Model):
    """An INSET day publishing a plan put on (or found already on) a school's term calendar,
    so that publishing again after a re-solve takes off only what it added."""

    class Kind(models.TextChoices):
        COMMON = "common", _("Common INSET day")
        STAGGERED = "staggered", _("Staggered INSET day")
        # One of the school's own INSET days that publishing turned back into a pupil day
        # to make way for the plan's; put back if a later publish no longer needs it.
        MOVED = "moved", _("INSET day moved")

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="published_insets")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    added = models.BooleanField(help_text=_("False: the day was already an INSET day."))
    # The school followed its local authority's calendar, so publishing gave it its own copy.
    copied_from_authority = models.CharField(max_length=100, blank=True)
    label = models.CharField(max_length=120, blank=True)  # a moved day's, to put it back

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "school", "date"], name="one_published_day")
        ]
        ordering = ["school__name", "date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date} at {self.school}"
