"""Emails about events, sent by the task worker: invitations and updates with .ics files,
waiting-list places and reminders. The weekly "what's on" is a section of the weekly
digest (meetings.digest), which the notifications app sends."""

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from kinship.accounts.models import User
from kinship.core.sending import send_once, version_of
from kinship.meetings import emails, selectors
from kinship.meetings.ics import Method
from kinship.meetings.models import CalendarSettings, Event, Rsvp


@task()
def send_event_invitations(
    event_ids: list[int], method: str, people: list[int] | None = None, sending: str = ""
) -> int:
    """One email per invitee per series, with an .ics file of the dates that changed.
    `people`: only these (people newly invited, or no longer invited). Each email is claimed
    by series, method, the dates' SEQUENCE numbers, `sending` (one per change, so a person
    invited, removed and invited again at the same SEQUENCE hears each time) and person:
    run again (a retry after the SMTP server failed half-way), it sends only what is still
    owed, while a later change is a new email."""
    events = list(
        Event.objects.filter(pk__in=event_ids)
        .select_related("series", "series__organiser", "host_school")
        .order_by("starts_at")
    )
    by_series: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_series[event.series_id].append(event)
    sent = 0
    for series_events in by_series.values():
        series = series_events[0].series
        version = version_of(f"{event.pk}.{event.sequence}" for event in series_events)
        recipients = selectors.invitees(series) if people is None else None
        if recipients is None:
            recipients = User.objects.filter(pk__in=people or [], is_active=True)
        for person in recipients:
            if person.pk == series.organiser_id and method == Method.REQUEST:
                continue  # the organiser's calendar has it through the feed
            email = emails.invitation_email(person, series, series_events, Method(method))
            key = f"meetings.invitation:{series.pk}:{method}:{version}:{sending}:{person.pk}"
            sent += send_once(key, email.send)
    return sent


@task()
def send_place_offered(rsvp_id: int) -> None:
    rsvp = Rsvp.objects.select_related("event", "user").filter(pk=rsvp_id).first()
    if rsvp is None or rsvp.status != Rsvp.Status.GOING:
        return
    # A person offered a place, who later waits again and is offered one again, has
    # replied since: their reply's time tells the two offers apart.
    key = f"meetings.place_offered:{rsvp.pk}:{rsvp.responded_at.timestamp()}:{rsvp.user_id}"
    send_once(key, emails.place_offered_email(rsvp).send)


def send_reminders() -> int:
    """Tomorrow's events: a reminder to each person going who wants reminders. Run daily."""
    moment = timezone.now()
    tomorrow = timezone.localdate(moment) + timedelta(days=1)
    events = Event.objects.filter(date=tomorrow, cancelled=False, reminder_sent_at__isnull=True)
    sent = 0
    for event in events.select_related("series", "host_school"):
        # Only people still invited: someone who has left a circle hears nothing more of it.
        going = Rsvp.objects.filter(
            event=event, status=Rsvp.Status.GOING, user__in=selectors.invitees(event.series)
        ).select_related("user")
        for rsvp in going:
            wants = CalendarSettings.objects.filter(user=rsvp.user, reminders=False).exists()
            if not wants and rsvp.user.is_active:
                email = emails.reminder_email(rsvp.user, event)
                # Claimed per person: an overlapping run read the same events.
                key = f"meetings.reminder:{event.pk}:{event.date}:{rsvp.user_id}"
                sent += send_once(key, email.send)
        event.reminder_sent_at = moment
        event.save(update_fields=["reminder_sent_at"])
    return sent
