"""Event emails and calendar files: what a person receives, built from event rows."""

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.templatetags.kinship import format_uk_date
from kinship.meetings.ics import IcsEvent, Method, Person, build_calendar
from kinship.meetings.models import Action, Event, Rsvp, Series

PRODID = "-//Kinship//Kinship meetings//EN"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def event_uid(event: Event) -> str:
    return f"event-{event.uid}@kinship"


def series_uid(series: Series) -> str:
    return f"series-{series.uid}@kinship"


def location_of(event: Event) -> str:
    if event.host_school is not None:
        school = event.host_school
        parts = [event.room, school.name, school.town, school.postcode]
        return ", ".join(part for part in parts if part)
    return event.online_url


def event_url_maker() -> Callable[[int], str]:
    """Absolute event URLs by primary key: reverse() for each of a thousand events in a
    feed was a tenth of its time."""
    marker = 987654321
    before, after = absolute(reverse("meetings:event_detail", args=[marker])).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def to_ics(
    event: Event, *, attendees: Sequence[User] = (), url: Callable[[int], str] | None = None
) -> IcsEvent:
    """An event row as the calendar file needs it (needs series, organiser, host school)."""
    organiser = event.series.organiser
    page = url(event.pk) if url else absolute(event.get_absolute_url())
    description = event.series.description
    if event.online_url:
        description = f"Join online: {event.online_url}\n\n{description}"
    if event.move_reason:
        description = f"Moved: {event.move_reason}.\n\n{description}"
    return IcsEvent(
        uid=event_uid(event),
        sequence=event.sequence,
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=location_of(event),
        url=page,
        description=f"{description.strip()}\n\n{page}".strip(),
        organiser=Person(email=organiser.email, name=organiser.display_name),
        attendees=tuple(Person(email=a.email, name=a.display_name) for a in attendees),
        cancelled=event.cancelled,
        categories=(event.series.kind_label,),
        related_to=series_uid(event.series),
        last_modified=event.updated_at,
    )


def feed_calendar(user: User, events: Iterable[Event]) -> bytes:
    url = event_url_maker()
    return build_calendar(
        (to_ics(event, url=url) for event in events),
        method=Method.PUBLISH,
        name=f"Kinship: {user.display_name}",
        prodid=PRODID,
    )


def _email(
    *, to: User, subject: str, template: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    context = {"person": to, "site_url": settings.SITE_URL.rstrip("/"), **context}
    text = render_to_string(f"meetings/email/{template}.txt", context)
    return EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to.email]
    )


def invitation_email(
    person: User, series: Series, events: Sequence[Event], method: Method
) -> EmailMultiAlternatives:
    """An invitation, update or cancellation with the .ics Outlook and Google read."""
    cancelled = method == Method.CANCEL
    verb = "Cancelled" if cancelled else ("Updated" if events[0].sequence else "Invitation")
    when = format_uk_date(events[0].date)
    more = f" and {len(events) - 1} more date(s)" if len(events) > 1 else ""
    message = _email(
        to=person,
        subject=f"{verb}: {series.title}, {when}{more}",
        template="invitation",
        context={"series": series, "events": events, "cancelled": cancelled, "verb": verb},
    )
    # Outlook and Google act on one meeting per iTIP message: a single date goes as the
    # text/calendar part they show Accept/Decline for; several dates of a new series go as
    # a file to import (METHOD:PUBLISH), each with its UID so later updates find it.
    single = len(events) == 1
    file_method = method if single or cancelled else Method.PUBLISH
    calendar = build_calendar(
        (to_ics(event, attendees=[person]) for event in events),
        method=file_method,
        name=series.title,
        prodid=PRODID,
    )
    if single:
        message.attach_alternative(calendar.decode(), f"text/calendar; method={method.value}")
    message.attach("invite.ics", calendar, f"application/ics; method={file_method.value}")
    return message


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


def digest_email(
    person: User, events: Sequence[Event], actions: Sequence[Action]
) -> EmailMultiAlternatives:
    return _email(
        to=person,
        subject="What's on in your families: the next two weeks",
        template="digest",
        context={
            "events": events,
            "actions": actions,
            "calendar_url": absolute(reverse("meetings:my_calendar")),
            "settings_url": absolute(reverse("meetings:calendar_settings")),
        },
    )
