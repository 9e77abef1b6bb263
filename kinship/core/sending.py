"""Send each email a cron job owes exactly once, even when two copies of the job overlap.

A job that reads "who is owed a reminder" and then marks the work done leaves a window in
which a second copy (cron firing again, an operator re-running it) reads the same list.
Each email is therefore claimed first, by inserting its key into a table with a unique
constraint: the INSERT that loses sends nothing. A failed send gives the claim back, so a
retry can send it; a crash between claim and send loses that one email rather than
doubling it, which is the right way round for a reminder.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from kinship.core.models import SentEmail

# Longer than any job's period (weekly digests), so a key is never forgotten while it guards.
KEEP_CLAIMS = timedelta(days=60)


def send_once(key: str, send: Callable[[], object]) -> bool:
    """Claim `key` and call `send`; False, sending nothing, when another run holds it."""
    try:
        with transaction.atomic():
            SentEmail.objects.create(key=key)
    except IntegrityError:
        return False
    try:
        send()
    except Exception:
        SentEmail.objects.filter(key=key).delete()
        raise
    return True


def forget_old_sends(*, now: datetime | None = None) -> int:
    """Drop claims older than KEEP_CLAIMS; run from the daily jobs."""
    cutoff = (now or timezone.now()) - KEEP_CLAIMS
    deleted, _ = SentEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
