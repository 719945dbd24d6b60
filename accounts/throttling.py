"""How often one may try: sign-in failures (django-axes) and codes asked from one client.

Sign-in throttling is django-axes with its database handler (no Redis needed): the settings
`AXES_*` (motcua/settings.py) name the callables below. Failures count per account, whatever
spelling of the phone or the CCCD was typed, and per client address; a success resets them.
"""

from __future__ import annotations

import ipaddress

from axes.utils import reset

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.ratelimit import client_address, too_many

from .models import User
from .validators import is_citizen_id, normalize_phone


def account_key(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """What failures are counted against: the account's phone when the identifier names one,
    else the identifier normalised ('+84 912…' and '0912…' are one key)."""
    identifier = ((credentials or {}).get("username") or "").strip()
    if not identifier:
        return None
    try:
        return User.objects.get_by_identifier(identifier).phone
    except User.DoesNotExist:
        return identifier if is_citizen_id(identifier) else normalize_phone(identifier)


def client_ip(request: HttpRequest) -> str | None:
    """The client address as motcua.ratelimit sees it (RATELIMIT_TRUSTED_PROXIES), or None when
    there is none to trust (a request built in code): django-axes stores it as an IP."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page every sign-in form (ours and the admin's) shows while the lock lasts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked.html",
        {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def forget_failures(user: User) -> None:
    """The owner proved the phone and set a new password: the account's lock is lifted."""
    reset(username=user.phone)


def may_ask_for_code(request: HttpRequest) -> bool:
    """Counts one code asked from this client; False once it asked too many this hour."""
    return not too_many(request, "phone-code", limit=settings.PHONE_CODE_PER_CLIENT, period=3600)
