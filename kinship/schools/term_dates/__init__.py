"""One school's (or one local authority's) academic year in England: model, checks and files.

Term dates drive everything else in Kinship: a meeting "on the 2nd Tuesday of every
half-term" needs to know the half-terms, and a date on an INSET day is no good to anyone.
This package holds an academic year as plain data (`TermYear`), checks it against what schools
in England are expected to do (`check`: 190 pupil days, 5 INSET days, 6 half-terms, bank
holidays closed), and reads and writes the two formats people bring: a small CSV that anyone
can write in a spreadsheet, and the iCalendar files local authorities publish.

Pure Python (plus icalendar and dateutil): no Django here, so it is tested with plain data
and shared by forms, services and the demo.
"""

from kinship.schools.term_dates.changes import Changes, compare
from kinship.schools.term_dates.checks import check
from kinship.schools.term_dates.csv_file import LONGEST_RANGE, parse_csv, to_csv
from kinship.schools.term_dates.ical_file import MIN_HOLIDAY_WEEKDAYS, MIN_TERM_WEEKDAYS, parse_ical
from kinship.schools.term_dates.year import (
    CSV_COLUMNS,
    EXPECTED_INSET_DAYS,
    EXPECTED_PUPIL_DAYS,
    HALF_TERM_NAMES,
    MAX_HALF_TERMS,
    ONE_DAY,
    CheckReport,
    Closure,
    ClosureKind,
    HalfTerm,
    TermDatesError,
    TermYear,
    academic_year_of,
    england_bank_holidays,
)

__all__ = [
    "CSV_COLUMNS",
    "EXPECTED_INSET_DAYS",
    "EXPECTED_PUPIL_DAYS",
    "HALF_TERM_NAMES",
    "LONGEST_RANGE",
    "MAX_HALF_TERMS",
    "MIN_HOLIDAY_WEEKDAYS",
    "MIN_TERM_WEEKDAYS",
    "ONE_DAY",
    "Changes",
    "CheckReport",
    "Closure",
    "ClosureKind",
    "HalfTerm",
    "TermDatesError",
    "TermYear",
    "academic_year_of",
    "check",
    "compare",
    "england_bank_holidays",
    "parse_csv",
    "parse_ical",
    "to_csv",
]
