"""Dates as people in English schools write them: "Tue 3 Mar 2026".

Pure Python, so the computational cores and the templates say dates the same way. Names are
spelt out here rather than taken from strftime, whose %a and %b follow the server's locale.
"""

from datetime import date

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def uk_day(day: date) -> str:
    """`Tue 3 Mar`, for tables whose heading gives the year."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def uk_date(day: date) -> str:
    """`Tue 3 Mar 2026`."""
    return f"{uk_day(day)} {day.year}"
