"""`manage.py apply_retention`: delete what erasure kept once its time is up (cron, daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.submissions import forget_old_submissions
from kinship.privacy import services


class Command(BaseCommand):
    help = "Delete records kept after an erasure whose retention period has ended."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = services.retention_apply()
        self.stdout.write(f"Deleted {deleted} record(s) past their retention period")
        # Form submission claims only guard against a repeat for a short while.
        forgotten = forget_old_submissions()
        self.stdout.write(f"Forgot {forgotten} old form submission claim(s)")
