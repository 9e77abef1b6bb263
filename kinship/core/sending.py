"""Send each email a cron job or a task owes exactly once, even when two copies overlap or
a task is run again after failing half-way.

A job that reads "who is owed a reminder" and then marks the work done leaves a window in
which a second copy (cron firing again, an operator re-running it) reads the same list.
Each email is therefore claimed first, by inserting its key into a table with a unique
constraint: the INSERT that loses sends nothing. A failed send gives the claim back, so a
retry can send it; a crash between claim and send loses that one email rather than
doubling it, which is the right way round for a reminder.

A task's key names its purpose, the object and the recipient, and the object's version
where a new email is genuinely due (an updated invitation has a higher SEQUENCE), so a
retry or a second run of the same task sends only what the first did not.
"""

import hashlib
from collections.abc import Callable, Iterable
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


def version_of(parts: Iterable[object]) -> str:
    """A short, stable name for a set of things and their versions (a batch of dates and
    their SEQUENCE numbers), for a key that must change when any of them does."""
    text = ",".join(sorted(str(part) for part in parts))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def forget_old_sends(*, now: datetime | None = None) -> int:
    """Drop claims older than KEEP_CLAIMS; run from the daily jobs."""
    cutoff = (now or timezone.now()) - KEEP_CLAIMS
    deleted, _ = SentEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
