"""The daily reminders and the weekly "what's on": each goes once, to those who want it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kinship.conftest import Personas
from kinship.core.templatetags.kinship import format_uk_date
from kinship.core.tests.overlap import overlapping
from kinship.meetings import services
from kinship.meetings.models import Event
from kinship.meetings.tests.conftest import y6_fields

pytestmark = pytest.mark.django_db


def _meeting_on(people: Personas, days_ahead: int) -> Event:
    day = timezone.localdate() + timedelta(days=days_ahead)
    series = services.series_create(
        actor=people.coordinator,
        family=people.family,
        fields=y6_fields(people, rule=None, until=None, first_date=day),
    )
    return series.events.get()


def test_tomorrows_reminder_goes_once_to_those_going_who_want_it(people: Personas) -> None:
    event = _meeting_on(people, 1)
    services.rsvp_set(user=people.head, event=event, status="going")
    services.rsvp_set(user=people.teacher, event=event, status="going")
    services.calendar_settings_update(actor=people.teacher, weekly_digest=True, reminders=False)
    mail.outbox.clear()
    call_command("send_event_reminders")
    assert [m.to for m in mail.outbox] == [[people.head.email]]
    assert mail.outbox[0].subject == "Tomorrow: Y6 teachers' meeting"
    call_command("send_event_reminders")
    assert len(mail.outbox) == 1


def test_the_digest_lists_the_fortnight_and_open_actions_once_a_week(people: Personas) -> None:
    soon = _meeting_on(people, 5)
    later = _meeting_on(people, 40)  # too far ahead for this digest
    services.action_add(
        actor=people.coordinator, event=soon, text="Bring scripts", owner=people.teacher
    )
    services.calendar_settings_update(actor=people.head, weekly_digest=False, reminders=True)
    mail.outbox.clear()
    call_command("send_whats_on")
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {people.teacher.email, people.coordinator.email}
    body = str(by_person[people.teacher.email].body)
    assert "Y6 teachers' meeting" in body and "Bring scripts" in body
    assert format_uk_date(soon.date) in body
    assert format_uk_date(later.date) not in body
    call_command("send_whats_on")
    assert len(mail.outbox) == 2


def test_two_overlapping_reminder_runs_send_each_reminder_once(people: Personas, settings) -> None:
    event = _meeting_on(people, 1)
    services.rsvp_set(user=people.head, event=event, status="going")
    services.rsvp_set(user=people.teacher, event=event, status="going")
    with overlapping(settings, lambda: call_command("send_event_reminders")):
        call_command("send_event_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people.head.email, people.teacher.email])


def test_two_overlapping_whats_on_runs_send_each_digest_once(people: Personas, settings) -> None:
    _meeting_on(people, 5)
    with overlapping(settings, lambda: call_command("send_whats_on")):
        call_command("send_whats_on")
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients and len(recipients) == len(set(recipients))


def test_a_reminder_the_mail_server_refused_goes_on_the_next_run(
    people: Personas, settings
) -> None:
    event = _meeting_on(people, 1)
    services.rsvp_set(user=people.head, event=event, status="going")
    settings.EMAIL_BACKEND = "kinship.core.tests.overlap.FailingBackend"
    with pytest.raises(ConnectionRefusedError):
        call_command("send_event_reminders")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_event_reminders")
    assert [m.to for m in mail.outbox] == [[people.head.email]]
