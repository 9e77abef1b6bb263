"""Permission matrix rows for meetings: a family meeting organised by the coordinator and
hosted at Alder, a meeting of the confidential circle, a date poll and the calendar pages.

Invitees (the head, the teacher and the coordinator) see and reply; the organiser, the
family's coordinators and admins run a meeting; a confidential circle's meeting is its
members' alone. Partners, pupils and outsiders are not told it exists.
"""

from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from kinship.conftest import Personas
from kinship.meetings.models import Action, AgendaItem, Audience, DatePoll, Event, EventKind
from kinship.meetings.services import (
    SeriesFields,
    action_add,
    agenda_item_add,
    calendar_settings_of,
    poll_create,
    series_create,
)
from kinship.tests.matrix import FAMILY_HIDDEN, NOT_FOR_PUPILS, OK, Case, Expect, expect

ORGANISERS: dict[str, Expect] = dict(
    admin=OK, coordinator=OK, head=403, teacher=403, **FAMILY_HIDDEN
)
INVITEES: dict[str, Expect] = dict(admin=OK, coordinator=OK, head=OK, teacher=OK, **FAMILY_HIDDEN)


def _next_weekday(days: int = 14) -> date:
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def meeting(p: Personas, *, confidential: bool = False) -> Event:
    """The first date of the matrix's meeting (made once per test)."""
    title = "Heads' room meeting" if confidential else "Kaizen network meeting"
    existing = Event.objects.filter(title=title).first()
    if existing is not None:
        return existing
    series = series_create(
        actor=p.head if confidential else p.coordinator,
        family=p.family,
        fields=SeriesFields(
            title=title,
            kind=EventKind.NETWORK_MEETING,
            audience=Audience.CIRCLE if confidential else Audience.FAMILY,
            circle=p.confidential_circle if confidential else None,
            host_school=p.school,
            start_time=time(15, 45),
            end_time=time(17, 0),
            first_date=_next_weekday(),
        ),
    )
    return series.events.get()


def _agenda_item(p: Personas) -> AgendaItem:
    return agenda_item_add(actor=p.teacher, event=meeting(p), title="Writing moderation dates")


def _action(p: Personas) -> Action:
    return action_add(actor=p.coordinator, event=meeting(p), text="Share the rota", owner=p.head)


def _poll(p: Personas) -> DatePoll:
    existing = DatePoll.objects.first()
    if existing is not None:
        return existing
    day = _next_weekday(21)
    return poll_create(
        actor=p.coordinator,
        family=p.family,
        title="Summer moderation",
        slots=[(day, time(15, 45), time(17, 0)), (day + timedelta(days=1), time(9), time(12))],
    )


def _event_case(name: str, expected: dict[str, Expect], **kwargs: Any) -> Case:
    return Case(
        f"meetings:{name}", expect(404, **expected), args=lambda p: [meeting(p).pk], **kwargs
    )


MEETINGS_CASES: list[Case] = [
    Case("meetings:my_calendar", expect(OK, pupil=NOT_FOR_PUPILS)),
    Case("meetings:calendar_settings", expect(OK, pupil=NOT_FOR_PUPILS)),
    Case("meetings:feed_reset", expect(OK, pupil=NOT_FOR_PUPILS), method="post"),
    Case(
        "meetings:feed",
        expect(OK, anonymous=OK),
        args=lambda p: [calendar_settings_of(p.teacher).feed_token],
    ),
    Case(
        "meetings:feed",
        expect(404, anonymous=404),
        args=lambda p: ["not-a-real-token-at-all"],
        label="bad token",
    ),
    Case("meetings:family_calendar", expect(404, **INVITEES), args=lambda p: [p.family.slug]),
    Case(
        "meetings:series_create",
        expect(403, coordinator=OK, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case(
        "meetings:poll_create",
        expect(403, coordinator=OK, head=OK, **FAMILY_HIDDEN),
        args=lambda p: [p.family.slug],
    ),
    Case("meetings:series_detail", expect(404, **INVITEES), args=lambda p: [meeting(p).series_id]),
    _event_case("event_detail", INVITEES),
    Case(
        "meetings:event_detail",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [meeting(p, confidential=True).pk],
        label="confidential circle",
    ),
    Case(
        "meetings:series_detail",
        expect(404, head=OK, teacher=OK),
        args=lambda p: [meeting(p, confidential=True).series_id],
        label="confidential circle",
    ),
    _event_case("event_ics", INVITEES),
    _event_case("event_edit", ORGANISERS),
    _event_case("event_cancel", ORGANISERS, method="post", data=lambda p: {"scope": "one"}),
    _event_case("event_attendance", ORGANISERS),
    _event_case("minutes_edit", ORGANISERS),
    _event_case(
        "action_add",
        ORGANISERS,
        method="post",
        data=lambda p: {"text": "Send the rota", "owner": p.head.pk},
    ),
    _event_case(
        "event_rsvp",
        dict(admin=403, coordinator=OK, head=OK, teacher=OK, **FAMILY_HIDDEN),
        method="post",
        data=lambda p: {"status": "going"},
    ),
    _event_case(
        "agenda_add",
        INVITEES,
        method="post",
        data=lambda p: {"title": "Visits rota"},
    ),
    Case(
        "meetings:agenda_remove",
        expect(404, admin=OK, coordinator=OK, head=403, teacher=OK),
        args=lambda p: [_agenda_item(p).pk],
        method="post",
    ),
    Case(
        "meetings:action_done",
        expect(404, admin=OK, coordinator=OK, head=OK, teacher=403),
        args=lambda p: [_action(p).pk],
        method="post",
    ),
    Case(
        "meetings:poll_detail",
        expect(404, coordinator=OK, head=OK, teacher=OK),
        args=lambda p: [_poll(p).pk],
    ),
    Case(
        "meetings:poll_close",
        expect(404, coordinator=OK, head=403, teacher=403),
        args=lambda p: [_poll(p).pk],
        method="post",
        data=lambda p: {"slot": _poll(p).slots.earliest("date").pk, "host_school": p.school.pk},
    ),
]
