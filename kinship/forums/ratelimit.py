"""Posting limits per person per minute, counted in Django's cache (Redis when REDIS_URL is
set, so every web process counts together)."""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

POSTS_PER_MINUTE = {"staff": 8, "pupil": 3}


class RateLimited(ValidationError):
    """Too many posts this minute: the page says so kindly and keeps what was typed."""


def check_posting_rate(user: Any, *, now: float | None = None) -> None:
    """Count this post, and refuse it when the person has posted more than their limit in
    the last sixty seconds (a sliding minute: the previous clock minute's posts count for
    the share of it still within the last sixty seconds, so no burst slips through at
    the turn of a minute)."""
    limit = POSTS_PER_MINUTE.get(user.account_type, 3)
    minute, seconds_in = divmod(time.time() if now is None else now, 60)
    # The join time too: a test database reuses ids, a person keeps theirs for good.
    person = f"{user.pk}-{int(user.date_joined.timestamp() * 1_000_000)}"
    base = f"{settings.RATE_LIMIT_PREFIX}:forums:post:{person}"
    key = f"{base}:{int(minute)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one afresh
        cache.set(key, 1, timeout=120)
        count = 1
    previous = cache.get(f"{base}:{int(minute) - 1}", 0)
    if count + previous * (1 - seconds_in / 60) > limit:
        raise RateLimited(
            _(
                "You have posted %(limit)d times in the last minute. Take a breath and try "
                "again in a minute: your words are still in the box."
            )
            % {"limit": limit},
            code="rate_limited",
        )
