"""python manage.py escalate_safeguarding_alerts: run from cron every 10 minutes.

A high-severity held pupil post with nothing on its record after
SAFEGUARDING_ESCALATION_SCHOOL_HOURS school hours (2 by default) goes to the school's deputy
safeguarding leads, and after as many again to its head. Safe to run twice or to overlap:
each step is taken once. Also sends any safeguarding email whose task was lost.
"""

from typing import Any

from django.core.management.base import BaseCommand

from kinship.forums.services import alerts_escalate
from kinship.notifications.tasks import send_overdue_duty_emails


class Command(BaseCommand):
    help = "Escalate high-severity held pupil posts nobody has acted on in time."

    def handle(self, *args: Any, **options: Any) -> None:
        done = alerts_escalate()
        late = send_overdue_duty_emails()
        for step in done:
            self.stdout.write(f"alert {step.alert_id}: told {step.who} ({step.told} told)")
        self.stdout.write(f"{len(done)} escalation(s); {late} late safeguarding email(s) sent")
