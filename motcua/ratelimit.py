"""A small fixed-window rate limit per client, kept in Django's cache (Redis in production)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


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
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 5)
        count = 1
    return count > limit
