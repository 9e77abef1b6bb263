"""One academic year as plain data (`TermYear`), its dates and England's bank holidays."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import holidays

from kinship.core.dates import uk_date

HALF_TERM_NAMES = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")
EXPECTED_PUPIL_DAYS = 190  # what the Department for Education expects of maintained schools
EXPECTED_INSET_DAYS = 5
MAX_HALF_TERMS = len(HALF_TERM_NAMES)
CSV_COLUMNS = ("kind", "start", "end", "label")

ONE_DAY = timedelta(days=1)


class ClosureKind(StrEnum):
    """Why a school is closed; the values are those the database and the CSV use."""

    INSET = "inset"
    BANK_HOLIDAY = "bank_holiday"
    CLOSURE = "closure"


# How each kind reads in a sentence ("The INSET day on ...").
KIND_NAMES: dict[ClosureKind, str] = {
    ClosureKind.INSET: "INSET day",
    ClosureKind.BANK_HOLIDAY: "bank holiday",
    ClosureKind.CLOSURE: "closure",
}


@dataclass(frozen=True)
class HalfTerm:
    """The first and last day of a half-term, both included (weekends inside do not count)."""

    start: date
    end: date


@dataclass(frozen=True)
class Closure:
    """A day a school is closed to pupils although it falls inside a half-term."""

    date: date
    kind: ClosureKind
    label: str = ""


@dataclass(frozen=True)
class TermYear:
    """An academic year: `start_year` 2026 runs from 1 Sep 2026 to 31 Aug 2027.

    Constructing one never fails, so that bad data can still be shown; `check` says what is
    wrong with it.
    """

    start_year: int
    half_terms: tuple[HalfTerm, ...]
    closures: tuple[Closure, ...] = ()

    @property
    def first_day(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        """The year as schools write it: "2026–27", with an en dash."""  # noqa: RUF002
        return f"{self.start_year}–{(self.start_year + 1) % 100:02d}"

    def is_open(self, day: date) -> bool:
        """Whether pupils are in: a weekday inside a half-term that is not a closure."""
        return (
            day.weekday() < 5
            and any(h.start <= day <= h.end for h in self.half_terms)
            and all(c.date != day for c in self.closures)
        )

    def open_days(self) -> frozenset[date]:
        """Every day pupils are in: checking a set beats asking is_open day by day."""
        return frozenset(self._term_weekdays() - {c.date for c in self.closures})

    @property
    def pupil_days(self) -> int:
        """Weekdays inside the half-terms, less the closures that fall on them."""
        return len(self.open_days())

    @property
    def inset_days(self) -> int:
        """INSET days that take a pupil day: one at a weekend or in a holiday does not count."""
        days = self._term_weekdays()
        return len({c.date for c in self.closures if c.kind is ClosureKind.INSET} & days)

    def _term_weekdays(self) -> set[date]:
        """A set, so that overlapping half-terms (an error `check` reports) count once."""
        return {d for h in self.half_terms for d in weekdays_between(h.start, h.end)}


class TermDatesError(ValueError):
    """Term dates that cannot be read; the message is for people, `errors` lists each problem.

    `line` is the line of the (first) problem in a file, when there is one.
    """

    def __init__(
        self, message: str = "", *, line: int | None = None, errors: Sequence[str] = ()
    ) -> None:
        self.errors: list[str] = list(errors) if errors else [message]
        self.line = line
        super().__init__(message or "; ".join(self.errors))


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: errors refuse the year, warnings are shown but accepted."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    pupil_days: int
    inset_days: int

    @property
    def ok(self) -> bool:
        return not self.errors


# --- Dates ---------------------------------------------------------------------------------


def span_text(start: date, end: date) -> str:
    return f"{uk_date(start)} – {uk_date(end)}"


def weekdays_between(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += ONE_DAY


def half_term_name(index: int) -> str:
    return HALF_TERM_NAMES[index] if index < MAX_HALF_TERMS else f"Half-term {index + 1}"


def academic_year_of(day: date) -> int:
    """The academic year a day belongs to: September onwards starts a new one."""
    return day.year if day.month >= 9 else day.year - 1


def year_label(start_year: int) -> str:
    return TermYear(start_year, ()).label


# The `holidays` package's names for England's regular bank holidays, as gov.uk names them.
_GOV_UK_NAMES = {
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
}


def england_bank_holidays(year: int) -> dict[date, str]:
    """England's bank holidays in calendar year `year` that fall on a weekday, as gov.uk lists
    them: weekend holidays move to a substitute weekday, and one-off days (the 2022 jubilee
    and funeral, the 2023 coronation, the 2020 Early May move) are included. The `holidays`
    package keeps the one-off days up to date; a rule written here could not know them.
    """
    known = holidays.country_holidays(
        "GB", subdiv="ENG", years=year, language="en_GB", observed=True
    )
    days: dict[date, str] = {}
    for day, names in known.items():
        if day.weekday() >= 5:
            continue  # a weekend day closes nothing; its substitute weekday is listed
        for name in names.split("; "):
            name = name.replace("(observed)", "(substitute day)")
            days[day] = "; ".join(filter(None, [days.get(day), _GOV_UK_NAMES.get(name, name)]))
    return dict(sorted(days.items()))
