"""Checking a year against what schools in England are expected to do: 190 pupil days, 5
INSET days, 6 half-terms, bank holidays closed."""

from __future__ import annotations

from datetime import date

from kinship.core.dates import uk_date
from kinship.schools.term_dates.year import (
    EXPECTED_INSET_DAYS,
    EXPECTED_PUPIL_DAYS,
    KIND_NAMES,
    MAX_HALF_TERMS,
    CheckReport,
    TermYear,
    england_bank_holidays,
    half_term_name,
    span_text,
)

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
        name = half_term_name(index)
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
        this = f"{name} ({span_text(half.start, half.end)})"
        that = f"{half_term_name(index - 1)} ({span_text(before.start, before.end)})"
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
        kind = KIND_NAMES[closure.kind]
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
                f"{holiday} ({uk_date(day)}) falls in {half_term_name(found)} but is not listed "
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
