"""python manage.py send_whats_on: the weekly digest, whose "what's on" section is meetings'.

Kept for crontabs written before the two digests became one: it sends what
`send_notification_digests --frequency weekly --now` sends, and either run after the other
in the same week sends nothing more.
"""

from typing import Any

from django.core.management.base import BaseCommand

from kinship.notifications.models import Frequency
from kinship.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Send the weekly digest, with each person's next fortnight and open actions."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests(Frequency.WEEKLY)
        self.stdout.write(f"Sent {sent} digest(s).")
