"""One school's (or one local authority's) academic year in England: model, checks and files.

Term dates drive everything else in Kinship: a meeting "on the 2nd Tuesday of every
half-term" needs to know the half-terms, and a date on an INSET day is no good to anyone.
This module holds an academic year as plain data (`TermYear`), checks it against what schools
in England are expected to do (`check`: 190 pupil days, 5 INSET days, 6 half-terms, bank
holidays closed), and reads and writes the two formats people bring: a small CSV that anyone
can write in a spreadsheet, and the iCalendar files local authorities publish.

Pure Python (plus icalendar and dateutil): no Django here, so it is tested with plain data
and shared by forms, services and the demo.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.easter import easter
from dateutil.relativedelta import MO, relativedelta
from icalendar import Calendar, Component

from kinship.core.dates import uk_date
from kinship.core.spreadsheet import SafeWriter, unescape_cell

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
_KIND_NAMES: dict[ClosureKind, str] = {
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
        return {d for h in self.half_terms for d in _weekdays(h.start, h.end)}


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


def _span(start: date, end: date) -> str:
    return f"{uk_date(start)} – {uk_date(end)}"


def _weekdays(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += ONE_DAY


def _half_term_name(index: int) -> str:
    return HALF_TERM_NAMES[index] if index < MAX_HALF_TERMS else f"Half-term {index + 1}"


def academic_year_of(day: date) -> int:
    """The academic year a day belongs to: September onwards starts a new one."""
    return day.year if day.month >= 9 else day.year - 1


def _year_label(start_year: int) -> str:
    return TermYear(start_year, ()).label


def england_bank_holidays(year: int) -> dict[date, str]:
    """England's bank holidays in calendar year `year`, worked out rather than looked up.

    Weekend holidays move to the next weekday(s), as the gov.uk list shows them. One-off
    changes (the Early May holiday moved to 8 May in 2020, extra days for coronations and
    funerals) are not known here: a school that was closed lists the day as a closure.
    """
    days: dict[date, str] = {}

    new_year = date(year, 1, 1)
    if new_year.weekday() >= 5:
        days[new_year + relativedelta(weekday=MO)] = "New Year's Day (substitute day)"
    else:
        days[new_year] = "New Year's Day"

    easter_sunday = easter(year)
    days[easter_sunday - timedelta(days=2)] = "Good Friday"
    days[easter_sunday + ONE_DAY] = "Easter Monday"
    days[date(year, 5, 1) + relativedelta(weekday=MO(+1))] = "Early May bank holiday"
    days[date(year, 5, 31) + relativedelta(weekday=MO(-1))] = "Spring bank holiday"
    days[date(year, 8, 31) + relativedelta(weekday=MO(-1))] = "Summer bank holiday"

    # Christmas Day and Boxing Day: each moves to the first weekday not already taken.
    taken: set[date] = set()
    for day_of_month, name in ((25, "Christmas Day"), (26, "Boxing Day")):
        day = date(year, 12, day_of_month)
        if day.weekday() < 5:
            days[day] = name
            taken.add(day)
            continue
        substitute = day
        while substitute.weekday() >= 5 or substitute in taken or substitute.day <= 26:
            substitute += ONE_DAY
        days[substitute] = f"{name} (substitute day)"
        taken.add(substitute)
    return dict(sorted(days.items()))


# --- Checking ------------------------------------------------------------------------------


def check(year: TermYear) -> CheckReport:
    """Check a year against what is expected of schools in England.

    Errors are things that cannot be right (overlapping half-terms, dates outside the year)
    and refuse the year; warnings are things that are unusual but can be (a 189-day year, a
    training day moved to a weekend) and are shown so that a person can confirm them.
    """
    errors: list[str] = []
    warnings: list[str] = []
    first, last = year.first_day, year.last_day
    year_span = f"the {year.label} academic year ({uk_date(first)} to {uk_date(last)})"
    halves = year.half_terms

    if not halves:
        errors.append("There are no half-terms; a year needs at least one")
    elif len(halves) > MAX_HALF_TERMS:
        errors.append(f"{len(halves)} half-terms; a year has at most {MAX_HALF_TERMS}")
    elif len(halves) < MAX_HALF_TERMS:
        warnings.append(
            f"Only {_plural(len(halves), 'half-term')}; "
            f"schools in England usually have {MAX_HALF_TERMS}"
        )

    for index, half in enumerate(halves):
        name = _half_term_name(index)
        if half.end < half.start:
            errors.append(
                f"{name} ends on {uk_date(half.end)}, before it starts on {uk_date(half.start)}"
            )
        for what, day in (("starts", half.start), ("ends", half.end)):
            if not first <= day <= last:
                errors.append(f"{name} {what} on {uk_date(day)}, outside {year_span}")
        if index == 0:
            continue
        before = halves[index - 1]
        if half.end < half.start or before.end < before.start:
            continue  # already reported; comparing would only confuse
        this = f"{name} ({_span(half.start, half.end)})"
        that = f"{_half_term_name(index - 1)} ({_span(before.start, before.end)})"
        if half.start < before.start:
            errors.append(f"{this} comes before {that}; list the half-terms in date order")
        elif half.start <= before.end:
            errors.append(f"{this} overlaps {that}")

    seen: set[date] = set()
    reported: set[date] = set()
    for closure in year.closures:
        if closure.date in seen and closure.date not in reported:
            errors.append(f"{uk_date(closure.date)} is listed as a closure more than once")
            reported.add(closure.date)
        seen.add(closure.date)
        kind = _KIND_NAMES[closure.kind]
        if not first <= closure.date <= last:
            errors.append(f"The {kind} on {uk_date(closure.date)} is outside {year_span}")
        elif closure.date.weekday() >= 5:
            warnings.append(
                f"The {kind} on {uk_date(closure.date)} is at a weekend, so it does not count"
            )
        elif not any(h.start <= closure.date <= h.end for h in halves):
            warnings.append(
                f"The {kind} on {uk_date(closure.date)} is outside every half-term, "
                "so it does not count"
            )

    for day, holiday in _bank_holidays_between(first, last).items():
        found = next((i for i, h in enumerate(halves) if h.start <= day <= h.end), None)
        if found is not None and day not in seen:
            warnings.append(
                f"{holiday} ({uk_date(day)}) falls in {_half_term_name(found)} but is not listed "
                "as a closure, so it is counted as a pupil day"
            )

    pupil_days, inset_days = year.pupil_days, year.inset_days
    if pupil_days != EXPECTED_PUPIL_DAYS:
        warnings.append(
            f"{_plural(pupil_days, 'pupil day')}; schools in England are expected to open "
            f"for {EXPECTED_PUPIL_DAYS}"
        )
    if inset_days != EXPECTED_INSET_DAYS:
        warnings.append(
            f"{_plural(inset_days, 'INSET day')}; schools in England usually have "
            f"{EXPECTED_INSET_DAYS}"
        )
    return CheckReport(tuple(errors), tuple(warnings), pupil_days, inset_days)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _bank_holidays_between(first: date, last: date) -> dict[date, str]:
    found: dict[date, str] = {}
    for calendar_year in range(first.year, last.year + 1):
        found.update(
            (d, n) for d, n in england_bank_holidays(calendar_year).items() if first <= d <= last
        )
    return found


# --- CSV -----------------------------------------------------------------------------------

_KIND_ALIASES: dict[str, str] = {
    "half_term": "half_term",
    "halfterm": "half_term",
    "inset": "inset",
    "inset_day": "inset",
    "bank_holiday": "bank_holiday",
    "closure": "closure",
}
_KINDS_HINT = "use half_term, inset, bank_holiday or closure"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


# A file's dates stay within these: a typo such as 0001-01-01 or 9999-12-31 is a mistake,
# not a calendar, and a closure from one to the other would be millions of days.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
LONGEST_RANGE = timedelta(days=366)


def _parse_date(text: str) -> date | None:
    """ISO (2026-09-02) or as people in the UK write it (02/09/2026, 2/9/2026)."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _UK_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_csv(text: str) -> TermYear:
    """Read term dates from CSV with the columns kind,start,end,label.

    `kind` is half_term, inset, bank_holiday or closure; `end` is blank for a single day, and
    a closure from start to end closes every weekday in between. Every bad line is collected
    so that a person can fix the file in one go; the academic year is that of the earliest
    half-term.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise TermDatesError("The file is empty")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: dict[str, int] | None = None
    width = 0
    errors: list[tuple[int, str]] = []
    half_terms: list[HalfTerm] = []
    closures: list[Closure] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if header is None:
                    names = [cell.strip().lower() for cell in row]
                    missing = [c for c in CSV_COLUMNS[:3] if c not in names]
                    if missing:
                        raise TermDatesError(
                            f"line {line}: the header has no {_join(missing)} column "
                            f"(it should be {','.join(CSV_COLUMNS)})",
                            line=line,
                        )
                    header = {name: names.index(name) for name in CSV_COLUMNS if name in names}
                    width = len(row)
                else:
                    problems = _take_csv_row(row, header, width, half_terms, closures)
                    errors.extend((line, problem) for problem in problems)
            line = reader.line_num + 1
    except csv.Error as error:
        errors.append((reader.line_num, f"this is not valid CSV ({error})"))
    if errors:
        raise TermDatesError(
            line=errors[0][0], errors=[f"line {number}: {problem}" for number, problem in errors]
        )
    if not half_terms:
        raise TermDatesError(
            "The file has no half_term rows, so its academic year cannot be worked out"
        )
    half_terms.sort(key=lambda h: h.start)
    closures.sort(key=lambda c: c.date)
    return TermYear(academic_year_of(half_terms[0].start), tuple(half_terms), tuple(closures))


def _join(words: Sequence[str]) -> str:
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _take_csv_row(
    row: list[str],
    header: dict[str, int],
    width: int,
    half_terms: list[HalfTerm],
    closures: list[Closure],
) -> list[str]:
    """Add one data row's half-term or closures; return what is wrong with it instead."""

    def cell(name: str) -> str:
        index = header.get(name)
        return unescape_cell(row[index].strip()) if index is not None and index < len(row) else ""

    problems: list[str] = []
    if any(extra.strip() for extra in row[width:]):
        problems.append(
            "there are more cells than the header has columns "
            "(put a label that contains a comma in double quotes)"
        )
    kind_text = cell("kind")
    kind = _KIND_ALIASES.get(re.sub(r"[\s-]+", "_", kind_text.lower()))
    if not kind_text:
        problems.append(f"the kind is missing ({_KINDS_HINT})")
    elif kind is None:
        problems.append(f"unknown kind '{kind_text}' ({_KINDS_HINT})")

    start_text, end_text = cell("start"), cell("end")
    start = _parse_date(start_text)
    end = _parse_date(end_text) if end_text else None
    if not start_text:
        problems.append("the start date is missing")
    elif start is None:
        problems.append(f"'{start_text}' is not a date")
    if end_text and end is None:
        problems.append(f"'{end_text}' is not a date")
    problems += [
        f"'{text}' is outside the years Kinship keeps term dates for "
        f"({EARLIEST.year} to {LATEST.year})"
        for text, day in ((start_text, start), (end_text, end))
        if day is not None and not EARLIEST <= day <= LATEST
    ]
    if not problems and start is not None and end is not None and end - start > LONGEST_RANGE:
        problems.append(
            f"'{start_text}' to '{end_text}' is longer than a year: give each year's dates "
            "in its own file"
        )
    if problems or kind is None or start is None:
        return problems

    if kind == "half_term":
        if end is None:
            return ["a half_term needs an end date"]
        half_terms.append(HalfTerm(start, end))  # an end before its start is for check()
        return []
    if end is None or end == start:
        days = [start]
    elif end < start:
        return [f"the end date '{end_text}' is before the start date '{start_text}'"]
    else:
        days = list(_weekdays(start, end))
        if not days:
            return [f"'{start_text}' to '{end_text}' has no weekdays"]
    closures.extend(Closure(day, ClosureKind(kind), cell("label")) for day in days)
    return []


