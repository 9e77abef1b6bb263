"""Expanding a rule to dates: its candidate dates, then moving or dropping those when a
school is closed, with the reason why."""

from collections.abc import Sequence
from datetime import MAXYEAR, date, timedelta

from kinship.meetings.recurrence.model import (
    GREGORIAN_CYCLE_YEARS,
    MAX_CANDIDATES,
    MAX_NAMED,
    MAX_YEARS,
    Dropped,
    Expansion,
    Moved,
    NthWeekdayOfHalfTerm,
    Override,
    Policy,
    RecurrenceError,
    RRuleText,
    Rule,
    SchoolCalendar,
    one_line,
    parse_rrule,
    shifted,
)


def _nth_dates(rule: NthWeekdayOfHalfTerm, reference: SchoolCalendar) -> list[date]:
    found = []
    for first, last in reference.half_terms:
        span = (last - first).days
        if rule.nth > 0:
            offset = (rule.weekday - first.weekday()) % 7 + 7 * (rule.nth - 1)
            if offset <= span:
                found.append(first + timedelta(days=offset))
        else:
            offset = (last.weekday() - rule.weekday) % 7
            if offset <= span:
                found.append(last - timedelta(days=offset))
    return found


def _rrule_dates(rule: RRuleText, start: date, until: date) -> set[date]:
    # dateutil searches on to the year 9999 when a rule has no more dates (30 February, say),
    # which takes seconds. The calendar, weekdays and leap years included, repeats every 400
    # years, so working in the last such cycle before 9999 gives the same dates, quickly.
    shift = (MAXYEAR - until.year) // GREGORIAN_CYCLE_YEARS * GREGORIAN_CYCLE_YEARS
    found: set[date] = set()
    try:
        for moment in parse_rrule(rule.text, start, until, shift):
            day = shifted(moment, -shift).date()
            if day > until or len(found) > MAX_CANDIDATES:
                break
            found.add(day)
    except RecurrenceError:
        raise
    except Exception as error:  # e.g. a huge INTERVAL running past the year 9999
        raise RecurrenceError(f"the RRULE cannot be worked out: {one_line(error)}") from None
    return found


def candidate_dates(rule: Rule, reference: SchoolCalendar, start: date, until: date) -> list[date]:
    """The dates the rule gives within [start, until], before any school's closures count."""
    if until < start:
        raise RecurrenceError(f"until {until} is before start {start}")
    if until.year - start.year > MAX_YEARS:
        raise RecurrenceError(f"a series can run for {MAX_YEARS} years at most")
    if isinstance(rule, NthWeekdayOfHalfTerm):
        found = set(_nth_dates(rule, reference))
    else:
        found = _rrule_dates(rule, start, until)
    dates = sorted(day for day in found if start <= day <= until)
    if len(dates) > MAX_CANDIDATES:
        raise RecurrenceError(f"the rule gives more than {MAX_CANDIDATES} dates; narrow it")
    return dates


def _later_open_day(
    day: date,
    calendars: Sequence[SchoolCalendar],
    reference: SchoolCalendar,
    until: date,
    taken: set[date],
) -> date | None:
    """The first later day in the same reference half-term that suits every school, if any."""
    index = reference.half_term_index(day)
    if index is None:
        # In the reference school's holidays: "during term time" means leaving it out, not
        # pulling it into next term on top of the next regular date.
        return None
    days = (min(until, reference.half_terms[index][1]) - day).days
    for offset in range(1, days + 1):
        later = day + timedelta(days=offset)
        if later not in taken and all(c.is_school_day(later) for c in calendars):
            return later
    return None


def expand(
    rule: Rule,
    calendars: Sequence[SchoolCalendar],
    reference_name: str,
    start: date,
    until: date,
    policy: Policy = Policy.MOVE,
) -> Expansion:
    """The rule's dates on the reference school's calendar, kept to days every school is open.

    A date when any school is closed is moved to a later day in the same half-term, or
    dropped; each is recorded with the reason, so the organiser sees what happened and why.
    Moves never land on another of the rule's dates, so no two occurrences share a day.
    """
    reference = next((c for c in calendars if c.name == reference_name), None)
    if reference is None:
        names = ", ".join(c.name for c in calendars) or "none"
        raise RecurrenceError(f"no calendar is named {reference_name!r} (calendars: {names})")
    candidates = candidate_dates(rule, reference, start, until)
    taken = set(candidates)
    dates: list[date] = []
    moved: list[Moved] = []
    dropped: list[Dropped] = []
    for day in candidates:
        closed = [c for c in calendars if not c.is_school_day(day)]
        if not closed:
            dates.append(day)
            continue
        reason = closed_reason(closed, day)
        if policy == Policy.DROP:
            dropped.append(Dropped(day, reason))
            continue
        later = _later_open_day(day, calendars, reference, until, taken)
        if later is None:
            in_term = reference.half_term_index(day) is not None
            why = ", and no later day in that half-term suits every school" if in_term else ""
            dropped.append(Dropped(day, f"{reason}{why}"))
            continue
        taken.add(later)
        dates.append(later)
        moved.append(Moved(day, later, reason))
    return Expansion(tuple(sorted(dates)), tuple(moved), tuple(dropped))


def apply_overrides(dates: Sequence[date], overrides: Sequence[Override]) -> list[date]:
    """The dates after per-occurrence edits; each edit touches only its own occurrence.

    An edit for a date the series does not have is ignored; a later edit of the same
    occurrence replaces an earlier one. Two occurrences may end up on the same day.
    """
    edits = {override.original: override.new_date for override in overrides}
    result = [edits.get(day, day) for day in dates]
    return sorted(day for day in result if day is not None)


def closed_reason(closed: Sequence[SchoolCalendar], day: date) -> str:
    """Why `day` does not suit: the closed schools, grouped by why, and counted rather than
    listed when there are many ("A, B and 38 other schools are on holiday")."""
    groups: dict[str, list[str]] = {}
    for calendar in closed:
        groups.setdefault(calendar.why_closed(day) or "closed", []).append(calendar.name)
    parts = []
    for why, names in groups.items():
        if len(names) == 1:
            parts.append(f"{names[0]} is {why}")
        elif len(names) <= MAX_NAMED:
            parts.append(f"{and_list(names)} are {why}")
        else:
            others = len(names) - 2
            parts.append(f"{names[0]}, {names[1]} and {others} other schools are {why}")
    return "; ".join(parts)


def and_list(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
