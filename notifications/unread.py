"""How many in-app notifications a person has not read: the count in every signed-in page's header.

Counted in the database (one indexed COUNT) and kept in the cache until it changes: a new in-app
row (outbox.enqueue) or rows marked read (outbox.mark_read) drop the kept count, at once and
again after commit. The cache only spares the query (ADR 0006): with Redis unreachable the count
is read on every page. A change made during an outage, or racing a page that was counting, cannot
drop a count kept before it, so a kept count lives at most UNREAD_SECONDS.
"""

from functools import partial

from django.core.cache import cache
from django.db import transaction

from accounts.models import User

from .models import Notification

UNREAD_SECONDS = 60


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user: User) -> int:
    count = cache.get(_key(user.pk))
    if count is None:
        count = Notification.objects.unread(user).count()
        cache.set(_key(user.pk), count, timeout=UNREAD_SECONDS)
    return count


def changed(user_id: int) -> None:
    """The person's unread rows changed (or will, when the caller commits)."""
    cache.delete(_key(user_id))
    transaction.on_commit(partial(cache.delete, _key(user_id)), robust=True)
