"""Enqueue a task as part of the change that needs it.

The task queue is a table in Kinship's own database (django-tasks-db), so a task enqueued
inside the service's transaction is committed with the change or not at all: a crash
between the two loses nothing, and a rollback leaves no task behind. `on_commit` gave the
opposite: a process killed after COMMIT and before the callback lost the task (an
invitation never sent), with nothing to say it was owed.

Backends that run or keep tasks elsewhere (the immediate backend tests use, which runs the
task there and then) still wait for COMMIT, so the task never reads uncommitted data
through another connection, nor runs for a change that is rolled back.
"""

from functools import partial
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from typing_extensions import ParamSpec

P = ParamSpec("P")
T = TypeVar("T")


def queue_in_transaction(task: Task[Any, Any]) -> bool:
    """True when `task` is stored in the default database, the one services' transactions
    are on, so an enqueue there belongs to the current transaction."""
    return (
        isinstance(task.get_backend(), DatabaseBackend)
        and router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS
    )


def enqueue_with_change(task: Task[P, T], *args: P.args, **kwargs: P.kwargs) -> None:
    """Enqueue `task` in the current transaction when the queue is in this database,
    otherwise once the transaction commits."""
    if queue_in_transaction(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))
