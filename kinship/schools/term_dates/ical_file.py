"""Reading the iCalendar files local authorities publish into a `TermYear`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Component

from kinship.schools.term_dates.year import (
    ONE_DAY,
    Closure,
    ClosureKind,
    HalfTerm,
    TermDatesError,
    TermYear,
    academic_year_of,
    weekdays_between,
    year_label,
)

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
    weekdays = sum(1 for _ in weekdays_between(start, end))
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
    holidays = [h for h in holidays if sum(1 for _ in weekdays_between(*h)) >= MIN_HOLIDAY_WEEKDAYS]
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
            f"No term dates for {year_label(year)} found in that calendar: expected events "
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
        days = (
            [event.start] if event.start == event.end else weekdays_between(event.start, event.end)
        )
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
    days = list(weekdays_between(start, end))
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
