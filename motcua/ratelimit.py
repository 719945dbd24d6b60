"""A small fixed-window rate limit per client, kept in Django's cache (Redis in production).

While the cache cannot count (Redis unreachable: motcua.cache raises CacheUnavailable), the
window is counted in the database instead (RateLimitCount), so a limit never lapses with it.
"""

import datetime
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from .cache import CacheUnavailable, RedisCache
from .models import RateLimitCount


def client_address(request: HttpRequest) -> str:
    """The client IP; behind RATELIMIT_TRUSTED_PROXIES proxies, taken from X-Forwarded-For."""
    proxies = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def too_many(request: HttpRequest, scope: str, *, limit: int, period: int = 60) -> bool:
    """Count one try for this client in `scope`; True once it is over `limit` in the window."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"[:255]
    try:
        count = _count_in_cache(key, period)
    except CacheUnavailable:
        ends = datetime.datetime.fromtimestamp((window + 1) * period, tz=datetime.UTC)
        count = _count_in_database(key, ends)
    return count > limit


def _count_in_cache(key: str, period: int) -> int:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return backend.count(key, timeout=period + 5)  # one round trip
    cache.add(key, 0, timeout=period + 5)
    try:
        return cache.incr(key)
    except CacheUnavailable:
        raise
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 5)
        return 1


def _count_in_database(key: str, expires_at: datetime.datetime) -> int:
    """One more try in the window's row (created on the first), and the count now."""
    RateLimitCount.objects.filter(expires_at__lt=timezone.now()).delete()
    RateLimitCount.objects.get_or_create(key=key, defaults={"expires_at": expires_at})
    RateLimitCount.objects.filter(key=key).update(count=F("count") + 1)
    return RateLimitCount.objects.values_list("count", flat=True).get(key=key)
