"""The notification email tasks record each send: run again after the SMTP server failed
half-way, they send only what they still owed, and a third run sends nothing. Forum
alerts, mentions, library shares and safeguarding duties all go through these two."""

from collections.abc import Sequence
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kinship.conftest import Personas
from kinship.core.tests.overlap import run_failing_half_way
from kinship.families.models import Family
from kinship.notifications import registry
from kinship.notifications.models import Frequency, Notification, NotificationSettings
from kinship.notifications.services import notify
from kinship.notifications.tasks import send_duty_emails, send_immediate_emails

pytestmark = pytest.mark.django_db


@pytest.fixture
def families_notify(monkeypatch: pytest.MonkeyPatch, people: Personas) -> None:
    """A target every test person may see, and two duty kinds each with its own email."""
    monkeypatch.setitem(registry._targets, "families.family", lambda user: Family.objects.all())

    def describe(name: str) -> registry.DescribeDuty:
        def duty(person: Any, notifications: Sequence[Any]) -> registry.DutyEmail:
            return registry.DutyEmail(subject=f"{name}: {len(notifications)}", lines=(), url="/")

        return duty

    monkeypatch.setitem(registry._duties, "test.duty_one", describe("One"))
    monkeypatch.setitem(registry._duties, "test.duty_two", describe("Two"))
    for person in (people.head, people.teacher):
        NotificationSettings.objects.update_or_create(
            user=person, defaults={"emails_enabled": True}
        )


def _notify(people: Personas, kind: str, recipients: list[Any]) -> list[Notification]:
    return notify(
        recipients=recipients,
        kind=kind,
        title="Something to read",
        url="/",
        target=people.family,
        frequency_of=lambda person: Frequency.IMMEDIATE,
    )


def test_immediate_emails_run_again_reach_each_person_once(
    people: Personas, families_notify: None, settings: Any
) -> None:
    made = _notify(people, "test.ping", [people.head, people.teacher])
    ids = [n.pk for n in made]
    owed, again = run_failing_half_way(settings, lambda: send_immediate_emails.call(ids))
    assert owed == sorted([people.head.email, people.teacher.email])
    assert again == []
    assert not Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).exists()


def test_a_duty_email_refused_half_way_sends_the_rest_once(
    people: Personas, families_notify: None, settings: Any
) -> None:
    _notify(people, "test.duty_one", [people.head])
    _notify(people, "test.duty_two", [people.head])
    subjects: list[str] = []

    def run() -> None:
        try:
            send_duty_emails.call(people.head.pk)
        finally:
            subjects.extend(str(m.subject) for m in mail.outbox if m.subject not in subjects)

    owed, again = run_failing_half_way(settings, run)
    assert owed == [people.head.email, people.head.email]  # two groups, each once
    assert sorted(subjects) == ["One: 1", "Two: 1"]
    assert again == []


def test_notifications_enqueue_their_email_with_the_change_or_not_at_all(
    people: Personas, families_notify: None, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        _notify(people, "test.ping", [people.head])
        assert DBTaskResult.objects.count() == 1
        raise Refused
    assert DBTaskResult.objects.count() == 0
    [made] = _notify(people, "test.ping", [people.head])
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [[made.pk]]
