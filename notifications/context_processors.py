from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread(request: HttpRequest) -> dict[str, object]:
    """`unread_notifications` for the header: one indexed COUNT, only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = SimpleLazyObject(lambda: Notification.objects.unread(user).count())
    return {"unread_notifications": count}
