"""What `/healthz` checks: the database, the cache and the task worker's heartbeat.

A load balancer or monitor takes anything but 200 as "not well", so each part is named in
the answer and any part down gives 503."""

from datetime import timedelta

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import default_task_backend

from kinship.core.cache import RedisWithDatabaseFallback
from kinship.core.models import WorkerHeartbeat

OK = "ok"
# The worker beats every HEARTBEAT_SECONDS (kinship.core.worker); three missed is dead.
WORKER_SILENT_AFTER = timedelta(seconds=90)


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return OK


def cache() -> str:
    backend = caches["default"]
    if isinstance(backend, RedisWithDatabaseFallback):
        return OK if backend.redis_reachable() else "down: Redis unreachable, using the database"
    return OK


def worker() -> str:
    if not getattr(default_task_backend, "supports_defer", False):
        return OK  # tasks run in the request (development, browser tests): no worker
    try:
        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)
        seen = last.first()
    except DatabaseError:
        return "unknown: the database is down"
    if seen is None:
        return "down: no task worker has started"
    silent = timezone.now() - seen
    if silent > WORKER_SILENT_AFTER:
        return f"down: last heartbeat {int(silent.total_seconds())} s ago"
    return OK


def report() -> dict[str, str]:
    return {"database": database(), "cache": cache(), "worker": worker()}
