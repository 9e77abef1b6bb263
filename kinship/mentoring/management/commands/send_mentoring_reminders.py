from typing import Any

from django.core.management.base import BaseCommand

from kinship.core.sending import forget_old_sends
from kinship.mentoring.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Email reminders for tomorrow's coaching and cohort meetings (run daily; sends each once)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        forget_old_sends()
        self.stdout.write(f"Sent {sent} reminder(s).")
