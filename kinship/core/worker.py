"""The task worker, made to survive: django-tasks-db's loop, plus a lease and reconnection.

- A heartbeat thread records the worker as alive every HEARTBEAT_SECONDS. That is each
  running task's lease: a task still "running" under a worker silent for longer than
  LEASE (killed, its machine gone) is put back in the queue, after a pause that grows with
  each attempt, or failed with a message once MAX_ATTEMPTS have been used. Any live worker
  does this for the dead, on each beat.
- A database interruption no longer ends the process: the worker closes its connections,
  waits (1 s, doubling to 30 s), gives its own interrupted task back to the queue and goes on.

Tasks must therefore be safe to run again; email tasks claim each send (core.sending).
"""

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kinship.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30.0
LEASE = timedelta(seconds=90)  # three missed beats
MAX_ATTEMPTS = 3
MAX_RECONNECT_DELAY = 30.0


class WorkerLost(Exception):
    """The worker running a task stopped before it finished, too many times."""


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": timezone.now()}
    )


def _retry_pause(attempts: int) -> timedelta:
    return timedelta(seconds=settings.TASK_RETRY_BACKOFF_SECONDS * attempts)


def _give_back(task: "DBTaskResult[Any, Any]", now: datetime, why: str) -> str:
    """Queue the task again, or fail it when its attempts are used up."""
    attempts = len(task.worker_ids)
    if attempts < MAX_ATTEMPTS:
        task.status = TaskResultStatus.READY
        task.started_at = None
        task.run_after = now + _retry_pause(attempts)
        task.save(update_fields=["status", "started_at", "run_after"])
        logger.warning("Task %s (%s) %s: queued again", task.id, task.task_path, why)
        return "retried"
    task.set_failed(WorkerLost(f"{why} on each of {attempts} attempts; not tried again."))
    logger.error(
        "Task %s (%s) %s: failed after %d attempts", task.id, task.task_path, why, attempts
    )
    # The app whose task it was marks its own record failed (a matching run, say).
    task_finished.send(sender=type(task.task.get_backend()), task_result=task.task_result)
    return "failed"


def recover_abandoned_tasks(*, now: datetime | None = None) -> dict[str, int]:
    """Tasks left "running" by a worker that is no longer alive go back to the queue."""
    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - LEASE).values_list("worker_id", flat=True)
    )
    outcome = {"retried": 0, "failed": 0}
    with transaction.atomic():
        stale = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=now - LEASE
        )
        for task in stale:
            if task.worker_ids and task.worker_ids[-1] in alive:
                continue  # a long task under a live worker
            outcome[_give_back(task, now, "its worker stopped")] += 1
    return outcome


def release_own_tasks(worker_id: str) -> int:
    """After an interruption this worker's task is no longer running: queue it again."""
    now = timezone.now()
    released = 0
    with transaction.atomic():
        for task in DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING
        ):
            if task.worker_ids and task.worker_ids[-1] == worker_id:
                _give_back(task, now, "was interrupted by a database outage")
                released += 1
    return released


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.every = worker_id, every
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                beat(self.worker_id)
                recover_abandoned_tasks()
            except DatabaseError as error:
                logger.warning("Heartbeat missed: %s", error)
            finally:
                connections.close_all()  # this thread's own connections
            self.stopping.wait(self.every)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=self.every)


class SurvivingWorker(Worker):
    def __init__(self, *, beat_every: float | None = HEARTBEAT_SECONDS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.beat_every = beat_every

    def run(self) -> None:
        heartbeat = None
        if self.beat_every:
            heartbeat = Heartbeat(self.worker_id, self.beat_every)
            heartbeat.start()
        delay = 1.0
        try:
            while self.running:
                try:
                    release_own_tasks(self.worker_id)
                    super().run()
                    return
                except (OperationalError, InterfaceError) as error:
                    logger.warning(
                        "Database unreachable (%s): trying again in %.0f s", error, delay
                    )
                    connections.close_all()
                    time.sleep(delay)
                    delay = min(delay * 2, MAX_RECONNECT_DELAY)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
