"""Event emails and calendar files: what a person receives, built from event rows."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, time
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.emails import absolute, compose
from kinship.core.templatetags.kinship import format_uk_date
from kinship.meetings import selectors
from kinship.meetings.ics import LONDON, IcsEvent, Method, Person, build_calendar
from kinship.meetings.models import Audience, Event, Rsvp, Series, kind_label
from kinship.schools.models import School
from kinship.schools.term_dates import Closure, ClosureKind

PRODID = "-//Kinship//Kinship meetings//EN"
# What a calendar entry shows of an event, its host school, series and organiser.
EVENT_COLUMNS = (
    "uid",
    "sequence",
    "title",
    "starts_at",
    "ends_at",
    "room",
    "online_url",
    "move_reason",
    "cancelled",
    "updated_at",
)
ICS_FIELDS = (
    *EVENT_COLUMNS,
    "host_school__name", "host_school__town", "host_school__postcode",
    "series__uid", "series__kind", "series__description",
    "series__organiser__email", "series__organiser__display_name",
)  # fmt: skip


def _location(room: str, name: str | None, town: str, postcode: str, online_url: str) -> str:
    if name is not None:
        return ", ".join(part for part in (room, name, town, postcode) if part)
    return online_url


def location_of(event: Event) -> str:
    school = event.host_school
    if school is None:
        return event.online_url
    return _location(event.room, school.name, school.town, school.postcode, event.online_url)


def event_url_maker() -> Callable[[int], str]:
    """Absolute event URLs by primary key: reverse() for each of a thousand events in a
    feed was a tenth of its time."""
    marker = 987654321
    before, after = absolute(reverse("meetings:event_detail", args=[marker])).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def _ics_event(row: Mapping[str, Any], page: str, attendees: Sequence[User] = ()) -> IcsEvent:
    """One calendar entry from an event's values, named as in ICS_FIELDS."""
    description = row["series__description"]
    if row["online_url"]:
        description = f"Join online: {row['online_url']}\n\n{description}"
    if row["move_reason"]:
        description = f"Moved: {row['move_reason']}.\n\n{description}"
    return IcsEvent(
        uid=f"event-{row['uid']}@kinship",
        sequence=row["sequence"],
        summary=row["title"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        location=_location(
            row["room"],
            row["host_school__name"],
            row["host_school__town"] or "",
            row["host_school__postcode"] or "",
            row["online_url"],
        ),
        url=page,
        description=f"{description.strip()}\n\n{page}".strip(),
        organiser=Person(
            email=row["series__organiser__email"], name=row["series__organiser__display_name"]
        ),
        attendees=tuple(Person(email=a.email, name=a.display_name) for a in attendees),
        cancelled=row["cancelled"],
        categories=(kind_label(row["series__kind"]),),
        related_to=f"series-{row['series__uid']}@kinship",
        last_modified=row["updated_at"],
    )


def to_ics(event: Event, *, attendees: Sequence[User] = ()) -> IcsEvent:
    """An event as the calendar file needs it (reads its series, organiser and host)."""
    series, school = event.series, event.host_school
    row: dict[str, Any] = {name: getattr(event, name) for name in EVENT_COLUMNS}
    row |= {
        "host_school__name": school.name if school else None,
        "host_school__town": school.town if school else None,
        "host_school__postcode": school.postcode if school else None,
        "series__uid": series.uid,
        "series__kind": series.kind,
        "series__description": series.description,
        "series__organiser__email": series.organiser.email,
        "series__organiser__display_name": series.organiser.display_name,
    }
    return _ics_event(row, absolute(event.get_absolute_url()), attendees)


def feed_calendar(
    user: User, events: QuerySet[Event], closed: Sequence[tuple[School, Closure]] = ()
) -> bytes:
    """A feed of the events, read as plain values: building model instances for a thousand
    events (and their series, organisers and schools) was most of a feed's time. `closed`:
    the days the person's own schools are closed to pupils, as all-day entries."""
    url = event_url_maker()
    rows = events.values("pk", *ICS_FIELDS)
    entries = [_ics_event(row, url(row["pk"])) for row in rows]
    entries += [_closed_day(school, closure) for school, closure in closed]
    return build_calendar(
        entries,
        method=Method.PUBLISH,
        name=f"Kinship: {user.display_name}",
        prodid=PRODID,
    )


CLOSED_NAMES = {
    ClosureKind.INSET: "INSET day",
    ClosureKind.BANK_HOLIDAY: "Bank holiday",
    ClosureKind.CLOSURE: "Closed to pupils",
}


def _closed_day(school: School, closure: Closure) -> IcsEvent:
    """One school's INSET or closure day, all day; its UID (the school's URN and the date)
    stays put while the day does, so a moved INSET day leaves the old date and appears on
    the new, and two schools of one name never share an entry."""
    summary = f"{CLOSED_NAMES[closure.kind]}: {school.name}"
    if closure.label and closure.kind is not ClosureKind.INSET:
        summary = f"{summary} ({closure.label})"
    starts = datetime.combine(closure.date, time(0), tzinfo=LONDON)
    return IcsEvent(
        uid=f"closed-{closure.date:%Y%m%d}-{school.urn}@kinship",
        sequence=0,
        summary=summary,
        starts_at=starts,
        ends_at=starts,
        location="",
        url="",
        description=closure.label,
        organiser=Person(email=""),
        categories=(CLOSED_NAMES[closure.kind],),
        all_day=True,
    )


def _email(
    *, to: User, subject: str, template: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    return compose(
        to=to, subject=subject, template=f"meetings/email/{template}.txt", context=context
    )


WITHHELD_TITLE = "A meeting you are no longer invited to"


def invitation_email(
    person: User, series: Series, events: Sequence[Event], method: Method
) -> EmailMultiAlternatives:
    """An invitation, update or cancellation with the .ics Outlook and Google read."""
    cancelled = method == Method.CANCEL
    verb = "Cancelled" if cancelled else ("Updated" if events[0].sequence else "Invitation")
    when = format_uk_date(events[0].date)
    more = f" and {len(events) - 1} more date(s)" if len(events) > 1 else ""
    # Someone taken off a confidential circle's meeting learns that it is off their
    # calendar, not what it is now called or where it is.
    withheld = cancelled and is_confidential(series) and not is_invitee(person, series)
    title = WITHHELD_TITLE if withheld else series.title
    message = _email(
        to=person,
        subject=f"{verb}: {title}, {when}{more}",
        template="invitation",
        context={
            "series": series,
            "title": title,
            "withheld": withheld,
            "events": events,
            "cancelled": cancelled,
            "verb": verb,
        },
    )
    # Outlook and Google act on one meeting per iTIP message: a single date goes as the
    # text/calendar part they show Accept/Decline for; several dates of a new series go as
    # a file to import (METHOD:PUBLISH), each with its UID so later updates find it.
    single = len(events) == 1
    file_method = method if single or cancelled else Method.PUBLISH
    entries = [to_ics(event, attendees=[person]) for event in events]
    if withheld:
        entries = [
            replace(entry, summary=WITHHELD_TITLE, description="", location="", url="")
            for entry in entries
        ]
    calendar = build_calendar(entries, method=file_method, name=title, prodid=PRODID)
    if single:
        message.attach_alternative(calendar.decode(), f"text/calendar; method={method.value}")
    message.attach("invite.ics", calendar, f"application/ics; method={file_method.value}")
    return message


def is_confidential(series: Series) -> bool:
    return bool(series.audience == Audience.CIRCLE and series.circle and series.circle.confidential)


def is_invitee(person: User, series: Series) -> bool:
    return selectors.invitees(series).filter(pk=person.pk).exists()


def place_offered_email(rsvp: Rsvp) -> EmailMultiAlternatives:
    return _email(
        to=rsvp.user,
        subject=f"A place for you: {rsvp.event.title}, {format_uk_date(rsvp.event.date)}",
        template="place_offered",
        context={"event": rsvp.event, "url": absolute(rsvp.event.get_absolute_url())},
    )


def reminder_email(person: User, event: Event) -> EmailMultiAlternatives:
    return _email(
        to=person,
        subject=f"Tomorrow: {event.title}",
        template="reminder",
        context={
            "event": event,
            "location": location_of(event),
            "url": absolute(event.get_absolute_url()),
        },
    )
