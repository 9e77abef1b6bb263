"""Dates for repeating family events, kept to days when every school is open.

Pure Python with no Django import, so the rules can be tested on their own and run from the
expand_series command; the meetings services wrap it for the web pages.
"""

import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import MAXYEAR, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

from dateutil.rrule import rrule, rrulestr

from kinship.core.dates import uk_date
from kinship.core.json_input import json_object

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
MAX_CANDIDATES = 1000  # more dates than this is a mistaken rule, and would be slow to check
MAX_YEARS = 100  # far beyond any real series; keeps a long rule from running for seconds
GREGORIAN_CYCLE_YEARS = 400
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")


MAX_NAMED = 3  # schools named in a reason before the rest are counted


class RecurrenceError(ValueError):
    """A rule, calendar or spec that cannot give dates; the message is one line for a person."""

    def __init__(self, message: str) -> None:
        # Names and values from a spec may hold line breaks; the message must stay on one line.
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True)
class SchoolCalendar:
    """One school's half-terms (inclusive spans) and the term-time days it is closed."""

    name: str
    half_terms: tuple[tuple[date, date], ...]
    closed: Mapping[date, str] = field(default_factory=dict)

    def is_school_day(self, day: date) -> bool:
        return (
            day.weekday() < 5 and self.half_term_index(day) is not None and day not in self.closed
        )

    def half_term_index(self, day: date) -> int | None:
        for index, (first, last) in enumerate(self.half_terms):
            if first <= day <= last:
                return index
        return None

    def why_closed(self, day: date) -> str | None:
        """Why the school is shut, worded to follow "<school> is "; None on a school day."""
        if day.weekday() >= 5:
            return "closed at the weekend"
        if self.half_term_index(day) is None:
            return "on holiday"
        if day in self.closed:
            label = self.closed[day].strip()
            # A bare list of closures in a spec gives the label "closed": do not say it twice.
            return f"closed ({label})" if label and label != "closed" else "closed"
        return None


@dataclass(frozen=True)
class NthWeekdayOfHalfTerm:
    """The nth weekday (0 = Monday … 4 = Friday) of each half-term; nth -1 is the last."""

    nth: int
    weekday: int

    def __post_init__(self) -> None:
        if not _is_int(self.nth) or self.nth not in ORDINALS:
            raise RecurrenceError(f"nth must be 1, 2, 3, 4, 5 or -1 (last), not {self.nth!r}")
        if not _is_int(self.weekday) or self.weekday not in range(5):
            raise RecurrenceError(f"weekday must be 0 (Monday) to 4 (Friday), not {self.weekday!r}")


@dataclass(frozen=True)
class RRuleText:
    """An RFC 5545 RRULE, with or without "RRULE:"; checked when made so errors show early."""

    text: str

    def __post_init__(self) -> None:
        _parse_rrule(self.text, date(2000, 1, 1))


Rule = NthWeekdayOfHalfTerm | RRuleText


class Policy(StrEnum):
    """What to do with a date when a school is closed: move it to a later day, or leave it out."""

    MOVE = "move"
    DROP = "drop"


@dataclass(frozen=True)
class Moved:
    from_date: date
    to_date: date
    reason: str


@dataclass(frozen=True)
class Dropped:
    date: date
    reason: str


@dataclass(frozen=True)
class Expansion:
    """The dates to hold (moved ones included, at their new date), and what moved or went."""

    dates: tuple[date, ...]
    moved: tuple[Moved, ...]
    dropped: tuple[Dropped, ...]


