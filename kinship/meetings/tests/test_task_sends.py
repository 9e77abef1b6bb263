"""Meetings' email tasks record each send: a task that failed half-way and is run again
sends only what it still owed, and a third run sends nothing."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kinship.conftest import Personas
from kinship.core.tests.overlap import run_failing_half_way
from kinship.meetings import services
from kinship.meetings.models import Rsvp
from kinship.meetings.services import Scope
from kinship.meetings.tasks import send_event_invitations, send_place_offered
from kinship.meetings.tests.conftest import y6_fields

pytestmark = pytest.mark.django_db
D = date


def test_invitations_run_again_after_a_failure_reach_each_person_once(
    term_dates: Personas, settings: Any
) -> None:
    # Enqueued, not run: the test runs the task itself, as the worker would.
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    ids = list(series.events.values_list("pk", flat=True))
    owed, again = run_failing_half_way(
        settings, lambda: send_event_invitations.call(ids, "REQUEST", None, "first")
    )
    assert owed == sorted([term_dates.head.email, term_dates.teacher.email])
    assert again == []


def test_a_change_with_a_higher_sequence_is_sent_again(
    term_dates: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    series = services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    event = series.events.get(date=D(2031, 11, 19))
    send_event_invitations.call([event.pk], "REQUEST", None, "")
    mail.outbox.clear()
    send_event_invitations.call([event.pk], "REQUEST", None, "")
    assert mail.outbox == []  # the same dates at the same SEQUENCE: sent already
    with django_capture_on_commit_callbacks(execute=True):
        services.series_update(
            actor=term_dates.coordinator,
            event=event,
            scope=Scope.ONE,
            fields=y6_fields(term_dates, first_date=D(2031, 11, 20)),
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [term_dates.head.email, term_dates.teacher.email]
    )


def test_a_place_offered_is_emailed_once_however_often_the_task_runs(
    term_dates: Personas, settings: Any
) -> None:
    event = services.series_create(
        actor=term_dates.coordinator,
        family=term_dates.family,
        fields=y6_fields(term_dates, rule=None, until=None, capacity=1, first_date=D(2031, 9, 17)),
    ).events.get()
    services.rsvp_set(user=term_dates.head, event=event, status="going")
    waiting = services.rsvp_set(user=term_dates.teacher, event=event, status="going")
    services.rsvp_set(user=term_dates.head, event=event, status="declined")
    waiting.refresh_from_db()
    assert waiting.status == Rsvp.Status.GOING
    owed, again = run_failing_half_way(
        settings, lambda: send_place_offered.call(waiting.pk), accept=0
    )
    assert (owed, again) == ([term_dates.teacher.email], [])


def test_invitations_are_enqueued_with_the_change_or_not_at_all(
    term_dates: Personas, settings: Any
) -> None:
    """On the database queue the task row is written in the service's transaction: a
    service that fails after enqueueing leaves none, one that succeeds leaves one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        services.series_create(
            actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
        )
        assert DBTaskResult.objects.count() == 1  # enqueued, not waiting for COMMIT
        raise Refused
    assert DBTaskResult.objects.count() == 0

    services.series_create(
        actor=term_dates.coordinator, family=term_dates.family, fields=y6_fields(term_dates)
    )
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "kinship.meetings.tasks.send_event_invitations"
