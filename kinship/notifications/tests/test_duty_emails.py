"""Safeguarding alerts are a duty, not a preference (Keeping Children Safe in Education):
the designated safeguarding lead is emailed about a held pupil post at once even after
turning that board's, or all, email off, choosing a digest, or clicking any unsubscribe
link; no digest or unsubscribe swallows the alert."""

from collections.abc import Sequence
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from kinship.conftest import Personas
from kinship.families.models import Family
from kinship.forums import services as forums
from kinship.forums.models import PostStatus, SafetyAlert
from kinship.forums.services.safeguarding import ALERT_KIND
from kinship.forums.tests.conftest import Forum, make_forum
from kinship.notifications import registry, services
from kinship.notifications.emails import unsubscribe_url
from kinship.notifications.models import Frequency, Notification, NotificationSettings
from kinship.notifications.tasks import send_digests, send_duty_emails

pytestmark = pytest.mark.django_db
DISCLOSURE = "my step dad hurts me when mum is out"


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.RATE_LIMIT_PREFIX = "test-notifications-duty"


def _hold(forum: Forum, title: str) -> SafetyAlert:
    thread = forums.thread_create(
        actor=forum.people.pupil, board=forum.pupil_board, title=title, body=DISCLOSURE
    )
    post = thread.posts.get()
    assert post.status == PostStatus.HELD
    return SafetyAlert.objects.get(post=post)


def _to(person: Any) -> list[Any]:
    return [m for m in mail.outbox if m.to == [person.email]]


def _one_click(url: str) -> int:
    path = url.replace("http://127.0.0.1:8000", "").split("testserver", 1)[-1]
    return Client(enforce_csrf_checks=True).post(path).status_code


@pytest.mark.parametrize("choice", ["all_off", "digest", "unsubscribed", "board_off"])
def test_the_dsl_is_emailed_about_a_held_post_whatever_they_chose(
    people: Personas, choice: str, django_capture_on_commit_callbacks: Any
) -> None:
    forum = make_forum(people)  # the head is Alder's designated safeguarding lead
    dsl = people.head
    if choice == "all_off":
        services.notification_settings_update(
            actor=dsl, frequency="never", mentions="never", emails_enabled=False
        )
    elif choice == "digest":
        services.notification_settings_update(
            actor=dsl, frequency="weekly", mentions="weekly", emails_enabled=True
        )
    elif choice == "unsubscribed":
        assert _one_click(unsubscribe_url(dsl)) == 200
        assert not NotificationSettings.objects.get(user=dsl).emails_enabled
    else:
        topic = f"forums.board:{forum.pupil_board.pk}"
        assert _one_click(unsubscribe_url(dsl, topic)) == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _hold(forum, "Home")
    [email] = _to(dsl)
    assert "Safeguarding" in email.subject and "Alder Primary School" in email.subject
    assert "List-Unsubscribe" not in email.extra_headers
    assert "/notifications/unsubscribe/" not in email.body
    [alert] = Notification.objects.filter(recipient=dsl, kind=ALERT_KIND)
    assert alert.frequency == Frequency.IMMEDIATE and alert.emailed_at is not None
    # Neither digest takes it again, and the duty task run again sends nothing more.
    assert send_digests("daily") == 0 and send_digests("weekly") == 0
    assert send_duty_emails.call(dsl.pk) == 0
    assert len(_to(dsl)) == 1


@pytest.fixture
def duty_with_topic(monkeypatch: pytest.MonkeyPatch, people: Personas) -> Forum:
    """A duty kind whose notifications carry a board's topic, as a future app's might."""
    monkeypatch.setitem(registry._targets, "families.family", lambda user: Family.objects.all())

    def describe(person: Any, notifications: Sequence[Any]) -> registry.DutyEmail:
        return registry.DutyEmail(subject=f"Duty: {len(notifications)}", lines=(), url="/")

    monkeypatch.setitem(registry._duties, "test.duty", describe)
    return make_forum(people)


def test_unsubscribing_from_a_topic_or_choosing_never_does_not_stop_a_duty(
    people: Personas, duty_with_topic: Forum
) -> None:
    topic = f"forums.board:{duty_with_topic.board.pk}"
    [duty] = services.notify(
        recipients=[people.head],
        kind="test.duty",
        title="Alert",
        url="/",
        target=people.family,
        topic=topic,
        frequency_of=lambda person: Frequency.NEVER,  # the board's choice: ignored for a duty
    )
    assert duty.frequency == Frequency.IMMEDIATE and duty.emailed_at is None
    mail.outbox.clear()
    services.unsubscribe(token=unsubscribe_url(people.head, topic).rstrip("/").split("/")[-1])
    duty.refresh_from_db()
    assert duty.emailed_at is None and duty.frequency == Frequency.IMMEDIATE
    assert send_duty_emails.call(people.head.pk) == 1
    assert [m.subject for m in _to(people.head)] == ["Duty: 1"]


def test_a_pupil_is_never_emailed_even_a_duty(people: Personas, duty_with_topic: Forum) -> None:
    [made] = services.notify(
        recipients=[people.pupil], kind="test.duty", title="Alert", url="/", target=people.family
    )
    assert made.frequency == Frequency.NEVER
    mail.outbox.clear()
    assert send_duty_emails.call(people.pupil.pk) == 0
    assert mail.outbox == []
