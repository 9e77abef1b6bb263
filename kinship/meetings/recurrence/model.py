"""The shapes recurrence works on (repeat rules, school calendars, the policy for closed
days, what expanding gives) and the reading of RRULE text they are checked with."""

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from dateutil.rrule import rrule, rrulestr

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
        if not is_int(self.nth) or self.nth not in ORDINALS:
            raise RecurrenceError(f"nth must be 1, 2, 3, 4, 5 or -1 (last), not {self.nth!r}")
        if not is_int(self.weekday) or self.weekday not in range(5):
            raise RecurrenceError(f"weekday must be 0 (Monday) to 4 (Friday), not {self.weekday!r}")


@dataclass(frozen=True)
class RRuleText:
    """An RFC 5545 RRULE, with or without "RRULE:"; checked when made so errors show early."""

    text: str

    def __post_init__(self) -> None:
        parse_rrule(self.text, date(2000, 1, 1))


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


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def one_line(message: object) -> str:
    return " ".join(str(message).split())


def rrule_parts(text: str) -> tuple[str, dict[str, str]]:
    """The RRULE body (without "RRULE:") and its NAME=VALUE parts, upper-cased."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if not body:
        raise RecurrenceError("the RRULE is empty")
    if ":" in body or "\n" in body:
        raise RecurrenceError(f"{one_line(text)!r} must be a single RRULE line, without DTSTART")
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


def shifted(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year + years)


def parse_rrule(text: str, start: date, until: date | None = None, shift: int = 0) -> rrule:
    """The rule starting at start; until caps its own UNTIL; shift moves it that many years."""
    body, parts = rrule_parts(text)
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
        last = shifted(last, shift)
        parts["UNTIL"] = f"{last.year:04}{last.month:02}{last.day:02}T{last:%H%M%S}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = rrulestr(
                ";".join(f"{name}={value}" for name, value in parts.items()),
                dtstart=shifted(datetime.combine(start, time()), shift),
            )
    except Exception as error:  # dateutil raises several kinds of error for bad text
        raise RecurrenceError(f"{body!r} is not a valid RRULE: {one_line(error)}") from None
    if not isinstance(parsed, rrule):
        raise RecurrenceError(f"{body!r} must be a single RRULE")
    return parsed
