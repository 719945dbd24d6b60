"""One gate for pages that only some roles may open: anyone else gets a 404, never a 403."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from .roles import Role

View = Callable[..., HttpResponse]


def role_required(
    *roles: Role, agency: bool = True, perm: str | None = None
) -> Callable[[View], View]:
    """Signed-in users holding one of `roles`; with `agency`, only staff attached to an agency;
    with `perm`, only those who also hold that permission. Others: 404, as if the page did not
    exist (no existence leaks); anonymous visitors are sent to sign in first.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            user = request.user
            if not any(user.has_role(role) for role in roles):
                raise Http404
            if agency and user.agency_id is None:
                raise Http404
            if perm is not None and not user.has_perm(perm):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
