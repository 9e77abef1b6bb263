"""python manage.py db_worker: django-tasks-db's worker, made to survive (kinship.core.worker).

Same options as the package's command, which this one replaces (kinship.core is listed
before django_tasks_db in INSTALLED_APPS): it beats a heartbeat that `/healthz` reads and
that leases its tasks to it, queues again the tasks of workers that died, and rides out a
database restart instead of exiting."""

from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import run_with_reloader
from django_tasks_db.management.commands import db_worker

from kinship.core.worker import SurvivingWorker


class Command(db_worker.Command):
    help = (
        "Run the task worker: a heartbeat for /healthz and for its tasks' lease, retries of "
        "tasks whose worker died, and reconnection after a database interruption."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SurvivingWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if options["reload"] and not options["batch"]:
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        worker.run()
