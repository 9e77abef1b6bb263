"""Redis as the shared cache, and the database while Redis is unreachable.

Sessions (`cached_db`) and posting limits live in the cache. Without a fallback a Redis
outage turns every signed-in page and sign-in itself into a 500. Here each cache call that
fails to reach Redis is logged and served by a database cache table instead (shared by every
web process, so limits still count together), and Redis is left alone for a few seconds so
that each request does not wait for a connection timeout. `/healthz` asks `redis_reachable`.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

FALLBACK_TABLE = "core_cache_fallback"
RETRY_AFTER_SECONDS = 10.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# What a cache answers: each is tried on Redis first, then on the database table.
_OPERATIONS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "decr",
    "set_many",
    "delete_many",
    "clear",
)


class RedisWithDatabaseFallback(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.fallback = DatabaseCache(
            FALLBACK_TABLE,
            {"TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": params.get("KEY_PREFIX", "")},
        )
        self._redis_down_until = 0.0

    def using_fallback(self) -> bool:
        return time.monotonic() < self._redis_down_until

    def redis_reachable(self) -> bool:
        """Ping Redis now, whatever the last call found."""
        try:
            self._cache.get_client(write=True).ping()
        except UNREACHABLE:
            return False
        self._redis_down_until = 0.0
        return True

    def _either(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.using_fallback():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Redis unreachable (%s): using the database cache", error)
                self._redis_down_until = time.monotonic() + RETRY_AFTER_SECONDS
        return getattr(self.fallback, name)(*args, **kwargs)


def _delegate(name: str) -> Callable[..., Any]:
    def method(self: RedisWithDatabaseFallback, *args: Any, **kwargs: Any) -> Any:
        return self._either(name, *args, **kwargs)

    method.__name__ = name
    return method


for _name in _OPERATIONS:
    setattr(RedisWithDatabaseFallback, _name, _delegate(_name))
