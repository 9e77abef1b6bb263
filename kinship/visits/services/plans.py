"""Setting up a staggered INSET plan: its window and defaults, each school's part, staff
preferences and the coordinator's pins. Each operation is one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinship.accounts.models import User
from kinship.core.audit import audit_log
from kinship.core.concurrency import lock_or_empty, lock_unchanged
from kinship.core.templatetags.kinship import format_uk_date
from kinship.families.models import Family
from kinship.schools.models import School
from kinship.schools.term_dates import academic_year_of
from kinship.visits.models import PlanPin, PlanSchool, StaffPreference, VisitPlan
from kinship.visits.rota import MAX_PREFERENCES
from kinship.visits.selectors import plans as selectors

MAX_STAGGERED_DAYS = 5
MAX_CAPACITY = 40
TIME_LIMITS = (5, 120)


@dataclass
class PlanFields:
    """What a coordinator sets on a plan."""

    title: str
    window_start: date
    window_end: date
    common_inset_date: date | None = None
    staggered_days: int = 1
    default_capacity: int = 3
    allow_unlisted: bool = True
    time_limit_s: int = 30
    visit_start: time = time(8, 45)
    visit_end: time = time(15, 15)
    preferences_due: date | None = None


def _check_plan_fields(fields: PlanFields) -> PlanFields:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = "Give the plan a title, e.g. 'Spring term visits'."
    if fields.window_end < fields.window_start:
        errors["window_end"] = "The window cannot end before it starts."
    elif academic_year_of(fields.window_start) != academic_year_of(fields.window_end):
        errors["window_end"] = (
            "Keep the window inside one academic year (September to August): term dates are "
            "kept a year at a time."
        )
    today = timezone.localdate()
    if fields.window_start < today - timedelta(days=366):
        errors["window_start"] = "That window is more than a year ago."
    elif fields.window_start > today + timedelta(days=3660):
        errors["window_start"] = "Plan at most ten years ahead, as for events."
    common = fields.common_inset_date
    if common is not None and not fields.window_start <= common <= fields.window_end:
        errors["common_inset_date"] = "Choose a common INSET day inside the window."
    elif common is not None and common.weekday() >= 5:
        errors["common_inset_date"] = "The common INSET day falls at a weekend."
    if not 1 <= fields.staggered_days <= MAX_STAGGERED_DAYS:
        errors["staggered_days"] = f"Each school takes 1 to {MAX_STAGGERED_DAYS} staggered days."
    if not 0 <= fields.default_capacity <= MAX_CAPACITY:
        errors["default_capacity"] = f"Give 0 to {MAX_CAPACITY} visitors a day."
    if not TIME_LIMITS[0] <= fields.time_limit_s <= TIME_LIMITS[1]:
        errors["time_limit_s"] = f"Allow {TIME_LIMITS[0]} to {TIME_LIMITS[1]} seconds."
    if fields.visit_end <= fields.visit_start:
        errors["visit_end"] = "Visits must end after they start."
    if fields.preferences_due and fields.preferences_due > fields.window_end:
        errors["preferences_due"] = "Ask for preferences before the window ends."
    if errors:
        raise ValidationError(errors)
    fields.title = fields.title.strip()
    return fields


def _plan_values(fields: PlanFields) -> dict[str, Any]:
    return {name: getattr(fields, name) for name in PlanFields.__dataclass_fields__}


@transaction.atomic
def visit_plan_create(*, actor: User, family: Family, fields: PlanFields) -> VisitPlan:
    """A plan for the family's active member schools, each taking part with the plan's
    figures until its lead or the coordinator changes them."""
    fields = _check_plan_fields(fields)
    plan = VisitPlan.objects.create(family=family, created_by=actor, **_plan_values(fields))
    PlanSchool.objects.bulk_create(
        PlanSchool(plan=plan, school=school) for school in selectors.family_schools(plan)
    )
    audit_log(
        actor=actor,
        action="visits.plan_create",
        target=plan,
        summary=f"{plan.title} for {family.name}",
    )
    return plan


PLAN_EDIT_FIELDS = tuple(PlanFields.__dataclass_fields__)


@transaction.atomic
def visit_plan_update(
    *, actor: User, plan: VisitPlan, fields: PlanFields, version: str | None = None
) -> VisitPlan:
    """Change a plan's settings. `version` is the plan's edit version as the form showed it:
    a change saved since raises EditConflict."""
    plan = lock_unchanged(plan, PLAN_EDIT_FIELDS, version)
    fields = _check_plan_fields(fields)
    if plan.published_at and academic_year_of(fields.window_start) != plan.academic_year:
        raise ValidationError(
            {"window_start": "This plan is published: keep its window in the same year."}
        )
    for name, value in _plan_values(fields).items():
        setattr(plan, name, value)
    plan.save()
    audit_log(actor=actor, action="visits.plan_update", target=plan, summary=plan.title)
    return plan


def _plan_school_row(plan: VisitPlan, school: School) -> PlanSchool:
    row, _ = PlanSchool.objects.select_for_update().get_or_create(plan=plan, school=school)
    return row


PLAN_SCHOOL_FIELDS = (
    "takes_part", "inset_days", "host_capacity", "excluded_dates", "reschedulable_insets",
)  # fmt: skip


@transaction.atomic
def plan_school_update(
    *,
    actor: User,
    plan: VisitPlan,
    school: School,
    takes_part: bool,
    inset_days: int | None,
    host_capacity: int | None,
    excluded: Sequence[date],
    reschedulable: Sequence[date] | None = None,
    version: str | None = None,
) -> PlanSchool:
    """A school's part in the plan: `excluded` are days of the window its lead rules out;
    None for a figure means "the plan's". Refused when fewer candidate days would be left
    than the school takes. `version` is the part's edit version as the form showed it (a
    school not yet set up has an empty one): a change saved since raises EditConflict.
    `reschedulable`: which of the school's own INSET days the plan may move (None: as was)."""
    lock_or_empty(PlanSchool, {"plan": plan, "school": school}, PLAN_SCHOOL_FIELDS, version)
    state = selectors.school_state(plan, school)
    if not state.has_term_dates and takes_part:
        raise ValidationError(
            f"{school.name} has no term dates for this year: its lead enters them on the "
            "school's page first, so Kinship knows which days its pupils are in."
        )
    open_days = set(state.open_days)
    strays = [day for day in excluded if day not in open_days]
    if strays:
        raise ValidationError(
            f"{format_uk_date(strays[0])} is not a day {school.name}'s pupils are in, inside "
            "the window."
        )
    days = plan.staggered_days if inset_days is None else inset_days
    if not 1 <= days <= MAX_STAGGERED_DAYS:
        raise ValidationError({"inset_days": f"Take 1 to {MAX_STAGGERED_DAYS} staggered days."})
    if host_capacity is not None and not 0 <= host_capacity <= MAX_CAPACITY:
        raise ValidationError({"host_capacity": f"Give 0 to {MAX_CAPACITY} visitors a day."})
    left = [
        day for day in state.open_days if day not in set(excluded) and day != plan.common_inset_date
    ]
    if takes_part and len(left) < days:
        raise ValidationError(f"Leave at least {days} candidate day(s): {len(left)} would be left.")
    pinned = set(
        plan.pins.filter(kind=PlanPin.Kind.INSET, school=school).values_list("date", flat=True)
    )
    if pinned & set(excluded):
        raise ValidationError(
            "A day you ruled out is pinned as this school's INSET day: the coordinator takes the "
            "pin off first."
        )
    if reschedulable is not None:
        own = set(selectors.own_insets_for(plan, school))
        strays = [day for day in reschedulable if day not in own]
        if strays:
            raise ValidationError(
                f"{format_uk_date(strays[0])} is not one of {school.name}'s own INSET days "
                "still to come this year."
            )
    row = _plan_school_row(plan, school)
    if reschedulable is not None:
        row.reschedulable_insets = sorted(day.isoformat() for day in set(reschedulable))
    row.takes_part = takes_part
    row.inset_days = inset_days
    row.host_capacity = host_capacity
    row.excluded_dates = sorted(day.isoformat() for day in excluded)
    row.updated_by, row.updated_at = actor, timezone.now()
    row.save()
    return row


