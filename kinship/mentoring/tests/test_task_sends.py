"""Mentoring's email tasks record each send: a task that failed half-way and is run again
sends only what it still owed, and a third run sends nothing. Each test first forgets the
claims of the emails its setup sent, so the task runs as if for the first time."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kinship.core.models import SentEmail
from kinship.core.tests.overlap import run_failing_half_way
from kinship.mentoring import services
from kinship.mentoring.models import Pair, Participant
from kinship.mentoring.tasks import (
    send_cohort_meeting_invitation,
    send_notice,
    send_pair_meeting_invitation,
    send_pair_notice,
)
from kinship.mentoring.tests.conftest import World

pytestmark = pytest.mark.django_db


def soon(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_default_timezone())


def test_a_published_pair_is_told_once_each(pair: Pair, world: World, settings: Any) -> None:
    SentEmail.objects.all().delete()
    owed, again = run_failing_half_way(
        settings, lambda: send_pair_notice.call("published", [pair.pk])
    )
    assert owed == sorted([world.people.head.email, world.people.teacher.email])
    assert again == []


def test_a_declined_pair_tells_the_other_member_and_coordinators_once(
    pair: Pair, world: World, settings: Any
) -> None:
    Pair.objects.filter(pk=pair.pk).update(declined_by=world.people.head)
    owed, again = run_failing_half_way(
        settings, lambda: send_pair_notice.call("declined", [pair.pk])
    )
    assert owed == sorted([world.people.teacher.email, world.people.coordinator.email])
    assert again == []


def test_a_pair_meeting_invitation_reaches_both_once_and_a_move_again(
    pair: Pair, world: World, settings: Any
) -> None:
    meeting = services.meeting_schedule(
        actor=world.people.head,
        pair=pair,
        starts_at=soon(16),
        ends_at=soon(17),
        place="coach_school",
        location="Head's office",
    )
    SentEmail.objects.all().delete()
    owed, again = run_failing_half_way(
        settings, lambda: send_pair_meeting_invitation.call(meeting.pk, "REQUEST")
    )
    both = sorted([world.people.head.email, world.people.teacher.email])
    assert (owed, again) == (both, [])
    type(meeting).objects.filter(pk=meeting.pk).update(sequence=meeting.sequence + 1)
    # Moved: a higher SEQUENCE is a new invitation, owed to both again.
    owed, again = run_failing_half_way(
        settings, lambda: send_pair_meeting_invitation.call(meeting.pk, "REQUEST")
    )
    assert (owed, again) == (both, [])


def test_a_cohort_meeting_invitation_is_sent_once(world: World, settings: Any) -> None:
    meeting = services.cohort_meeting_create(
        actor=world.people.coordinator,
        programme=world.programme,
        title="Cohort meeting 1",
        starts_at=soon(9),
        ends_at=soon(12),
        host_school=world.people.school,
    )
    SentEmail.objects.all().delete()
    owed, again = run_failing_half_way(
        settings, lambda: send_cohort_meeting_invitation.call(meeting.pk, "REQUEST"), accept=0
    )
    assert (owed, again) == ([world.people.head.email], [])


def _nominate(world: World) -> Participant:
    Participant.objects.filter(programme=world.programme, user=world.people.teacher).delete()
    return services.participant_nominate(
        actor=world.people.coordinator,
        programme=world.programme,
        user=world.people.teacher,
        role=Participant.Role.COACH,
    )


def test_a_nomination_is_emailed_once(world: World, settings: Any) -> None:
    nominee = _nominate(world)
    SentEmail.objects.all().delete()
    owed, again = run_failing_half_way(
        settings, lambda: send_notice.call("nominated", nominee.pk), accept=0
    )
    assert (owed, again) == ([world.people.teacher.email], [])


def test_a_nomination_enqueues_its_email_with_the_change_or_not_at_all(
    world: World, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        _nominate(world)
        assert DBTaskResult.objects.count() == 1
        raise Refused
    assert DBTaskResult.objects.count() == 0
    _nominate(world)
    [queued] = DBTaskResult.objects.all()
    assert (queued.task_path, queued.args_kwargs["args"]) == (
        "kinship.mentoring.tasks.send_notice",
        ["nominated", Participant.objects.get(user=world.people.teacher).pk],
    )
