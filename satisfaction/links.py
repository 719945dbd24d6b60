"""The signed rating link of the "returned" message: `/danh-gia/<token>/`.

The token is `<dossier pk>:<time>:<signature>`; its salt has not changed since the link lived
in `dossiers`, so links already sent keep working until they expire.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from dossiers import links
from dossiers.models import Dossier

__all__ = [
    "SALT",
    "RatingLinkExpired",
    "RatingLinkInvalid",
    "dossier_id_from_token",
    "link_max_age",
    "rating_token",
    "rating_url",
]

SALT = "dossiers.rating-link"


def link_max_age() -> datetime.timedelta:
    """How long a rating link works (config: RATING_LINK_MAX_AGE_DAYS, default 30 days)."""
    return datetime.timedelta(days=getattr(settings, "RATING_LINK_MAX_AGE_DAYS", 30))


class RatingLinkInvalid(Exception):
    """The token was altered or is not one of ours."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Liên kết đánh giá không đúng. Vui lòng mở lại liên kết trong tin nhắn, "
                "hoặc đăng nhập để đánh giá từ trang hồ sơ của bạn."
            )
        )


class RatingLinkExpired(Exception):
    """The token is genuine but older than the link's lifetime."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Liên kết đánh giá đã hết hạn (chỉ dùng được trong %(days)s ngày sau khi trả "
                "kết quả). Bạn vẫn có thể đăng nhập để đánh giá từ trang hồ sơ của mình."
            )
            % {"days": link_max_age().days}
        )


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def rating_token(dossier: Dossier) -> str:
    """A short signed, timestamped token naming the dossier (`<pk>:<time>:<signature>`)."""
    return _signer().sign(str(dossier.pk))


def rating_url(dossier: Dossier) -> str:
    """The absolute link for the "returned" notification (SITE_URL + /danh-gia/<token>/).

    `SatisfactionConfig.ready()` registers it as the returned-message link of `dossiers.links`.
    """
    return links.absolute(
        reverse("satisfaction:rate_link", kwargs={"token": rating_token(dossier)})
    )


def dossier_id_from_token(token: str) -> int:
    """The dossier a token names; RatingLinkInvalid or RatingLinkExpired otherwise."""
    try:
        value = _signer().unsign(token, max_age=link_max_age())
    except signing.SignatureExpired as error:
        raise RatingLinkExpired() from error
    except signing.BadSignature as error:
        raise RatingLinkInvalid() from error
    if not value.isdigit():
        raise RatingLinkInvalid()
    return int(value)
