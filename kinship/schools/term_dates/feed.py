"""A school's term dates as an iCalendar feed parents can subscribe to.

Written the way local authorities publish theirs, so that any calendar shows it and
`parse_ical` reads it back to the same year: each half-term as an all-day span ("Autumn 1
term"), and each day the school is closed inside one as its own all-day event ("INSET day:
school closed to pupils"). UIDs are stable (the school, the kind and the date), so a
subscribed calendar moves or drops a day that changed rather than showing both.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event

from kinship.schools.term_dates.year import HALF_TERM_NAMES, ONE_DAY, ClosureKind, TermYear

CLOSURE_SUMMARIES = {
    ClosureKind.INSET: "INSET day: school closed to pupils",
    ClosureKind.BANK_HOLIDAY: "Bank holiday: school closed",
    ClosureKind.CLOSURE: "School closed",
}


def term_dates_feed(
    years: Iterable[TermYear], *, school_name: str, uid_key: str, now: datetime | None = None
) -> bytes:
    """One VCALENDAR (METHOD:PUBLISH) with the half-terms and closures of `years`."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Kinship//Term dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{school_name}: term dates")
    calendar.add("x-wr-timezone", "Europe/London")
    for year in sorted(years, key=lambda y: y.start_year):
        for index, half in enumerate(sorted(year.half_terms, key=lambda h: h.start)):
            name = HALF_TERM_NAMES[index] if index < len(HALF_TERM_NAMES) else "Half-term"
            calendar.add_component(
                _all_day(
                    f"{name} term", half.start, half.end + ONE_DAY,
                    f"{uid_key}-term-{half.start.isoformat()}", stamp,
                )
            )  # fmt: skip
        for closure in sorted(year.closures, key=lambda c: c.date):
            summary = CLOSURE_SUMMARIES[closure.kind]
            if closure.label and closure.kind is not ClosureKind.INSET:
                summary = f"{summary}: {closure.label}"
            calendar.add_component(
                _all_day(
                    summary, closure.date, closure.date + ONE_DAY,
                    f"{uid_key}-closed-{closure.date.isoformat()}", stamp,
                )
            )  # fmt: skip
    data: bytes = calendar.to_ical()
    return data


def _all_day(summary: str, start: object, end: object, uid: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@kinship")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)  # all-day DTEND is the day after (RFC 5545)
    event.add("transp", "TRANSPARENT")  # a term does not make a parent busy
    return event
