"""Tasks are enqueued with the change that needs them: in its transaction when the queue is
this database, after COMMIT for any other backend (the immediate one tests use)."""

from typing import Any

import pytest
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from kinship.core.queue import enqueue_with_change, queue_in_transaction

pytestmark = pytest.mark.django_db
RAN: list[int] = []


@task()
def remember(value: int) -> int:
    RAN.append(value)
    return value


class Refused(Exception):
    pass


def test_on_the_database_queue_a_rollback_enqueues_nothing_and_a_commit_one(
    settings: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert queue_in_transaction(remember)
    with pytest.raises(Refused), transaction.atomic():
        enqueue_with_change(remember, 1)
        assert DBTaskResult.objects.count() == 1  # written now, in this transaction
        raise Refused
    assert DBTaskResult.objects.count() == 0
    with transaction.atomic():
        enqueue_with_change(remember, 2)
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [2], "kwargs": {}}


def test_an_immediate_backend_runs_the_task_only_after_commit(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert not queue_in_transaction(remember)
    RAN.clear()
    with (
        django_capture_on_commit_callbacks(execute=False) as waiting,
        pytest.raises(Refused),
        transaction.atomic(),
    ):
        enqueue_with_change(remember, 3)
        raise Refused
    assert (RAN, waiting) == ([], [])  # rolled back: never run
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_with_change(remember, 4)
        assert RAN == []  # not before COMMIT
    assert RAN == [4]
