"""One-time codes sent by SMS: the proof that a person holds a phone.

A code is 6 digits, valid PHONE_CODE_TTL seconds (5 minutes), PHONE_CODE_MAX_ATTEMPTS tries
(5). Only a salted HMAC of it is stored (keyed with SECRET_KEY); the code itself exists only in
the SMS. It goes through the notifications outbox like any message (template `phone_code`, or
the caller's), on the SMS channel only, after the caller's transaction commits. It is never
logged.

The SMS row of the outbox necessarily carries the code until it is sent (and retried). Once the
code is used, replaced by a newer one or spent by wrong guesses, the sent row's text is blanked:
a code that can no longer be used need not be kept. A code that simply expires keeps its text
(dead after five minutes).

Limits per phone are counted here, in the database (PHONE_CODE_PER_PHONE codes per
PHONE_CODE_WINDOW, PHONE_CODE_RESEND_AFTER seconds apart); per client, views ask
`throttling.may_ask_for_code`.
"""

from __future__ import annotations

import datetime
import logging
import math
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from notifications.models import Channel, Notification, Status
from notifications.outbox import Message, enqueue

from .models import PhoneCode, User

logger = logging.getLogger(__name__)

CODE_DIGITS = 6
_SALT = "accounts.verification.PhoneCode"


class CodeError(Exception):
    """A code could not be sent or was not accepted; the message says why, in Vietnamese."""


class TooManyCodes(CodeError):
    pass


class WrongCode(CodeError):
    pass


def _digest(code: str, nonce: str) -> str:
    return salted_hmac(_SALT, f"{nonce}:{code}", algorithm="sha256").hexdigest()


def _hash(code: str) -> str:
    nonce = secrets.token_hex(8)
    return f"{nonce}${_digest(code, nonce)}"


def _matches(code: str, stored: str) -> bool:
    nonce, _sep, digest = stored.partition("$")
    return bool(digest) and constant_time_compare(digest, _digest(code, nonce))


def _check_limits(target: str, now: datetime.datetime) -> None:
    window = now - datetime.timedelta(seconds=settings.PHONE_CODE_WINDOW)
    recent = list(
        PhoneCode.objects.filter(target=target, created_at__gte=window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) >= settings.PHONE_CODE_PER_PHONE:
        minutes = max(1, math.ceil((recent[-1] - window).total_seconds() / 60))
        raise TooManyCodes(
            _("Số này đã nhận quá nhiều mã. Vui lòng thử lại sau %(n)s phút.") % {"n": minutes}
        )
    pause = datetime.timedelta(seconds=settings.PHONE_CODE_RESEND_AFTER)
    if recent and now - recent[0] < pause:
        seconds = max(1, math.ceil((recent[0] + pause - now).total_seconds()))
        raise TooManyCodes(
            _("Mã vừa được gửi. Vui lòng chờ %(n)s giây rồi gửi lại.") % {"n": seconds}
        )


def issue(
    *,
    target: str,
    purpose: str,
    user: User | None,
    template: str = "phone_code",
    context: Mapping[str, object] | None = None,
) -> PhoneCode:
    """A new code for `target`, sent by SMS to `user` (who holds that phone) after commit.

    With no `user` nothing is sent, yet the request is recorded and counted the same, so no
    answer tells whether the phone has an account. Earlier open codes for the same target and
    purpose are closed: only the newest works. Raises TooManyCodes past the per-phone limits.
    """
    now = timezone.now()
    with transaction.atomic():
        _check_limits(target, now)
        _close(PhoneCode.objects.filter(target=target, purpose=purpose, closed_at=None), now)
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        row = PhoneCode.objects.create(
            user=user,
            target=target,
            purpose=purpose,
            code_hash=_hash(code) if user is not None else "",
            created_at=now,
            expires_at=now + datetime.timedelta(seconds=settings.PHONE_CODE_TTL),
        )
        if user is not None:
            minutes = settings.PHONE_CODE_TTL // 60
            enqueue(
                source=_source(row),
                recipient=user,
                message=Message(
                    template=template,
                    context={**(context or {}), "code": code, "minutes": minutes},
                ),
                channels=[Channel.SMS],
            )
    logger.info("phone_code.issued id=%s purpose=%s sent=%s", row.pk, purpose, user is not None)
    return row


def resend(code_id: int) -> PhoneCode:
    """A new code in place of `code_id`: same phone, purpose and person, same limits."""
    previous = PhoneCode.objects.select_related("user").get(pk=code_id)
    return issue(target=previous.target, purpose=previous.purpose, user=previous.user)


def check(code_id: int, entered: str) -> PhoneCode:
    """Accept the code typed for PhoneCode `code_id`, once; raise WrongCode with the reason.

    Each wrong try counts; the last allowed wrong try closes the code.
    """
    entered = "".join((entered or "").split())
    now = timezone.now()
    with transaction.atomic():
        row = PhoneCode.objects.select_for_update().filter(pk=code_id).first()
        if row is None or row.closed_at is not None:
            raise WrongCode(_("Mã này không còn dùng được. Vui lòng yêu cầu mã mới."))
        if now >= row.expires_at:
            raise WrongCode(_("Mã đã hết hạn. Vui lòng yêu cầu mã mới."))
        row.attempts += 1
        if _matches(entered, row.code_hash):
            row.used_at = now
            _close([row], now)
            logger.info("phone_code.accepted id=%s purpose=%s", row.pk, row.purpose)
            return row
        left = settings.PHONE_CODE_MAX_ATTEMPTS - row.attempts
        if left <= 0:
            _close([row], now)
        else:
            row.save(update_fields=["attempts"])
    logger.info("phone_code.rejected id=%s attempts=%s", row.pk, row.attempts)
    if left <= 0:
        raise WrongCode(_("Bạn đã nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới."))
    raise WrongCode(_("Mã chưa đúng. Bạn còn %(n)s lần thử.") % {"n": left})


def _source(row: PhoneCode) -> str:
    return f"phone_code:{row.pk}"


def _close(rows: object, now: datetime.datetime) -> None:
    """Close codes and blank the text of their SMS already sent (see the module docstring)."""
    closing = [row for row in rows if row.closed_at is None]  # type: ignore[attr-defined]
    for row in closing:
        row.closed_at = now
        row.save(update_fields=["closed_at", "used_at", "attempts"])
    if closing:
        Notification.objects.filter(
            source__in=[_source(row) for row in closing], status=Status.SENT
        ).update(body="")