# Staff preferences


PREFERENCE_FIELDS = (
    "school", "will_visit", "first_choice", "second_choice", "third_choice", "focus_subject",
    "focus_year_group",
)  # fmt: skip


@transaction.atomic
def staff_preference_save(
    *,
    actor: User,
    plan: VisitPlan,
    school: School,
    will_visit: bool,
    choices: Sequence[School] = (),
    focus_subject: str = "",
    focus_year_group: str = "",
    version: str | None = None,
) -> StaffPreference:
    """Whether `actor` will visit from `school`, and where they would like to go, best first.
    `version` is the answer's edit version as the form showed it (none given yet counts as
    empty): a change saved since, say from another tab, raises EditConflict."""
    lock_or_empty(StaffPreference, {"plan": plan, "person": actor}, PREFERENCE_FIELDS, version)
    mine = selectors.schools_of_person_in_plan(plan, actor)
    if school.pk not in {own.pk for own in mine}:
        raise ValidationError("You can only answer for a school taking part where you work.")
    states = {state.school.pk: state for state in selectors.school_states(plan, with_counts=False)}
    chosen = list(choices) if will_visit else []
    if len(chosen) > MAX_PREFERENCES:
        raise ValidationError({"choices": f"Choose at most {MAX_PREFERENCES} schools."})
    if len({choice.pk for choice in chosen}) < len(chosen):
        raise ValidationError({"choices": "A school is chosen twice."})
    for choice in chosen:
        if choice.pk == school.pk:
            raise ValidationError({"choices": "Choose schools other than your own."})
        state = states.get(choice.pk)
        if state is None or not state.takes_part:
            raise ValidationError({"choices": f"{choice.name} is not taking part in this plan."})
    slots = [*chosen, None, None, None][:MAX_PREFERENCES]
    preference, _ = StaffPreference.objects.update_or_create(
        plan=plan,
        person=actor,
        defaults={
            "school": school,
            "will_visit": will_visit,
            "first_choice": slots[0],
            "second_choice": slots[1],
            "third_choice": slots[2],
            "focus_subject": focus_subject if will_visit else "",
            "focus_year_group": focus_year_group if will_visit else "",
        },
    )
    return preference


