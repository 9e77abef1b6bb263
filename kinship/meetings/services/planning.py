"""Planning a series: the fields an organiser sets and the dates they give, checked against
every invited school's terms, before anything is saved."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from kinship.accounts.models import User
from kinship.families.models import Circle, Family
from kinship.meetings import recurrence, selectors
from kinship.meetings.models import Audience, ClashPolicy
from kinship.schools.models import School

MAX_DATES = 400  # a series longer than this is a mistake, not a meeting pattern


@dataclass(frozen=True)
class PlannedDate:
    original: date  # the date the rule gave
    date: date  # where it lands
    reason: str = ""  # why it moved


@dataclass
class Plan:
    """What saving a series would do, shown to the organiser before they save."""

    dates: list[PlannedDate]
    dropped: list[recurrence.Dropped] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    unchecked: list[School] = field(default_factory=list)  # no term dates: closures unknown
    description: str = ""

    @property
    def moved(self) -> list[PlannedDate]:
        return [planned for planned in self.dates if planned.original != planned.date]


@dataclass
class SeriesFields:
    """What an organiser sets on a series (and, for one date, on an event)."""

    title: str
    kind: str
    start_time: time
    end_time: time
    first_date: date
    until: date | None = None
    description: str = ""
    audience: str = Audience.FAMILY
    circle: Circle | None = None
    schools: Sequence[School] = ()
    guests: Sequence[User] = ()
    host_school: School | None = None
    room: str = ""
    online_url: str = ""
    capacity: int | None = None
    rule: dict[str, Any] | None = None
    reference_school: School | None = None
    policy: str = ClashPolicy.MOVE
    # Set by the part of Kinship that owns the series (ManagedBy) and the page to change it on.
    managed_by: str = ""
    managed_url: str = ""


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")


def rule_from_json(data: dict[str, Any]) -> recurrence.Rule:
    """The JSON form saved on a series ({"per": "half-term", ...} or {"rrule": ...})."""
    if "rrule" in data:
        return recurrence.RRuleText(str(data["rrule"]))
    if data.get("per") == "half-term" and data.get("weekday") in WEEKDAYS:
        nth = data.get("nth")
        if isinstance(nth, int) and nth in (1, 2, 3, 4, 5, -1):
            return recurrence.NthWeekdayOfHalfTerm(nth, WEEKDAYS.index(data["weekday"]))
    raise recurrence.RecurrenceError("That repeat pattern is not one Kinship knows.")


def _check_fields(fields: SeriesFields) -> SeriesFields:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = "Give the event a title."
    if fields.end_time <= fields.start_time:
        errors["end_time"] = "The event must end after it starts."
    today = timezone.localdate()
    if not today - timedelta(days=366) <= fields.first_date <= today + timedelta(days=3660):
        errors["first_date"] = "Choose a date within a year before today and ten years after."
    until = fields.until or fields.first_date
    if fields.rule and fields.until is None:
        errors["until"] = "Say when the series ends."
    elif until < fields.first_date:
        errors["until"] = "The series cannot end before its first date."
    elif (until - fields.first_date).days > 731:
        errors["until"] = "A series can run for two years at most."
    if fields.audience == Audience.CIRCLE and fields.circle is None:
        errors["circle"] = "Choose the circle to invite."
    if fields.audience == Audience.SCHOOLS and not fields.schools:
        errors["schools"] = "Choose at least one school."
    if fields.audience == Audience.PEOPLE and not fields.guests:
        errors["guests"] = "Choose at least one person."
    if not fields.host_school and not fields.online_url:
        errors["host_school"] = "Choose a host school or give an online meeting link."
    if errors:
        raise ValidationError(errors)
    fields.title = fields.title.strip()
    fields.until = until
    return fields


def plan_series(*, family: Family, fields: SeriesFields) -> Plan:
    """Work out the dates a series would have, which moved and which were left out, and why."""
    fields = _check_fields(fields)
    assert fields.until is not None
    schools = selectors.participating_schools(
        family=family,
        audience=fields.audience,
        circle=fields.circle,
        schools=fields.schools,
        guests=fields.guests,
        host_school=fields.host_school,
    )
    calendars = selectors.school_calendars(schools, fields.first_date, fields.until)
    pure = list(calendars.by_school.values())
    if not fields.rule:
        return _plan_one_date(fields, schools, calendars, pure)
    try:
        rule = rule_from_json(fields.rule)
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    reference = fields.reference_school or fields.host_school or (schools[0] if schools else None)
    if isinstance(rule, recurrence.RRuleText) and not calendars.by_school:
        return _plan_unchecked(rule, fields, schools, calendars)
    if reference is not None and reference.pk not in {school.pk for school in schools}:
        raise ValidationError(
            {"reference_school": f"{reference.name} is not among the schools invited: count "
             "half-terms by one of theirs."}
        )  # fmt: skip
    if reference is None or reference.pk not in calendars.by_school:
        name = reference.name if reference else "the reference school"
        raise ValidationError(
            {"reference_school": f"{name} has no term dates for these years, so a repeating "
             "series cannot follow its half-terms. Add its term dates, or choose another school."}
        )  # fmt: skip
    try:
        expansion = recurrence.expand(
            rule,
            pure,
            calendars.by_school[reference.pk].name,
            fields.first_date,
            fields.until,
            recurrence.Policy(fields.policy),
        )
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    moved = {m.to_date: m for m in expansion.moved}
    dates = [
        PlannedDate(moved[d].from_date, d, moved[d].reason) if d in moved else PlannedDate(d, d)
        for d in expansion.dates
    ]
    if len(dates) > MAX_DATES:
        raise ValidationError({"rule": f"That rule gives {len(dates)} dates; {MAX_DATES} at most."})
    if not dates:
        raise ValidationError({"rule": "That rule gives no dates when every school is open."})
    return Plan(
        dates=dates,
        dropped=list(expansion.dropped),
        schools=schools,
        unchecked=calendars.missing,
        description=recurrence.describe(rule),
    )


def _plan_unchecked(
    rule: recurrence.RRuleText,
    fields: SeriesFields,
    schools: list[School],
    calendars: selectors.Calendars,
) -> Plan:
    """No school has term dates: the rule's dates stand as they are, and the plan says so."""
    assert fields.until is not None
    no_terms = recurrence.SchoolCalendar(name="", half_terms=(), closed={})
    try:
        days = recurrence.candidate_dates(rule, no_terms, fields.first_date, fields.until)
    except recurrence.RecurrenceError as error:
        raise ValidationError({"rule": str(error)}) from None
    if len(days) > MAX_DATES:
        raise ValidationError({"rule": f"That rule gives {len(days)} dates; {MAX_DATES} at most."})
    return Plan(
        dates=[PlannedDate(day, day) for day in days],
        schools=schools,
        unchecked=calendars.missing,
        description=recurrence.describe(rule),
    )


def _plan_one_date(
    fields: SeriesFields,
    schools: list[School],
    calendars: selectors.Calendars,
    pure: list[recurrence.SchoolCalendar],
) -> Plan:
    day = fields.first_date
    closed = [c for c in pure if not c.is_school_day(day)]
    if closed and not _is_whole_day_event(fields):
        reason = recurrence.closed_reason(closed, day)
        raise ValidationError({"first_date": f"{reason} on that day."})
    return Plan(dates=[PlannedDate(day, day)], schools=schools, unchecked=calendars.missing)


# Kinds that may fall when an invited school's pupils are away: that is the point of a common
# INSET day or a twilight, and a visit day is the visitor's own INSET day (the visits app
# checks the host school is in session).
WHEN_PUPILS_ARE_AWAY = ("common_inset", "twilight", "visit_day")


def _is_whole_day_event(fields: SeriesFields) -> bool:
    return fields.kind in WHEN_PUPILS_ARE_AWAY
