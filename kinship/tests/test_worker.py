"""The task worker survives: a task whose worker died is retried and finishes, a task that
keeps losing its worker fails with a message, and a database interruption is ridden out."""

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from kinship.core import worker
from kinship.core.models import SentEmail, WorkerHeartbeat
from kinship.mentoring.models import MatchingRun
from kinship.tests.worker_tasks import leave_a_mark

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_backoff(settings: Any) -> None:
    settings.TASK_RETRY_BACKOFF_SECONDS = 0


def _run_worker_until_idle() -> None:
    # The worker closes stale connections each round; inside the test's transaction on
    # PostgreSQL that would close the test's own connection, so it is kept here.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _worker().run()


def _worker() -> worker.SurvivingWorker:
    return worker.SurvivingWorker(
        beat_every=None,
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="live-worker",
        excluded_queue_names=[],
    )


def _killed_mid_run(task_id: Any, worker_id: str, *, minutes_ago: int = 10) -> None:
    """What a worker killed with -9 leaves: the task claimed, running, never finished."""
    row = DBTaskResult.objects.get(pk=task_id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=task_id).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


def test_a_task_whose_worker_was_killed_is_retried_once_and_then_finishes() -> None:
    result = leave_a_mark.enqueue("retried")
    _killed_mid_run(result.id, "killed-worker")
    assert worker.recover_abandoned_tasks() == {"retried": 1, "failed": 0}
    _run_worker_until_idle()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["killed-worker", "live-worker"]
    assert SentEmail.objects.filter(key__startswith="retried").count() == 1


def test_a_long_task_under_a_live_worker_is_left_alone() -> None:
    result = leave_a_mark.enqueue("long")
    _killed_mid_run(result.id, "busy-worker")
    WorkerHeartbeat.objects.create(worker_id="busy-worker", seen_at=timezone.now())
    assert worker.recover_abandoned_tasks() == {"retried": 0, "failed": 0}
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING


def test_a_task_that_keeps_losing_its_worker_fails_with_a_message_on_its_page(
    people: Any,
) -> None:
    from kinship.mentoring.tasks import run_matching
    from kinship.tests.matrix_mentoring import world

    run = MatchingRun.objects.create(
        programme=world(people).programme, requested_by=people.coordinator
    )
    result = run_matching.enqueue(run.pk)
    for attempt in range(worker.MAX_ATTEMPTS):
        _killed_mid_run(result.id, f"dead-{attempt}")
        MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.RUNNING)
        worker.recover_abandoned_tasks()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert "each of 3 attempts" in row.traceback
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.FAILED
    assert "stopped before it finished" in run.error


def test_the_worker_carries_on_after_the_database_drops() -> None:
    result = leave_a_mark.enqueue("reconnected")
    real = DBTaskResultQuerySet.get_locked
    calls = {"n": 0}

    def drops_once(queryset: DBTaskResultQuerySet) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(queryset)

    with (
        mock.patch.object(DBTaskResultQuerySet, "get_locked", drops_once),
        mock.patch("kinship.core.worker.time.sleep") as slept,
        mock.patch("kinship.core.worker.connections.close_all"),
    ):
        _run_worker_until_idle()
    slept.assert_called_once_with(1.0)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
