"""python manage.py send_whats_on: the weekly "what's on" email. Run weekly."""

from typing import Any

from django.core.management.base import BaseCommand

from kinship.meetings.tasks import send_digests


class Command(BaseCommand):
    help = "Email each person their next fortnight's events and open actions (run weekly)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        self.stdout.write(f"Sent {sent} digest(s).")