# Pins


@transaction.atomic
def plan_pin_inset(*, actor: User, plan: VisitPlan, school: School, day: date) -> PlanPin:
    """Fix one of `school`'s staggered INSET days on `day`."""
    state = selectors.school_state(plan, school)
    if not state.takes_part:
        raise ValidationError(f"{school.name} is not taking part in this plan.")
    if day not in state.candidates:
        raise ValidationError(
            f"{format_uk_date(day)} is not one of {school.name}'s candidate days."
        )
    pinned = plan.pins.filter(kind=PlanPin.Kind.INSET, school=school)
    if pinned.filter(date=day).exists():
        raise ValidationError(f"{school.name}'s INSET day is already pinned on that date.")
    if pinned.count() >= state.inset_days:
        raise ValidationError(
            f"{school.name} takes {state.inset_days} staggered day(s), all pinned already: "
            "take a pin off first."
        )
    pin = PlanPin.objects.create(
        plan=plan, kind=PlanPin.Kind.INSET, school=school, date=day, created_by=actor
    )
    audit_log(
        actor=actor,
        action="visits.pin_add",
        target=plan,
        summary=f"{school.name}'s INSET day pinned on {day:%Y-%m-%d}",
    )
    return pin


@transaction.atomic
def plan_pin_visit(
    *, actor: User, plan: VisitPlan, person: User, host: School, day: date | None = None
) -> PlanPin:
    """Send `person` to `host` (on `day`, or on one of their school's INSET days)."""
    preference = plan.preferences.filter(person=person, will_visit=True).first()
    if preference is None:
        raise ValidationError(f"{person} has not said they will visit.")
    if host.pk == preference.school_id:
        raise ValidationError(f"{host.name} is {person}'s own school.")
    states = {state.school.pk: state for state in selectors.school_states(plan, with_counts=False)}
    if host.pk not in states or not states[host.pk].takes_part:
        raise ValidationError(f"{host.name} is not taking part in this plan.")
    own = states.get(preference.school_id)
    if day is not None and (own is None or day not in own.candidates):
        raise ValidationError(
            f"{format_uk_date(day)} is not one of {preference.school.name}'s candidate days: "
            "its staff visit on its own INSET days."
        )
    PlanPin.objects.filter(plan=plan, kind=PlanPin.Kind.VISIT, person=person).delete()
    pin = PlanPin.objects.create(
        plan=plan, kind=PlanPin.Kind.VISIT, school=host, person=person, date=day, created_by=actor
    )
    audit_log(
        actor=actor,
        action="visits.pin_add",
        target=plan,
        summary=f"{person.email} pinned to visit {host.name}",
    )
    return pin


@transaction.atomic
def plan_pin_remove(*, actor: User, pin: PlanPin) -> None:
    audit_log(actor=actor, action="visits.pin_remove", target=pin.plan, summary=str(pin))
    pin.delete()
