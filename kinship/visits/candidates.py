"""Which days of a plan's window a school could take as INSET, and which it cannot host on.

A school's candidates are the days its pupils are in, inside the window, other than the
common INSET day and the days its lead rules out; on every other weekday of the window it is
closed, so no visitor can see it then. Pure Python over plain dates.
"""

from collections.abc import Collection, Iterable
from datetime import date, timedelta


def weekdays_between(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if day.weekday() < 5]


def open_days_in_window(open_days: Collection[date], first: date, last: date) -> list[date]:
    """The window's weekdays when the school's pupils are in."""
    return [day for day in weekdays_between(first, last) if day in open_days]


def candidate_days(
    open_days: Collection[date],
    first: date,
    last: date,
    *,
    common: date | None = None,
    excluded: Iterable[date] = (),
) -> list[date]:
    ruled_out = set(excluded) | ({common} if common else set())
    return [day for day in open_days_in_window(open_days, first, last) if day not in ruled_out]


def closed_days(
    open_days: Collection[date], first: date, last: date, *, common: date | None = None
) -> list[date]:
    """The window's weekdays the school cannot host on: holidays, closures, the common day."""
    return [day for day in weekdays_between(first, last) if day not in open_days or day == common]
