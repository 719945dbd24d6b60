"""Sessions on shared commune computers.

A sign-in lasts until the browser closes (SESSION_EXPIRE_AT_BROWSER_CLOSE), unless a citizen
ticks "Ghi nhớ đăng nhập": then SESSION_REMEMBER_AGE. Staff (officers, leaders, helpers,
administrators) are never remembered, and a middleware signs them out after STAFF_SESSION_IDLE
seconds without a request, on every page including the admin.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import User

_IDLE_LIMIT = "_idle_limit"  # seconds; 0 for citizens, set once per session
_LAST_SEEN = "_last_seen"  # epoch seconds, refreshed at most once a minute
_REFRESH = 60


def remember(request: HttpRequest, user: User, wanted: bool) -> None:
    """Call right after login(): keep a citizen's session past the browser only if asked."""
    if wanted and not user.is_staff_member:
        request.session.set_expiry(settings.SESSION_REMEMBER_AGE)
    else:
        request.session.set_expiry(0)


class StaffIdleTimeoutMiddleware:
    """Sign staff out after STAFF_SESSION_IDLE idle seconds; citizens are left alone.

    Whether the signed-in person is staff is worked out once per session (one query) and kept
    in it; the last request's time is kept too, rewritten at most once a minute.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        limit = session.get(_IDLE_LIMIT)
        if limit is None:
            staff = request.user.is_authenticated and request.user.is_staff_member
            limit = settings.STAFF_SESSION_IDLE if staff else 0
            session[_IDLE_LIMIT] = limit
        if not limit:
            return
        now = int(time.time())
        last = session.get(_LAST_SEEN, now)
        if now - last > limit:
            logout(request)
            messages.info(
                request,
                _(
                    "Phiên làm việc đã kết thúc vì không hoạt động quá %(hours)s giờ. "
                    "Vui lòng đăng nhập lại."
                )
                % {"hours": limit // 3600},
            )
            return
        if now - last >= _REFRESH or _LAST_SEEN not in session:
            session[_LAST_SEEN] = now
