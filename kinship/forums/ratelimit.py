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


def check_posting_rate(user: Any) -> None:
    limit = POSTS_PER_MINUTE.get(user.account_type, 3)
    minute = int(time.time() // 60)
    # The join time too: a test database reuses ids, a person keeps theirs for good.
    person = f"{user.pk}-{int(user.date_joined.timestamp() * 1_000_000)}"
    key = f"{settings.RATE_LIMIT_PREFIX}:forums:post:{person}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one afresh
        cache.set(key, 1, timeout=120)
        count = 1
    if count > limit:
        raise RateLimited(
            _(
                "You have posted %(limit)d times in the last minute. Take a breath and try "
                "again in a minute: your words are still in the box."
            )
            % {"limit": limit},
            code="rate_limited",
        )
