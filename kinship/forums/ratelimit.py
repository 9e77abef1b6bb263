"""Posting limits per person over the last sixty seconds, counted in Django's cache (Redis
when REDIS_URL is set, so every web process counts together).

Only accepted posts count: `posting_rate_check` runs before a post is saved and counts
nothing; `posting_rate_count` runs once it is saved. A refused try (empty, too long, a
locked thread, no permission, or over the limit itself) never counts, so the message
"you have posted N times" is true and nobody is kept out by tries that did not post.
Posts are counted per second, so the minute slides: no burst slips through at the turn of
a clock minute, and the page can say when the next post will be taken.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from kinship.accounts.models import User

POSTS_PER_MINUTE = {"staff": 8, "pupil": 3}
WINDOW = 60  # seconds


class RateLimited(ValidationError):
    """Too many posts this minute: the page says so kindly and keeps what was typed."""


def _base(user: User) -> str:
    # The join time too: a test database reuses ids, a person keeps theirs for good.
    person = f"{user.pk}-{int(user.date_joined.timestamp() * 1_000_000)}"
    return f"{settings.RATE_LIMIT_PREFIX}:forums:posted:{person}"


def _recent(user: User, now: float) -> dict[int, int]:
    """Accepted posts in the last sixty seconds, by the second they were counted in."""
    base = _base(user)
    seconds = range(math.floor(now) - WINDOW + 1, math.floor(now) + 1)
    found = cache.get_many([f"{base}:{second}" for second in seconds])
    counts = {second: int(found.get(f"{base}:{second}", 0)) for second in seconds}
    return {second: n for second, n in counts.items() if n}


def posting_rate_check(user: User, *, now: float | None = None) -> None:
    """Refuse a post when the person already has their limit of accepted posts in the last
    sixty seconds, saying how many and roughly when the next one will be taken."""
    now = time.time() if now is None else now
    limit = POSTS_PER_MINUTE.get(user.account_type, 3)
    counts = _recent(user, now)
    posted = sum(counts.values())
    if posted < limit:
        return
    to_age_out = posted - limit + 1
    wait = WINDOW
    for second in sorted(counts):
        to_age_out -= counts[second]
        if to_age_out <= 0:
            wait = max(1, math.ceil(second + WINDOW - now))
            break
    raise RateLimited(
        ngettext(
            "Take a breath: you have posted %(count)d time in the last minute.",
            "Take a breath: you have posted %(count)d times in the last minute.",
            posted,
        )
        % {"count": posted}
        + " "
        + ngettext(
            "You can post again in about %(seconds)d second; your words are still in the box.",
            "You can post again in about %(seconds)d seconds; your words are still in the box.",
            wait,
        )
        % {"seconds": wait},
        code="rate_limited",
    )


def posting_rate_count(user: User, *, now: float | None = None) -> None:
    """Count an accepted post (call it once the post is saved)."""
    now = time.time() if now is None else now
    key = f"{_base(user)}:{math.floor(now)}"
    cache.add(key, 0, timeout=WINDOW * 2)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one afresh
        cache.set(key, 1, timeout=WINDOW * 2)


def check_posting_rate(user: User, *, now: float | None = None) -> None:
    """Check, then count, one post that is certain to be accepted (for callers and tests
    with no save of their own)."""
    posting_rate_check(user, now=now)
    posting_rate_count(user, now=now)
