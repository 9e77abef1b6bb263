"""python manage.py send_event_reminders: email tomorrow's events to those going. Run daily."""

from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.sending import forget_old_sends
from kinship.meetings.tasks import send_reminders


class Command(BaseCommand):
    help = "Email a reminder to everyone going to an event tomorrow (run once a day, e.g. 16:00)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        forget_old_sends()
        self.stdout.write(f"Sent {sent} reminder(s).")
