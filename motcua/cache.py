"""Django's cache on Redis as an accelerator, never a dependency of a page.

`RedisCache` is Django's Redis backend whose every operation survives Redis being unreachable:
a read answers as a miss, a write as not stored, and the outage is logged once (a warning when
it starts, another when Redis answers again), never a traceback per request. After a failure
Redis is not asked again for REDIS_RETRY_AFTER seconds (motcua.outage), so a server that hangs
costs one timeout per process and interval, not one per request.

`Generation` keeps entries that change together (the public catalog) until an edit drops them
all at once; with Redis down every `get_or_set` computes, as if the cache were empty.

`incr` cannot answer a count it does not have: it raises CacheUnavailable, a ValueError (what
Django's cache raises for a missing key), so code written for Django's cache degrades the way it
does for an expired key, and a caller that must count (motcua.ratelimit) counts elsewhere.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from .outage import Outage

__all__ = ["CacheUnavailable", "Generation", "RedisCache", "outage"]

logger = logging.getLogger(__name__)
outage = Outage("cache")
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
T = TypeVar("T")


class CacheUnavailable(ValueError):
    """The cache cannot answer now (Redis is unreachable)."""


def _unavailable(*_args: object) -> object:
    raise CacheUnavailable("The cache (Redis) is unreachable.")


def _guarded(
    operation: Callable[..., object], when_down: Callable[..., object]
) -> Callable[..., object]:
    """A client operation answering `when_down(*args)` while Redis is unreachable."""

    def method(self: RedisCacheClient, *args: object) -> object:
        if outage.skip():
            return when_down(*args)
        try:
            result = operation(self, *args)
        except _UNREACHABLE as error:
            if outage.failed():
                logger.warning(
                    "cache.unavailable %s: pages go on without the cache until it answers",
                    error,
                )
            return when_down(*args)
        lasted = outage.answered()
        if lasted is not None:
            logger.warning("cache.back after %.0f s", lasted)
        return result

    method.__name__ = operation.__name__
    return method


def _count(client: RedisCacheClient, key: str, timeout: int) -> int:
    """One more in the counter `key` (made with `timeout` if missing), in one round trip."""
    pipeline = client.get_client(key, write=True).pipeline(transaction=False)
    pipeline.set(key, 0, ex=timeout, nx=True)
    pipeline.incr(key)
    return pipeline.execute()[1]


class _Client(RedisCacheClient):
    def get_client(self, key: object = None, *, write: bool = False) -> object:
        """One redis.Redis per connection pool, made once: Django makes a new one for every
        operation, and building its reply table cost about 0.5 ms a time (bench/README.md)."""
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_redis_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _guarded(RedisCacheClient.add, lambda *_: False)
    get = _guarded(RedisCacheClient.get, lambda _key, default: default)
    set = _guarded(RedisCacheClient.set, lambda *_: None)
    touch = _guarded(RedisCacheClient.touch, lambda *_: False)
    delete = _guarded(RedisCacheClient.delete, lambda *_: False)
    get_many = _guarded(RedisCacheClient.get_many, lambda *_: {})
    has_key = _guarded(RedisCacheClient.has_key, lambda *_: False)
    incr = _guarded(RedisCacheClient.incr, _unavailable)
    count = _guarded(_count, _unavailable)
    set_many = _guarded(RedisCacheClient.set_many, lambda *_: None)
    delete_many = _guarded(RedisCacheClient.delete_many, lambda *_: None)
    clear = _guarded(RedisCacheClient.clear, lambda *_: False)


class RedisCache(DjangoRedisCache):
    """settings.CACHES backend: Django's RedisCache that an unreachable Redis never breaks."""

    def __init__(self, server: str, params: dict[str, object]) -> None:
        super().__init__(server, params)
        self._class = _Client

    def count(self, key: str, timeout: int) -> int:
        """Count one more under `key`, kept `timeout` seconds from its first count: a rate
        limit's window in one round trip (add, then incr, is two). CacheUnavailable while
        Redis is unreachable."""
        return self._cache.count(self.make_and_validate_key(key), timeout)


class Generation:
    """Cache entries that change together (the public catalog), all dropped at once by `bump`.

    The family's generation is a number kept in the cache; each entry is kept with the
    generation it was computed in, and counts only while that is still the current one. So a
    read is one round trip (the generation and the entry together), and `bump` (a new number)
    turns every entry stale at once; each is computed again when next asked for. With a cache
    per process (local memory, no Redis) another process sees a bump only when its entries
    expire (settings.CATALOG_CACHE_SECONDS), which is why that timeout is short there.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._key = f"generation:{name}"

    def _started(self) -> int:
        """A generation for a family that has none yet (first use, or the cache was emptied)."""
        generation = time.time_ns()
        if not cache.add(self._key, generation, timeout=None):
            generation = cache.get(self._key, generation)
        return generation

    def get_or_set(self, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
        """The entry for `parts` in the current generation, computed and kept on a miss."""
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
        key = f"{self.name}:{digest}"
        found = cache.get_many([self._key, key])
        generation = found.get(self._key)
        if generation is None:
            generation = self._started()
        kept = found.get(key)
        if kept is not None and kept[0] == generation:
            return kept[1]
        value = compute()
        cache.set(key, (generation, value), timeout=settings.CATALOG_CACHE_SECONDS)
        return value

    def bump(self) -> None:
        """Drop every entry of the family (an administrator changed what they show)."""
        cache.set(self._key, time.time_ns(), timeout=None)
