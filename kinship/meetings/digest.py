"""The weekly "what's on": meetings' section of the weekly digest, which the notifications
app sends (one email a week, not one per app). Registered in MeetingsConfig.ready()."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from kinship.accounts.models import User
from kinship.core.templatetags.kinship import clock, format_uk_date
from kinship.meetings import selectors
from kinship.meetings.models import Action, CalendarSettings, Event
from kinship.membership import visibility
from kinship.notifications.models import Frequency
from kinship.notifications.registry import DigestLine, DigestProvider, DigestSection

AHEAD = timedelta(days=14)


def whats_on_recipients(now: datetime) -> QuerySet[Any]:
    """Staff and partners who have not turned the "what's on" off."""
    return (
        visibility.staff_or_partner_accounts()
        .exclude(calendar_settings__weekly_digest=False)
        .values("pk")
    )


def _event_line(event: Event) -> DigestLine:
    where = event.host_school.name if event.host_school else ("online" if event.online_url else "")
    text = f"{format_uk_date(event.date)} {clock(event.starts_at)}: {event.title}"
    return DigestLine(f"{text}, {where}" if where else text, event.get_absolute_url())


def _action_line(action: Action) -> DigestLine:
    due = f" (due {format_uk_date(action.due)})" if action.due else ""
    return DigestLine(
        f"{action.text}{due}, from {action.event.title}", action.event.get_absolute_url()
    )


def whats_on_sections(person: User, now: datetime) -> Sequence[DigestSection]:
    """The next fortnight's events the person is invited to and the actions they still owe."""
    if CalendarSettings.objects.filter(user=person, weekly_digest=False).exists():
        return []
    events = (
        selectors.events_invited_to(person)
        .filter(starts_at__gte=now, starts_at__lt=now + AHEAD, cancelled=False)
        .select_related("series", "host_school")
        .order_by("starts_at")
    )
    links = (
        DigestLine("Your calendar", reverse("meetings:my_calendar")),
        DigestLine("Stop the weekly what's on", reverse("meetings:calendar_settings")),
    )
    subject = "What's on in your families: the next two weeks"
    sections = [
        DigestSection(
            heading="What's on in the next two weeks",
            lines=tuple(_event_line(event) for event in events),
            subject=subject,
            links=links,
        ),
        DigestSection(
            heading="Your open actions",
            lines=tuple(_action_line(action) for action in selectors.open_actions(person)),
            subject=subject,
        ),
    ]
    return [section for section in sections if section.lines]


WHATS_ON = DigestProvider(
    frequency=Frequency.WEEKLY, recipients=whats_on_recipients, sections=whats_on_sections
)
