"""iCalendar files for events: feeds, invitations, updates and cancellations.

Pure Python (no Django) so the output can be checked on its own. Times
are written in Europe/London with a VTIMEZONE, which Outlook needs to place a meeting
correctly either side of a clock change; UIDs are stable and SEQUENCE rises with each
change, which is how Outlook and Google know an update from a new invitation.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone

TZID = "Europe/London"
LONDON = ZoneInfo(TZID)
DEFAULT_PRODID = "-//Kinship//Kinship//EN"


class Method(StrEnum):
    PUBLISH = "PUBLISH"  # a feed or a download
    REQUEST = "REQUEST"  # an invitation or an update
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    sequence: int
    summary: str
    starts_at: datetime
    ends_at: datetime
    location: str
    url: str
    description: str
    organiser: Person
    attendees: tuple[Person, ...] = ()
    cancelled: bool = False
    categories: tuple[str, ...] = ()
    related_to: str = ""
    last_modified: datetime | None = None
    # A whole day (a school's INSET day): written as DATE values, the day after as DTEND.
    all_day: bool = False


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _param(value: str) -> str:
    # Parameter values cannot hold quotes or control characters (a line break would start
    # a new property); quote them when they hold , ; or :.
    value = "".join(c for c in value if c >= " " and c != "\x7f").replace('"', "'")
    return f'"{value}"' if any(c in value for c in ",;:") else value


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 3.1), never inside a character."""
    if len(line) <= 75 and line.isascii():
        return line
    parts: list[str] = []
    chunk, size, limit = "", 0, 75
    for character in line:
        octets = len(character.encode())
        if size + octets > limit:
            parts.append(chunk)
            chunk, size, limit = "", 0, 74  # a continuation line starts with a space
        chunk += character
        size += octets
    parts.append(chunk)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y%m%dT%H%M%S")


def _address(name: str, person: Person, extra: str = "") -> str:
    cn = f";CN={_param(person.name)}" if person.name else ""
    return f"{name}{cn}{extra}:mailto:{person.email}"


def _vevent_lines(event: IcsEvent, *, method: Method, stamp: datetime) -> list[str]:
    # Written line by line rather than through icalendar's Event: building a thousand of
    # them that way took 0.7 s, too slow for a feed. Tests parse every output with icalendar.
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{_text(event.summary)}",
    ]
    if event.all_day:
        day = event.starts_at.astimezone(LONDON).date()
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    else:
        lines += [
            f"DTSTART;TZID={TZID}:{_local(event.starts_at)}",
            f"DTEND;TZID={TZID}:{_local(event.ends_at)}",
        ]
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.description:
        lines.append(f"DESCRIPTION:{_text(event.description)}")
    if event.organiser.email:  # a school's closed day has no organiser
        lines.append(_address("ORGANIZER", event.organiser))
    for attendee in event.attendees:
        extra = ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
        lines.append(_address("ATTENDEE", attendee, extra))
    cancelled = event.cancelled or method == Method.CANCEL
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    if event.categories:
        lines.append(f"CATEGORIES:{','.join(_text(c) for c in event.categories)}")
    if event.related_to:
        lines.append(f"RELATED-TO:{_text(event.related_to)}")
    if event.last_modified is not None:
        lines.append(f"LAST-MODIFIED:{_utc(event.last_modified)}")
    lines.append("END:VEVENT")
    return lines


@lru_cache(maxsize=32)
def _london(first_year: int, last_year: int) -> list[str]:
    # Working out the transitions is slow (icalendar says to cache it).
    timezone = Timezone.from_tzinfo(
        LONDON,
        tzid=TZID,
        first_date=date(first_year - 1, 1, 1),
        last_date=date(last_year + 1, 12, 31),
    )
    lines: list[str] = timezone.to_ical().decode().splitlines()
    return lines


def build_calendar(
    events: Iterable[IcsEvent],
    *,
    method: Method,
    name: str,
    prodid: str = DEFAULT_PRODID,
    now: datetime | None = None,
) -> bytes:
    """One VCALENDAR holding the events, with the London time zone they refer to."""
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    events = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(prodid)}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method.value}",
        f"X-WR-CALNAME:{_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    if events:
        first = min(event.starts_at for event in events).astimezone(LONDON)
        last = max(event.ends_at for event in events).astimezone(LONDON)
        lines += _london(first.year, last.year)
    for event in events:
        lines += _vevent_lines(event, method=method, stamp=stamp)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
