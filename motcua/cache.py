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


def _guarded(name: str, when_down: Callable[..., object]) -> Callable[..., object]:
    """RedisCacheClient.<name>, answering `when_down(*args)` while Redis is unreachable."""
    operation = getattr(RedisCacheClient, name)

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

    method.__name__ = name
    return method


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

    add = _guarded("add", lambda *_: False)
    get = _guarded("get", lambda _key, default: default)
    set = _guarded("set", lambda *_: None)
    touch = _guarded("touch", lambda *_: False)
    delete = _guarded("delete", lambda *_: False)
    get_many = _guarded("get_many", lambda *_: {})
    has_key = _guarded("has_key", lambda *_: False)
    incr = _guarded("incr", _unavailable)
    set_many = _guarded("set_many", lambda *_: None)
    delete_many = _guarded("delete_many", lambda *_: None)
    clear = _guarded("clear", lambda *_: False)


class RedisCache(DjangoRedisCache):
    """settings.CACHES backend: Django's RedisCache that an unreachable Redis never breaks."""

    def __init__(self, server: str, params: dict[str, object]) -> None:
        super().__init__(server, params)
        self._class = _Client


class Generation:
    """Cache entries that change together, all dropped at once by `bump`.

    Every key carries the family's current generation number (itself a cache entry), so `bump`
    (a new number) makes every entry of the old one unreachable; they expire after
    settings.CATALOG_CACHE_SECONDS. With a cache per process (local memory, no Redis) another
    process sees a bump only when its entries expire, which is why that timeout is short there.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._key = f"generation:{name}"

    def _current(self) -> int:
        generation = cache.get(self._key)
        if generation is None:
            generation = time.time_ns()
            if not cache.add(self._key, generation, timeout=None):
                generation = cache.get(self._key, generation)
        return generation

    def get_or_set(self, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
        """The entry for `parts` in the current generation, computed and kept on a miss."""
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
        key = f"{self.name}:{self._current()}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=settings.CATALOG_CACHE_SECONDS)
        return value

    def bump(self) -> None:
        """Drop every entry of the family (an administrator changed what they show)."""
        cache.set(self._key, time.time_ns(), timeout=None)
