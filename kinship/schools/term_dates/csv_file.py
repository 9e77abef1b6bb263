"""Term dates as a small CSV anyone can write in a spreadsheet: reading and writing it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date, timedelta

from kinship.core.spreadsheet import SafeWriter, unescape_cell
from kinship.schools.term_dates.year import (
    CSV_COLUMNS,
    Closure,
    ClosureKind,
    HalfTerm,
    TermDatesError,
    TermYear,
    academic_year_of,
    half_term_name,
    weekdays_between,
)

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
        days = list(weekdays_between(start, end))
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
            ["half_term", half.start.isoformat(), half.end.isoformat(), half_term_name(index)]
        )
    for closure in year.closures:
        writer.writerow([closure.kind.value, closure.date.isoformat(), "", closure.label])
    return buffer.getvalue()
