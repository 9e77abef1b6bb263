"""School hours: how many fall between two moments, and when N of them after a moment ends.

Pure Python with no Django import. A school hour is an hour of the school day (08:45 to
15:15 in Europe/London unless the school says otherwise) on a day the school is open to
pupils; weekends, holidays, INSET and closure days are not school hours. Which days are
open comes from the caller (the school's term dates), as a predicate on dates.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

IsOpen = Callable[[date], bool]

# No school is closed for longer than this: a search that finds no open day gives up.
LONGEST_CLOSURE_DAYS = 400


@dataclass(frozen=True)
class SchoolDay:
    """The hours of a school day, as wall-clock times in the school's time zone."""

    start: time = time(8, 45)
    end: time = time(15, 15)
    zone: str = "Europe/London"

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        """The aware start and end of the school day on `day` (British Summer Time or not)."""
        tz = ZoneInfo(self.zone)
        return datetime.combine(day, self.start, tz), datetime.combine(day, self.end, tz)


def weekdays_open(day: date) -> bool:
    """For a school without term dates: Monday to Friday."""
    return day.weekday() < 5


def school_time_between(
    start: datetime, end: datetime, *, is_open: IsOpen, school_day: SchoolDay = SchoolDay()
) -> timedelta:
    """The school time between two aware datetimes (zero when `end` is not after `start`)."""
    if end <= start:
        return timedelta(0)
    tz = ZoneInfo(school_day.zone)
    total = timedelta(0)
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    while day <= last:
        if is_open(day):
            opens, closes = school_day.bounds(day)
            overlap = min(end, closes) - max(start, opens)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total


def school_hours_between(
    start: datetime, end: datetime, *, is_open: IsOpen, school_day: SchoolDay = SchoolDay()
) -> float:
    """`school_time_between` in hours."""
    return school_time_between(start, end, is_open=is_open, school_day=school_day) / timedelta(
        hours=1
    )


def after_school_hours(
    start: datetime, hours: float, *, is_open: IsOpen, school_day: SchoolDay = SchoolDay()
) -> datetime | None:
    """The moment `hours` school hours after `start` have passed; None if the school is
    never open again within LONGEST_CLOSURE_DAYS (no term dates entered ahead, say).

    Time after school, at weekends and in holidays does not count: a post held at 15:00 on
    a Friday reaches two school hours at 10:30 on Monday (or the next open day).
    """
    tz = ZoneInfo(school_day.zone)
    remaining = timedelta(hours=hours)
    day = start.astimezone(tz).date()
    for _ in range(LONGEST_CLOSURE_DAYS):
        if is_open(day):
            opens, closes = school_day.bounds(day)
            begin = max(start, opens)
            if begin < closes:
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += timedelta(days=1)
    return None
