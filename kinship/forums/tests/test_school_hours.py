"""School hours: weekends, holidays and the time after school do not count."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from kinship.forums.school_hours import (
    SchoolDay,
    after_school_hours,
    school_hours_between,
    weekdays_open,
)

LONDON = ZoneInfo("Europe/London")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_within_one_school_day_it_is_wall_clock_time():
    assert after_school_hours(at(2026, 3, 3, 9, 0), 2, is_open=weekdays_open) == at(
        2026, 3, 3, 11, 0
    )
    assert school_hours_between(at(2026, 3, 3, 9), at(2026, 3, 3, 11), is_open=weekdays_open) == 2


def test_after_school_the_clock_waits_for_the_next_morning():
    # Held at 18:00 on a Tuesday: two school hours end at 10:45 on Wednesday.
    assert after_school_hours(at(2026, 3, 3, 18, 0), 2, is_open=weekdays_open) == at(
        2026, 3, 4, 10, 45
    )
    # Held before school starts: counted from 08:45.
    assert after_school_hours(at(2026, 3, 3, 7, 0), 2, is_open=weekdays_open) == at(
        2026, 3, 3, 10, 45
    )


def test_a_weekend_is_not_school_time():
    # Friday 6 Mar 2026 at 15:00: a quarter of an hour that day, the rest on Monday.
    friday = at(2026, 3, 6, 15, 0)
    assert after_school_hours(friday, 2, is_open=weekdays_open) == at(2026, 3, 9, 10, 30)
    assert school_hours_between(friday, at(2026, 3, 9, 8, 0), is_open=weekdays_open) == 0.25


def test_holidays_and_inset_days_are_skipped():
    holiday = {date(2026, 3, 9), date(2026, 3, 10)}  # a Monday and Tuesday off

    def is_open(day: date) -> bool:
        return weekdays_open(day) and day not in holiday

    assert after_school_hours(at(2026, 3, 6, 15, 0), 2, is_open=is_open) == at(2026, 3, 11, 10, 30)


def test_british_summer_time_is_wall_clock_time():
    # The clocks go forward on Sun 29 Mar 2026; the school day still starts at 08:45.
    assert after_school_hours(at(2026, 3, 27, 15, 0), 1, is_open=weekdays_open) == at(
        2026, 3, 30, 9, 30
    )
    utc = datetime(2026, 3, 30, 8, 30, tzinfo=ZoneInfo("UTC"))  # 09:30 BST
    assert after_school_hours(at(2026, 3, 27, 15, 0), 1, is_open=weekdays_open) == utc


def test_a_school_never_open_again_gives_none():
    assert after_school_hours(at(2026, 3, 3, 9), 2, is_open=lambda day: False) is None


def test_another_school_day():
    day = SchoolDay(start=time(9, 0), end=time(12, 0))
    assert after_school_hours(at(2026, 3, 3, 11, 0), 2, is_open=weekdays_open, school_day=day) == (
        at(2026, 3, 4, 10, 0)
    )


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    hours=st.floats(min_value=0.25, max_value=40),
)
def test_counting_back_gives_the_hours_asked_for(start: datetime, hours: float) -> None:
    start = start.replace(tzinfo=LONDON)
    end = after_school_hours(start, hours, is_open=weekdays_open)
    assert end is not None and end > start
    counted = school_hours_between(start, end, is_open=weekdays_open)
    assert abs(counted - hours) < 1e-6
    # A minute earlier is short of it.
    assert school_hours_between(start, end - timedelta(minutes=1), is_open=weekdays_open) < hours
