"""Digests (send_notification_digests, run by cron): each person's digest goes once a
period however often, or however overlapped, the job runs; a failed SMTP server leaves
only what is still owed; nobody is sent an empty digest or one they switched off."""

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kinship.accounts.models import User
from kinship.conftest import Personas
from kinship.core.tests.overlap import overlapping, run_failing_half_way
from kinship.forums import services as forums
from kinship.forums.tests.conftest import Forum, make_forum
from kinship.notifications import services
from kinship.notifications.models import Notification, NotificationSettings
from kinship.notifications.tasks import send_digests

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = "test-notifications-digests"


@pytest.fixture
def two_readers(people: Personas) -> Forum:
    """The head and the coordinator follow the staffroom daily; the teacher posts in it."""
    forum = make_forum(people)
    for person in (people.head, people.coordinator):
        forums.board_subscribe(actor=person, board=forum.board, frequency="daily")
    forums.thread_create(actor=people.teacher, board=forum.board, title="Rotas", body="Who?")
    mail.outbox.clear()
    return forum


def _to(person: User) -> list[Any]:
    return [m for m in mail.outbox if m.to == [person.email]]


def test_running_the_command_twice_sends_each_digest_once(
    people: Personas, two_readers: Forum
) -> None:
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    call_command("send_notification_digests", "--frequency", "daily", "--now")
    assert len(_to(people.head)) == 1 and len(_to(people.coordinator)) == 1
    assert "Rotas" in _to(people.head)[0].body
    assert not _to(people.teacher)  # their own post tells them nothing
    assert send_digests("weekly") == 0  # a daily notification is not in the weekly digest


def test_two_overlapping_runs_send_each_digest_once(
    people: Personas, two_readers: Forum, settings: Any
) -> None:
    second: list[int] = []
    with overlapping(settings, lambda: second.append(send_digests("daily"))):
        first = send_digests("daily")
    assert first + second[0] == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people.head.email, people.coordinator.email]
    )


def test_a_refused_send_leaves_only_what_is_owed(
    people: Personas, two_readers: Forum, settings: Any
) -> None:
    owed, again = run_failing_half_way(settings, lambda: send_digests("daily"))
    assert owed == sorted([people.head.email, people.coordinator.email])
    assert again == []
    assert not Notification.objects.filter(emailed_at__isnull=True, frequency="daily").exists()


def test_the_next_period_sends_only_what_is_new(people: Personas, two_readers: Forum) -> None:
    assert send_digests("daily") == 2
    mail.outbox.clear()
    tomorrow = timezone.now() + timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert send_digests("daily") == 0  # nothing new: no email, not an empty one
        forums.thread_create(
            actor=people.teacher, board=two_readers.board, title="Trips", body="Where?"
        )
        assert send_digests("daily") == 2
    [digest] = _to(people.head)
    assert "Trips" in digest.body and "Rotas" not in digest.body


def test_nobody_with_nothing_new_is_emailed(people: Personas, two_readers: Forum) -> None:
    services.notifications_mark_all_read(actor=people.head)
    assert send_digests("daily") == 1
    assert not _to(people.head) and len(_to(people.coordinator)) == 1


@pytest.mark.parametrize("how", ["choices", "unsubscribe_all", "inactive"])
def test_a_person_who_turned_email_off_gets_no_digest(
    people: Personas, two_readers: Forum, how: str
) -> None:
    head = people.head
    if how == "choices":
        services.notification_settings_update(
            actor=head, frequency="daily", mentions="daily", emails_enabled=False
        )
    elif how == "unsubscribe_all":
        from kinship.notifications.tokens import unsubscribe_token

        services.unsubscribe(token=unsubscribe_token(head))
    else:
        User.objects.filter(pk=head.pk).update(is_active=False)
    assert send_digests("daily") == 1
    assert not _to(head) and len(_to(people.coordinator)) == 1
    # What was waiting is settled, not sent later in a burst.
    assert not Notification.objects.filter(recipient=head, emailed_at__isnull=True).exists()
    settings_row = NotificationSettings.objects.filter(user=head).first()
    assert settings_row is None or settings_row.emails_enabled is (how == "inactive")


def test_a_wrong_frequency_is_refused_by_the_task(people: Personas) -> None:
    with pytest.raises(ValueError):
        send_digests("hourly")
