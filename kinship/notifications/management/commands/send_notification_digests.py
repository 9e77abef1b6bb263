"""python manage.py send_notification_digests --frequency daily|weekly: run from cron.

Enqueues the digest task for the worker (or runs it at once with --now). Safe to run twice:
each person gets each digest once, and each notification is emailed at most once.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinship.notifications.models import Frequency
from kinship.notifications.tasks import send_digests, send_digests_task

DIGEST_FREQUENCIES = (Frequency.DAILY.value, Frequency.WEEKLY.value)


class Command(BaseCommand):
    help = "Email the daily (run each morning) or weekly (run on Fridays) notification digests."

    def add_arguments(self, parser: ArgumentParser) -> None:
        # Checked in handle(), not with argparse's choices: a wrong value then gets the one
        # line and exit status 2 every Kinship command gives, not a page of usage.
        parser.add_argument("--frequency", default=Frequency.DAILY, help="daily or weekly")
        parser.add_argument(
            "--now", action="store_true", help="build and send here, not in the task worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        frequency: str = options["frequency"]
        if frequency not in DIGEST_FREQUENCIES:
            raise CommandError(
                f"--frequency must be daily or weekly, not {frequency!r}", returncode=2
            )
        if options["now"]:
            self.stdout.write(f"Sent {send_digests(frequency)} {frequency} digest(s).")
            return
        result = send_digests_task.enqueue(frequency)
        if result.is_finished:
            self.stdout.write(f"Sent {result.return_value} {frequency} digest(s).")
        else:
            self.stdout.write(f"Queued the {frequency} digests (task {result.id}).")
