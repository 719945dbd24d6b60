from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .unread import unread_count


def unread(request: HttpRequest) -> dict[str, object]:
    """`unread_notifications` for the header, only if a page shows it: kept in the cache until
    it changes (notifications.unread), else one indexed COUNT."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = SimpleLazyObject(lambda: unread_count(user))
    return {"unread_notifications": count}