@dataclass(frozen=True)
class Override:
    """An edit to one occurrence, found by the date the rule gave it; new_date None cancels."""

    original: date
    new_date: date | None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _rrule_parts(text: str) -> tuple[str, dict[str, str]]:
    """The RRULE body (without "RRULE:") and its NAME=VALUE parts, upper-cased."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if not body:
        raise RecurrenceError("the RRULE is empty")
    if ":" in body or "\n" in body:
        raise RecurrenceError(f"{_one_line(text)!r} must be a single RRULE line, without DTSTART")
    parts: dict[str, str] = {}
    for part in body.upper().split(";"):
        name, equals, value = (piece.strip() for piece in part.partition("="))
        if not equals or not name or not value:
            raise RecurrenceError(f"{body!r} is not a valid RRULE: {part!r} is not NAME=VALUE")
        if name in parts:
            raise RecurrenceError(f"{body!r} is not a valid RRULE: {name} is given twice")
        parts[name] = value
    return body, parts


def _until(value: str) -> datetime:
    """An RRULE UNTIL; a UTC one ("…T000000Z") is read as local, as series are made of dates."""
    match = re.fullmatch(r"(\d{8})(?:T(\d{6}))?Z?", value)
    try:
        if match is None:
            raise ValueError
        return datetime.strptime(match.group(1) + (match.group(2) or "000000"), "%Y%m%d%H%M%S")
    except ValueError:
        raise RecurrenceError(f"UNTIL must be a date such as 20270721, not {value!r}") from None


def _shifted(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year + years)


def _parse_rrule(text: str, start: date, until: date | None = None, shift: int = 0) -> rrule:
    """The rule starting at start; until caps its own UNTIL; shift moves it that many years."""
    body, parts = _rrule_parts(text)
    if parts.get("FREQ") in SUB_DAILY:
        raise RecurrenceError(f"FREQ={parts['FREQ']} repeats within a day; use DAILY or longer")
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError("an RRULE may have COUNT or UNTIL, not both")
    interval = parts.get("INTERVAL", "1")
    if not re.fullmatch(r"[0-9]+", interval) or int(interval) < 1:
        raise RecurrenceError(f"INTERVAL must be a whole number of 1 or more, not {interval!r}")
    if "UNTIL" in parts:
        last = _until(parts["UNTIL"])
        if until is not None:
            last = min(last, datetime.combine(until, time(23, 59, 59)))
        last = _shifted(last, shift)
        parts["UNTIL"] = f"{last.year:04}{last.month:02}{last.day:02}T{last:%H%M%S}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = rrulestr(
                ";".join(f"{name}={value}" for name, value in parts.items()),
                dtstart=_shifted(datetime.combine(start, time()), shift),
            )
    except Exception as error:  # dateutil raises several kinds of error for bad text
        raise RecurrenceError(f"{body!r} is not a valid RRULE: {_one_line(error)}") from None
    if not isinstance(parsed, rrule):
        raise RecurrenceError(f"{body!r} must be a single RRULE")
    return parsed


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
        for moment in _parse_rrule(rule.text, start, until, shift):
            day = _shifted(moment, -shift).date()
            if day > until or len(found) > MAX_CANDIDATES:
                break
            found.add(day)
    except RecurrenceError:
        raise
    except Exception as error:  # e.g. a huge INTERVAL running past the year 9999
        raise RecurrenceError(f"the RRULE cannot be worked out: {_one_line(error)}") from None
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
            parts.append(f"{_and(names)} are {why}")
        else:
            others = len(names) - 2
            parts.append(f"{names[0]}, {names[1]} and {others} other schools are {why}")
    return "; ".join(parts)


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _every(interval: int, unit: str) -> str:
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def _describe_rrule(parts: Mapping[str, str]) -> str | None:
    """Common DAILY, WEEKLY and MONTHLY rules in words; None for anything else."""
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL", "WKST"}:
        return None
    freq, interval = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    plain = all(d in WEEKDAY_CODES for d in days)
    names = [WEEKDAY_NAMES[WEEKDAY_CODES.index(d)] for d in days] if plain else []
    month_day = parts.get("BYMONTHDAY")
    text = None
    if freq == "DAILY" and not month_day:
        if not days:
            text = _every(interval, "day")
        elif interval == 1 and plain and sorted(days) == sorted(WEEKDAY_CODES[:5]):
            text = "every weekday"
        elif interval == 1 and plain:
            text = f"every {_and(names)}"
    elif freq == "WEEKLY" and not month_day and plain:
        text = _every(interval, "week") + (f" on {_and(names)}" if names else "")
    elif freq == "MONTHLY" and not (days and month_day):
        match = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", days[0]) if days else None
        nth = int(match.group(1)) if match else 0
        if not days and not month_day:
            text = _every(interval, "month")
        elif month_day and re.fullmatch(r"-1|[1-9]|[12]\d|3[01]", month_day):
            day_text = "the last day" if month_day == "-1" else f"day {month_day}"
            text = f"{_every(interval, 'month')} on {day_text}"
        elif len(days) == 1 and match and nth in ORDINALS:
            weekday = WEEKDAY_NAMES[WEEKDAY_CODES.index(match.group(2))]
            text = f"the {ORDINALS[nth]} {weekday} of {_every(interval, 'month')}"
    if not text:
        return None
    if "COUNT" in parts:
        text += ", once" if parts["COUNT"] == "1" else f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        until = re.match(r"(\d{4})(\d{2})(\d{2})", parts["UNTIL"])
        if until is None:
            return None
        text += f", until {uk_date(date(*map(int, until.groups())))}"
    return text


def describe(rule: Rule) -> str:
    """The rule in plain English, for organisers and invitations."""
    if isinstance(rule, NthWeekdayOfHalfTerm):
        return f"the {ORDINALS[rule.nth]} {WEEKDAY_NAMES[rule.weekday]} of every half-term"
    try:
        text = _describe_rrule(_rrule_parts(rule.text)[1])
    except ValueError:  # RecurrenceError included: unreadable rules are shown as written
        text = None
    return text or f"a custom rule ({_one_line(rule.text)})"


# The JSON spec read by the expand_series command. Errors name the field at fault.


def _object(value: object, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    return json_object(value, where, required, optional, RecurrenceError)


def _date(value: object, where: str) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise RecurrenceError(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecurrenceError(f"{where}: {value} is not a real date") from None


def _half_terms(value: object, where: str) -> tuple[tuple[date, date], ...]:
    if not isinstance(value, list) or not value:
        raise RecurrenceError(f"{where}: must be a non-empty list of [start, end] pairs")
    spans: list[tuple[date, date, int]] = []
    for index, pair in enumerate(value):
        here = f"{where}[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise RecurrenceError(f"{here}: must be a pair [start, end]")
        first, last = _date(pair[0], f"{here}[0]"), _date(pair[1], f"{here}[1]")
        if last < first:
            raise RecurrenceError(f"{here}: end {last} is before start {first}")
        spans.append((first, last, index))
    spans.sort()
    for (_, before_end, before), (first, last, index) in pairwise(spans):
        if first <= before_end:
            raise RecurrenceError(
                f"{where}[{index}]: {first}..{last} overlaps half_terms[{before}], "
                f"which ends {before_end}"
            )
    return tuple((first, last) for first, last, _ in spans)


def _closed(value: object, where: str) -> dict[date, str]:
    if isinstance(value, list):
        return {_date(day, f"{where}[{index}]"): "closed" for index, day in enumerate(value)}
    if isinstance(value, dict):
        closed = {}
        for key, label in value.items():
            if not isinstance(label, str) or not label.strip():
                raise RecurrenceError(f"{where}.{key}: the label must be non-empty text")
            closed[_date(key, f"{where}.{key}")] = _one_line(label)
        return closed
    raise RecurrenceError(f"{where}: must be a list of dates or an object of date: label")


def _calendars(value: object) -> list[SchoolCalendar]:
    if not isinstance(value, dict) or not value:
        raise RecurrenceError("calendars: must be a non-empty object of name: calendar")
    calendars = []
    for name, body in value.items():
        where = f"calendars.{name}"
        if not name.strip():
            raise RecurrenceError(f"{where}: a calendar needs a name")
        fields = _object(body, where, {"half_terms"}, {"closed"})
        half_terms = _half_terms(fields["half_terms"], f"{where}.half_terms")
        closed = _closed(fields.get("closed", []), f"{where}.closed")
        calendars.append(SchoolCalendar(name, half_terms, closed))
    return calendars


def _rule(value: object, start: date) -> Rule:
    if isinstance(value, dict) and "rrule" in value:
        text = _object(value, "rule", {"rrule"}, set())["rrule"]
        if not isinstance(text, str):
            raise RecurrenceError("rule.rrule: must be RRULE text")
        try:
            _parse_rrule(text, start)
        except RecurrenceError as error:
            raise RecurrenceError(f"rule.rrule: {error}") from None
        return RRuleText(text)
    fields = _object(value, "rule", {"per", "nth", "weekday"}, set())
    if fields["per"] != "half-term":
        raise RecurrenceError(f"rule.per: must be 'half-term', not {fields['per']!r}")
    nth, weekday = fields["nth"], fields["weekday"]
    if not _is_int(nth) or nth not in ORDINALS:
        raise RecurrenceError(f"rule.nth: must be 1, 2, 3, 4, 5 or -1 (last), not {nth!r}")
    if weekday not in WEEKDAY_CODES[:5]:
        raise RecurrenceError(f"rule.weekday: must be one of MO, TU, WE, TH, FR, not {weekday!r}")
    return NthWeekdayOfHalfTerm(nth, WEEKDAY_CODES.index(weekday))


def parse_spec(data: object) -> tuple[Rule, list[SchoolCalendar], str, date, date]:
    """The rule, calendars, reference school's name, start and until from a JSON spec."""
    spec = _object(data, "", {"calendars", "reference", "rule", "start", "until"}, {"policy"})
    start, until = _date(spec["start"], "start"), _date(spec["until"], "until")
    if until < start:
        raise RecurrenceError(f"until: {until} is before start {start}")
    calendars = _calendars(spec["calendars"])
    reference = spec["reference"]
    if not isinstance(reference, str) or reference not in spec["calendars"]:
        names = ", ".join(c.name for c in calendars)
        raise RecurrenceError(f"reference: no calendar named {reference!r} (calendars: {names})")
    return _rule(spec["rule"], start), calendars, reference, start, until


def _policy(data: object) -> Policy:
    value = data.get("policy", "move") if isinstance(data, dict) else "move"
    if value not in tuple(Policy):
        raise RecurrenceError(f"policy: must be 'move' or 'drop', not {value!r}")
    return Policy(value)


def expand_spec(data: object) -> Expansion:
    """Expand a JSON spec, as read by the expand_series command."""
    rule, calendars, reference, start, until = parse_spec(data)
    return expand(rule, calendars, reference, start, until, _policy(data))


def expansion_to_json(expansion: Expansion) -> dict[str, Any]:
    return {
        "dates": [day.isoformat() for day in expansion.dates],
        "moved": [
            {"from": m.from_date.isoformat(), "to": m.to_date.isoformat(), "reason": m.reason}
            for m in expansion.moved
        ],
        "dropped": [{"date": d.date.isoformat(), "reason": d.reason} for d in expansion.dropped],
    }
