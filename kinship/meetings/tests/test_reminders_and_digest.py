"""The daily reminders and the weekly "what's on": each goes once, to those who want it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone

from kinship.conftest import Personas
from kinship.core.templatetags.kinship import format_uk_date
from kinship.core.tests.overlap import overlapping
from kinship.forums import services as forums
from kinship.forums.tests.conftest import make_forum
from kinship.meetings import services
from kinship.meetings.models import Event
from kinship.meetings.tests.conftest import y6_fields
from kinship.notifications.services import notification_settings_update

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


def test_the_whats_on_is_a_section_of_the_weekly_digest_one_email_a_week(
    people: Personas, settings
) -> None:
    """One digest system: a person with a weekly board subscription and a meeting ahead gets
    one email with both, whichever of the two commands cron runs, and the other sends nothing."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _meeting_on(people, 5)
    forum = make_forum(people)
    forums.board_subscribe(actor=people.teacher, board=forum.board, frequency="weekly")
    forums.thread_create(actor=people.head, board=forum.board, title="Spring moderation", body="?")
    mail.outbox.clear()
    call_command("send_notification_digests", "--frequency", "weekly", "--now")
    [digest] = [m for m in mail.outbox if m.to == [people.teacher.email]]
    body = str(digest.body)
    assert "Spring moderation" in body and "Y6 teachers' meeting" in body
    assert "What's on in the next two weeks" in body
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")
    assert isinstance(digest, EmailMultiAlternatives)
    html = str(digest.alternatives[0][0])
    assert "Y6 teachers&#x27; meeting" in html or "Y6 teachers' meeting" in html
    sent = len(mail.outbox)
    call_command("send_whats_on")
    assert len(mail.outbox) == sent


def test_whats_on_off_keeps_the_notifications_and_all_email_off_stops_both(
    people: Personas, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _meeting_on(people, 5)
    forum = make_forum(people)
    for person in (people.teacher, people.head):
        forums.board_subscribe(actor=person, board=forum.board, frequency="weekly")
    forums.thread_create(
        actor=people.coordinator, board=forum.board, title="Spring moderation", body="?"
    )
    services.calendar_settings_update(actor=people.teacher, weekly_digest=False, reminders=True)
    notification_settings_update(
        actor=people.head, frequency="immediate", mentions="immediate", emails_enabled=False
    )
    mail.outbox.clear()
    call_command("send_whats_on")
    [digest] = [m for m in mail.outbox if m.to == [people.teacher.email]]
    assert "Spring moderation" in digest.body
    assert "Y6 teachers' meeting" not in digest.body
    assert digest.subject.startswith("Kinship this week: 1 new thing")
    assert not [m for m in mail.outbox if m.to == [people.head.email]]
