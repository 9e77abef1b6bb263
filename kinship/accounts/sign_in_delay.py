"""Progressive delays on password sign-in, per account, whatever address the tries come from.

django-axes locks one address out of one account (a hard lock that only its own tries can
trigger). Here, every account slows down as failures mount from anywhere: the first few
failures cost nothing, then each further try must wait twice as long as the last, up to a
ceiling. A stranger can therefore make the owner wait a few minutes at worst, never lock
them out, and a guesser spread over many addresses gets a few hundred tries a day.
"""

import hashlib
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kinship.accounts.models import SignInDelay

FREE_FAILURES = 5
LONGEST_WAIT = timedelta(minutes=5)
# Failures older than this are forgotten: yesterday's typos do not slow today's sign-in.
FORGET_AFTER = timedelta(hours=24)


def wait_after(failures: int) -> timedelta:
    """How long the next try must wait after `failures` failures in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doubling = min(failures - FREE_FAILURES, 20)
    return min(timedelta(seconds=2**doubling), LONGEST_WAIT)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def seconds_to_wait(email: str, *, now: datetime | None = None) -> int:
    """Whole seconds before this account may try a password again (0: now)."""
    now = now or timezone.now()
    record = SignInDelay.objects.filter(account_key=account_key(email)).first()
    if record is None or now - record.last_failure_at > FORGET_AFTER:
        return 0
    ready_at = record.last_failure_at + wait_after(record.failures)
    remaining = (ready_at - now).total_seconds()
    return max(0, int(remaining + 0.999))


def failure_record(email: str, *, now: datetime | None = None) -> None:
    """Count one failed try; safe under concurrent tries (an atomic increment)."""
    now = now or timezone.now()
    key = account_key(email)
    with transaction.atomic():
        record = SignInDelay.objects.select_for_update().filter(account_key=key).first()
        if record is None:
            try:
                with transaction.atomic():
                    SignInDelay.objects.create(account_key=key, failures=1, last_failure_at=now)
                return
            except IntegrityError:  # another try created it first
                record = SignInDelay.objects.select_for_update().get(account_key=key)
        if now - record.last_failure_at > FORGET_AFTER:
            SignInDelay.objects.filter(pk=record.pk).update(failures=1, last_failure_at=now)
        else:
            SignInDelay.objects.filter(pk=record.pk).update(
                failures=F("failures") + 1, last_failure_at=now
            )


def clear(email: str) -> None:
    """A successful sign-in (or a password reset) starts the count again."""
    SignInDelay.objects.filter(account_key=account_key(email)).delete()