def to_csv(year: TermYear) -> str:
    """Write a year as parse_csv reads it: half-terms first, then one row per closure."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for index, half in enumerate(year.half_terms):
        writer.writerow(
            ["half_term", half.start.isoformat(), half.end.isoformat(), _half_term_name(index)]
        )
    for closure in year.closures:
        writer.writerow([closure.kind.value, closure.date.isoformat(), "", closure.label])
    return buffer.getvalue()


# --- iCalendar -----------------------------------------------------------------------------

_SEASON = r"(?:autumn|spring|summer|michaelmas|lent|trinity)"
_ORDINAL = r"(?:1|2|i|ii|one|two|1st|2nd|first|second)"
_INSET = re.compile(
    r"\b(?:insets?|teacher training|staff training|training days?|staff development"
    r"|professional development|teacher days?|non pupil days?|pupil free days?"
    r"|cpd days?|pd days?|baker days?|td days?)\b"
)
_BANK = re.compile(
    r"\b(?:bank holidays?|good friday|easter monday|may day|christmas day|boxing day"
    r"|new years day)\b"
)
_CLOSED = re.compile(
    r"\b(?:closed|closure|closures|polling|election|occasional days?|occasional holidays?)\b"
)
_UNRELATED = re.compile(
    r"\b(?:evenings?|meetings?|sports|trips?|disco|fair|fete|concerts?|photos?|photographs"
    r"|assembly|assemblies|exams?|examinations?|results|open day|open days|deadline"
    r"|admissions?|applications?|ofsted|sats|tests?|nativity|performances?|play|residential"
    r"|celebrations?|festival|parents|governors|induction|transition|reports?|consultations?"
    r"|jumper|dinner|lunch|party|parties|service|mass|disco|bake sale|fundraising|visit)\b"
)
_HOLIDAY = re.compile(r"\b(?:holidays?|hols|vacation|recess)\b|\bbreak\b(?! up)")
_HALF_TERM = re.compile(r"\bhalf ?term\b")
_ORDINAL_HALF_TERM = re.compile(rf"\b{_ORDINAL} half ?term\b")
_NAMED_HOLIDAY = re.compile(r"\b(?:christmas|easter|whitsun|whitsuntide)\b")
_TERM_SPAN = re.compile(
    rf"\b{_SEASON}(?: term)?(?: half)? {_ORDINAL}\b"  # Autumn 1, Autumn term 1, Spring term ii
    rf"|\b{_ORDINAL} half(?: of)?(?: the)? {_SEASON}\b"  # first half of autumn term
    rf"|\b{_SEASON}(?: term)? {_ORDINAL} half\b"  # Summer term 2nd half
    r"|\bterm (?:[1-6]|one|two|three|four|five|six)\b"  # Term 1 .. Term 6
    rf"|\b{_SEASON} term\b"  # Autumn term (a whole term)
)
_TERM_WORDS = re.compile(r"\b(?:terms?|schools?|pupils?|students?|children)\b")
_STARTS = re.compile(
    r"\b(?:starts?|begins?|beginning|first day|opens?|reopens?|returns?|commences?|back)\b"
)
_ENDS = re.compile(r"\b(?:ends?|finish|finishes|last day|closes|breaks? up)\b")
_AROUND = re.compile(r"\b(?:before|after)\b")

MIN_TERM_WEEKDAYS = 5  # a shorter "Autumn term ..." event is a note on a day, not a term
MIN_HOLIDAY_WEEKDAYS = 3  # a shorter "holiday" is a closure, not a break between half-terms


class _Event(StrEnum):
    INSET = "inset"
    BANK = "bank"
    CLOSURE = "closure"
    HOLIDAY = "holiday"
    HOLIDAY_START = "holiday_start"
    HOLIDAY_END = "holiday_end"
    TERM = "term"
    TERM_START = "term_start"
    TERM_END = "term_end"


@dataclass(frozen=True)
class _Dated:
    kind: _Event
    start: date
    end: date
    summary: str


def _normalise(summary: str) -> str:
    text = re.sub(r"['’‘`]", "", summary.lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _classify(summary: str, start: date, end: date) -> _Event | None:
    """What an event says about term dates, or None for an unrelated event."""
    text = _normalise(summary)
    weekdays = sum(1 for _ in _weekdays(start, end))
    if not text:
        return None
    if _INSET.search(text):
        return _Event.INSET
    if _BANK.search(text):
        # "Spring bank holiday" over a week is what others call May half term.
        return _Event.HOLIDAY if weekdays >= MIN_TERM_WEEKDAYS else _Event.BANK
    if _CLOSED.search(text):
        return _Event.HOLIDAY if weekdays >= MIN_TERM_WEEKDAYS else _Event.CLOSURE
    if _UNRELATED.search(text):
        return None
    starts, ends = bool(_STARTS.search(text)), bool(_ENDS.search(text))
    holiday = bool(_HOLIDAY.search(text)) or bool(
        _HALF_TERM.search(text) and not _ORDINAL_HALF_TERM.search(text)
    )
    termish = bool(_TERM_SPAN.search(text) or _TERM_WORDS.search(text))
    if starts != ends and (holiday or termish):
        # "School returns after half term" and "Last day before Christmas" are about term.
        if holiday and not _AROUND.search(text):
            return _Event.HOLIDAY_START if starts else _Event.HOLIDAY_END
        return _Event.TERM_START if starts else _Event.TERM_END
    if holiday:
        return _Event.HOLIDAY if weekdays >= MIN_HOLIDAY_WEEKDAYS else _Event.CLOSURE
    if _TERM_SPAN.search(text):
        return _Event.TERM if weekdays >= MIN_TERM_WEEKDAYS else _Event.TERM_START
    if _NAMED_HOLIDAY.search(text) and weekdays >= MIN_TERM_WEEKDAYS:
        return _Event.HOLIDAY  # "Christmas" over two weeks
    return None


def _london() -> ZoneInfo | None:
    try:
        return ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:  # pragma: no cover - a system without time zone data
        return None


EARLIEST, LATEST = date(1990, 1, 1), date(2200, 12, 31)


def _local_date(value: date) -> tuple[date, bool]:
    """The day in England a DTSTART/DTEND value falls on, and whether it is a day boundary."""
    if not isinstance(value, datetime):
        return value, True
    if value.tzinfo is not None and (london := _london()) is not None:
        value = value.astimezone(london)
    return value.date(), value.time() == datetime.min.time()


def _event_days(event: Component) -> tuple[date, date] | None:
    """The first and last day an event covers; DTEND is exclusive (RFC 5545 section 3.6.1)."""
    try:
        raw_start = event.decoded("DTSTART")
        raw_end = event.decoded("DTEND") if "DTEND" in event else None
        if raw_end is None and "DURATION" in event:
            duration = event.decoded("DURATION")
            raw_end = raw_start + duration if isinstance(duration, timedelta) else None
    except (KeyError, ValueError, TypeError, OverflowError):
        return None
    if not isinstance(raw_start, date):
        return None
    try:
        start, _ = _local_date(raw_start)
        if not isinstance(raw_end, date):
            end, on_boundary = start, False
        else:
            end, on_boundary = _local_date(raw_end)
    except (ValueError, OverflowError):  # year 1 or 9999 in UTC is out of range in London
        return None
    if on_boundary and end > start:
        end -= ONE_DAY
    # Events from another era (a typo for 0026, or "forever") say nothing about term dates,
    # and a span of centuries would take hours to walk day by day.
    if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
        return None
    return start, max(start, end)


def _read_calendar(data: bytes) -> list[Component]:
    """The components of an iCalendar file, or TermDatesError saying why it is not one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as some Windows tools save
        data = data.decode("utf-16", errors="replace").encode()
    data = data.removeprefix(b"\xef\xbb\xbf")
    opening = data.lstrip()[:200].lower()
    reason = ""
    if not opening:
        reason = "it is empty"
    elif opening.startswith((b"<!doctype", b"<html", b"<?xml")):
        reason = "it looks like a web page; download the .ics link instead"
    elif not opening.startswith(b"begin:vcalendar"):
        reason = "it does not begin with BEGIN:VCALENDAR"
    if reason:
        raise TermDatesError(f"That file is not an iCalendar file ({reason})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        return list(Calendar.from_ical(text, multiple=True))
    except (ValueError, KeyError, IndexError, TypeError) as error:
        detail = " ".join(str(error).split())[:120]
        raise TermDatesError(
            f"That file is not an iCalendar file (it could not be read: {detail})"
        ) from None


def _dated_events(components: Iterable[Component]) -> list[_Dated]:
    found: list[_Dated] = []
    for calendar in components:
        for event in calendar.walk("VEVENT"):
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            days = _event_days(event)
            summary = " ".join(str(event.get("SUMMARY", "")).split())
            if days is None or not summary:
                continue
            kind = _classify(summary, *days)
            if kind is not None:
                found.append(_Dated(kind, days[0], days[1], summary))
    found.sort(key=lambda e: (e.start, e.end))
    return found


def parse_ical(data: bytes, *, year: int | None = None) -> TermYear:
    """Read a year of term dates from an iCalendar file, such as a local authority publishes.

    Only event summaries say what an event is, and authorities word them differently, so:

    - "INSET day", "Teacher training day", "Staff development day" are INSET closures;
      "Bank holiday", "May Day bank holiday", "Good Friday" are bank holidays; "School
      closed", "Polling day" are other closures. Each weekday an event covers is one closure.
      Bank holidays outside the half-terms are dropped: they close nothing.
    - Term spans: "Autumn term", "Autumn term 1", "Spring 2", "Term 3", "Summer term 2nd
      half" covering a week or more; or "... starts" / "... ends" single days, paired in date
      order. If there are any, they are the half-terms: a whole term that contains half-terms
      is dropped, holidays inside a term split it ("Autumn term" less "October half term").
    - Otherwise holiday spans ("October half term", "Christmas holidays", "Summer holidays",
      or "... holidays start" / "... end" pairs) make the half-terms: the weekdays between
      one holiday and the next. The year starts the day after the summer holidays end, or on
      a "term starts" event, or else on an INSET day in the first week of September or
      1 September; it ends at the summer holidays or a "term ends" event.
    - Other events ("Parents' evening", "Sports day") are ignored, as are cancelled ones.
      All-day DTEND is exclusive (RFC 5545); timed events count on their day in England;
      repeating events count once.

    `year` picks an academic year (2026 for the one starting in September 2026); without it,
    the year with the most events is taken (the later on a tie). Raises TermDatesError if the
    data is not iCalendar or has no term dates.
    """
    events = _dated_events(_read_calendar(data))
    if year is None:
        counts: dict[int, int] = {}
        for event in events:
            counts[academic_year_of(event.start)] = counts.get(academic_year_of(event.start), 0) + 1
        if not counts:
            raise TermDatesError(
                "No term dates found in that calendar: expected events such as "
                "'Autumn term', 'October half term' or 'Christmas holidays'"
            )
        year = max(counts, key=lambda y: (counts[y], y))
    first, last = date(year, 9, 1), date(year + 1, 8, 31)

    def in_year(kinds: set[_Event]) -> list[_Dated]:
        return [e for e in events if e.kind in kinds and first <= e.start <= last]

    holidays = [
        (e.start, e.end)
        for e in events
        if e.kind is _Event.HOLIDAY and e.start <= last and e.end >= first
    ]
    holidays += _pair(in_year({_Event.HOLIDAY_START, _Event.HOLIDAY_END}), _Event.HOLIDAY_START)
    holidays = [h for h in holidays if sum(1 for _ in _weekdays(*h)) >= MIN_HOLIDAY_WEEKDAYS]
    markers = in_year({_Event.TERM_START, _Event.TERM_END})
    terms = [(e.start, e.end) for e in in_year({_Event.TERM})] + _pair(markers, _Event.TERM_START)

    spans = _from_terms(terms, holidays) if terms else []
    if holidays:
        # A stray pair of "... starts" / "... ends" events must not hide a year of holidays.
        starts = [e.start for e in markers if e.kind is _Event.TERM_START]
        ends = [e.end for e in markers if e.kind is _Event.TERM_END]
        insets = [e.start for e in in_year({_Event.INSET})]
        between = _from_holidays(first, last, holidays, starts, ends, insets)
        if len(between) > len(spans):
            spans = between
    if not spans:
        raise TermDatesError(
            f"No term dates for {_year_label(year)} found in that calendar: expected events "
            "such as 'Autumn term', 'October half term' or 'Christmas holidays'"
        )
    half_terms = tuple(HalfTerm(start, end) for start, end in spans)

    kinds = {
        _Event.BANK: ClosureKind.BANK_HOLIDAY,
        _Event.INSET: ClosureKind.INSET,
        _Event.CLOSURE: ClosureKind.CLOSURE,
    }
    closures: dict[date, Closure] = {}
    for event in events:
        closure_kind = kinds.get(event.kind)
        if closure_kind is None:
            continue
        days = [event.start] if event.start == event.end else _weekdays(event.start, event.end)
        for day in days:
            in_term = day.weekday() < 5 and any(h.start <= day <= h.end for h in half_terms)
            if not first <= day <= last:
                continue
            if closure_kind is ClosureKind.BANK_HOLIDAY and not in_term:
                continue  # a bank holiday in the holidays closes nothing
            if day not in closures or closure_kind is ClosureKind.BANK_HOLIDAY:
                closures[day] = Closure(day, closure_kind, event.summary)
    return TermYear(year, half_terms, tuple(closures[d] for d in sorted(closures)))


def _pair(markers: Sequence[_Dated], start_kind: _Event) -> list[tuple[date, date]]:
    """Spans from "... starts" / "... ends" events: each start with the next end after it."""
    spans: list[tuple[date, date]] = []
    opened: date | None = None
    for marker in markers:
        if marker.kind is start_kind:
            opened = marker.start
        elif opened is not None and marker.end >= opened:
            spans.append((opened, marker.end))
            opened = None
    return spans


def _trim(start: date, end: date) -> tuple[date, date] | None:
    """A span without the weekends at either end; None if it has no weekdays."""
    days = list(_weekdays(start, end))
    return (days[0], days[-1]) if days else None


def _from_terms(
    terms: list[tuple[date, date]], holidays: list[tuple[date, date]]
) -> list[tuple[date, date]]:
    """Half-terms from term spans: the finest spans given, split by any holidays inside."""
    trimmed = sorted({t for span in terms if (t := _trim(*span)) is not None})
    finest = [
        span
        for span in trimmed
        if not any(o != span and span[0] <= o[0] and o[1] <= span[1] for o in trimmed)
    ]
    spans = {t for span in finest for piece in _subtract(span, holidays) if (t := _trim(*piece))}
    return sorted(spans)


def _subtract(
    span: tuple[date, date], holidays: list[tuple[date, date]]
) -> list[tuple[date, date]]:
    """What is left of a span once the holidays are taken out of it."""
    pieces = [span]
    for h_start, h_end in holidays:
        left: list[tuple[date, date]] = []
        for p_start, p_end in pieces:
            if p_end < h_start or h_end < p_start:
                left.append((p_start, p_end))
                continue
            if p_start < h_start:
                left.append((p_start, h_start - ONE_DAY))
            if h_end < p_end:
                left.append((h_end + ONE_DAY, p_end))
        pieces = left
    return pieces


def _from_holidays(
    first: date,
    last: date,
    holidays: list[tuple[date, date]],
    starts: list[date],
    ends: list[date],
    insets: list[date],
) -> list[tuple[date, date]]:
    """Half-terms as the weekdays between one holiday and the next within the year."""
    covered = {
        d for h_start, h_end in holidays for d in _days(max(h_start, first), min(h_end, last))
    }
    begin = first
    if september := [d for d in starts if d.month == 9]:
        begin = min(september)
    elif first not in covered:
        # Without last summer's holidays, term starts on an early September INSET day if any.
        early = [d for d in insets if d < first + timedelta(days=7)]
        begin = min(early, default=first)
    finish = last
    if last not in covered and (summer := [d for d in ends if d.month in (7, 8)]):
        finish = max(summer)
    gaps: list[tuple[date, date]] = []
    run: list[date] = []
    for day in _days(begin, finish):
        if day in covered:
            if run:
                gaps.append((run[0], run[-1]))
            run = []
        else:
            run.append(day)
    if run:
        gaps.append((run[0], run[-1]))
    return [t for gap in gaps if (t := _trim(*gap)) is not None]


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY
