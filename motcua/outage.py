"""A service this process uses to go faster, not to work (the cache, the Celery broker).

When it stops answering, its caller carries on without it and logs once: `failed()` says when
an outage starts, `answered()` when it ends. Meanwhile `skip()` spares every request the wait
for a service that just failed: it is asked again at most every REDIS_RETRY_AFTER seconds.
The state is per process (each web or worker process logs its own outage once).
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

__all__ = ["Outage", "reset_all"]

_ALL: list[Outage] = []


class Outage:
    """The state of one service: answering, or down since a moment."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_try = 0.0
        _ALL.append(self)

    @property
    def is_down(self) -> bool:
        return self._down_since is not None

    def skip(self) -> bool:
        """True while the service failed less than REDIS_RETRY_AFTER seconds ago."""
        return self._down_since is not None and time.monotonic() < self._next_try

    def failed(self) -> bool:
        """Record a failure; True when it starts an outage (the caller logs that, once)."""
        with self._lock:
            now = time.monotonic()
            self._next_try = now + settings.REDIS_RETRY_AFTER
            if self._down_since is not None:
                return False
            self._down_since = now
            return True

    def answered(self) -> float | None:
        """Record an answer; when it ends an outage, how long that lasted (seconds)."""
        if self._down_since is None:  # the usual case, without taking the lock
            return None
        with self._lock:
            if self._down_since is None:
                return None
            lasted, self._down_since = time.monotonic() - self._down_since, None
            return lasted

    def reset(self) -> None:
        with self._lock:
            self._down_since, self._next_try = None, 0.0


def reset_all() -> None:
    """Forget every outage (between tests)."""
    for outage in _ALL:
        outage.reset()
