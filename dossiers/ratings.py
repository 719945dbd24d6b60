"""Satisfaction ratings: the signed link, storing one evaluation, the follow-up, the figures.

Rules: ../shared/domain.md, "Satisfaction". One evaluation per returned dossier (the database
refuses a second); it comes through the link in the "returned" notification, the citizen's
account, or the desk. Leaders follow up every "Không hài lòng" of their agency's subtree.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from agencies.models import Agency

from .access import can_work_on
from .errors import ActionNotAllowed
from .models import (
    EVALUATION_SCORE_FIELDS,
    Dossier,
    Evaluation,
    EvaluationChannel,
    Satisfaction,
    State,
)

__all__ = [
    "CRITERIA",
    "AlreadyRated",
    "RatingLinkExpired",
    "RatingLinkInvalid",
    "RatingNotAllowed",
    "already_rated",
    "dossier_id_from_token",
    "rate",
    "rating_token",
    "rating_url",
    "ratings_for_leader",
    "record_follow_up",
    "satisfaction_figures",
    "unhappy_for_leader",
]

SALT = "dossiers.rating-link"
COMMENT_MAX_LENGTH = 2000
FOLLOW_UP_MAX_LENGTH = 2000


def link_max_age() -> datetime.timedelta:
    """How long a rating link works (config: RATING_LINK_MAX_AGE_DAYS, default 30 days)."""
    return datetime.timedelta(days=getattr(settings, "RATING_LINK_MAX_AGE_DAYS", 30))


# --- The official criteria a citizen can judge, in plain words -----------------------------------


@dataclass(frozen=True)
class Criterion:
    field: str
    question: str
    answers: tuple[tuple[int, str], ...]  # (score, plain label), best first


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "score_time",
        gettext_lazy("Thời gian trả kết quả so với ngày hẹn"),
        (
            (2, gettext_lazy("Đúng hoặc sớm hơn hẹn")),
            (1, gettext_lazy("Trễ hẹn, nhưng được báo và xin lỗi")),
            (0, gettext_lazy("Trễ hẹn, không được báo")),
        ),
    ),
    Criterion(
        "score_visits",
        gettext_lazy("Số lần bạn phải đi lại hoặc bổ sung giấy tờ"),
        (
            (2, gettext_lazy("Không lần nào hoặc 1 lần")),
            (1, gettext_lazy("2 lần")),
            (0, gettext_lazy("3 lần trở lên")),
        ),
    ),
    Criterion(
        "score_attitude",
        gettext_lazy("Thái độ của cán bộ"),
        (
            (2, gettext_lazy("Lịch sự, tận tình")),
            (1, gettext_lazy("Bình thường")),
            (0, gettext_lazy("Thiếu lịch sự, gây khó khăn")),
        ),
    ),
    Criterion(
        "score_convenience",
        gettext_lazy("Việc nộp hồ sơ và nhận kết quả"),
        (
            (2, gettext_lazy("Dễ dàng, thuận tiện")),
            (1, gettext_lazy("Tạm được")),
            (0, gettext_lazy("Khó khăn, mất thời gian")),
        ),
    ),
)


# --- Errors: each says plainly what happened -----------------------------------------------------


class RatingNotAllowed(ActionNotAllowed):
    """The dossier cannot be rated now (not returned yet), or not by this person."""


class AlreadyRated(RatingNotAllowed):
    def __init__(self) -> None:
        super().__init__(
            _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần. Cảm ơn bạn!")
        )


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


# --- The signed link -----------------------------------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def rating_token(dossier: Dossier) -> str:
    """A short signed, timestamped token naming the dossier (`<pk>:<time>:<signature>`)."""
    return _signer().sign(str(dossier.pk))


def rating_url(dossier: Dossier) -> str:
    """The absolute link for the "returned" notification (SITE_URL + /danh-gia/<token>/)."""
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + reverse("dossiers:rate_link", kwargs={"token": rating_token(dossier)})


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


# --- Storing an evaluation -----------------------------------------------------------------------


def _clean_scores(scores: Mapping[str, int | None] | None) -> dict[str, int | None]:
    scores = dict(scores or {})
    unknown = set(scores) - set(EVALUATION_SCORE_FIELDS)
    if unknown:
        raise ValidationError(_("Tiêu chí không hợp lệ: %(names)s.") % {"names": sorted(unknown)})
    cleaned: dict[str, int | None] = {}
    for name in EVALUATION_SCORE_FIELDS:
        value = scores.get(name)
        if value is not None and value not in (0, 1, 2):
            raise ValidationError(_("Mỗi tiêu chí chỉ được chấm 2, 1 hoặc 0 điểm."))
        cleaned[name] = value
    return cleaned


def _check_rater(
    dossier: Dossier, channel: str, user: User | None, officer: User | None
) -> User | None:
    """Who may rate through each channel; returns who recorded it (None for the link)."""
    if channel == EvaluationChannel.ONLINE_LINK:
        return None
    if channel == EvaluationChannel.ACCOUNT:
        if user is None or not user.is_authenticated or user.pk != dossier.applicant_id:
            raise RatingNotAllowed(_("Chỉ người nộp hồ sơ được đánh giá từ tài khoản của mình."))
        return user
    if channel == EvaluationChannel.DESK:
        if officer is None or not can_work_on(officer, dossier):
            raise RatingNotAllowed(
                _("Chỉ cán bộ của cơ quan tiếp nhận được ghi đánh giá tại quầy.")
            )
        return officer
    raise ValidationError(_("Kênh đánh giá không hợp lệ."))


def already_rated(dossier_id: int) -> bool:
    """The link is usable once: a dossier with an evaluation takes no other."""
    return Evaluation.objects.filter(dossier_id=dossier_id).exists()


def rate(
    dossier_id: int,
    *,
    choice: str,
    scores: Mapping[str, int | None] | None = None,
    comment: str = "",
    channel: str,
    user: User | None = None,
    officer: User | None = None,
) -> Evaluation:
    """Store the one evaluation of a returned dossier.

    `channel` is online_link (nobody signed in: the token was checked by the caller), account
    (`user` must be the applicant) or desk (`officer` of the receiving agency records what the
    citizen gave on paper or at a kiosk). Refuses a dossier not returned yet and a second
    evaluation (AlreadyRated), also when two arrive at the same moment.
    """
    if choice not in Satisfaction.values:
        raise ValidationError(_("Vui lòng chọn một mức độ hài lòng."))
    cleaned_scores = _clean_scores(scores)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(_("Ý kiến dài tối đa %(n)s ký tự.") % {"n": COMMENT_MAX_LENGTH})
    try:
        with transaction.atomic():
            dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
            recorded_by = _check_rater(dossier, channel, user, officer)
            if dossier.state != State.RETURNED:
                raise RatingNotAllowed(_("Chỉ đánh giá được sau khi hồ sơ đã trả kết quả."))
            if already_rated(dossier.pk):
                raise AlreadyRated()
            return Evaluation.objects.create(
                dossier=dossier,
                choice=choice,
                comment=comment,
                channel=channel,
                recorded_by=recorded_by,
                created_at=timezone.now(),
                **cleaned_scores,
            )
    except IntegrityError as error:
        # Two evaluations at the same instant: the one-to-one key kept the first.
        if Evaluation.objects.filter(dossier_id=dossier_id).exists():
            raise AlreadyRated() from error
        raise


# --- The leader's follow-up ----------------------------------------------------------------------


def ratings_for_leader(leader: User) -> QuerySet[Evaluation]:
    """Every evaluation of the leader's agency subtree; none for anyone else."""
    if not leader.is_authenticated or not leader.is_leader or leader.agency_id is None:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(dossier__agency__path__startswith=leader.agency.path)


def unhappy_for_leader(leader: User) -> QuerySet[Evaluation]:
    """The "Không hài lòng" of the subtree, newest first, with what the list shows."""
    return (
        ratings_for_leader(leader)
        .filter(choice=Satisfaction.NOT_SATISFIED)
        .select_related(
            "dossier__procedure", "dossier__agency", "dossier__handled_by", "followed_up_by"
        )
        .order_by("-created_at", "-pk")
    )


def record_follow_up(evaluation_id: int, *, leader: User, text: str) -> Evaluation:
    """Write what was done about an unhappy rating (a later note replaces the earlier one)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Vui lòng ghi việc đã làm để xử lý phản ánh."))
    if len(text) > FOLLOW_UP_MAX_LENGTH:
        raise ValidationError(_("Nội dung dài tối đa %(n)s ký tự.") % {"n": FOLLOW_UP_MAX_LENGTH})
    with transaction.atomic():
        evaluation = (
            ratings_for_leader(leader)
            .filter(choice=Satisfaction.NOT_SATISFIED)
            .select_for_update()
            .get(pk=evaluation_id)
        )
        evaluation.follow_up = text
        evaluation.followed_up_by = leader
        evaluation.followed_up_at = timezone.now()
        evaluation.save(update_fields=["follow_up", "followed_up_by", "followed_up_at"])
    return evaluation


# --- Figures for the reports ---------------------------------------------------------------------


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_default_timezone())


def satisfaction_figures(agency: Agency, start: datetime.date, end: datetime.date) -> dict:
    """Evaluations of the agency's subtree made from `start` to `end` (local dates, inclusive).

    One aggregate query. Returns the count per choice (keys: the Satisfaction values), `total`,
    `satisfied_total` (very satisfied + satisfied), `rate` = satisfied_total / total as a
    Decimal fraction with 4 places, and `rate_percent` with 2 places; both None when total is 0.
    """
    counts = Evaluation.objects.filter(
        dossier__agency__path__startswith=agency.path,
        created_at__gte=_local_midnight(start),
        created_at__lt=_local_midnight(end + datetime.timedelta(days=1)),
    ).aggregate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(choice=value)) for value in Satisfaction.values},
    )
    total = counts["total"]
    happy = counts[Satisfaction.VERY_SATISFIED] + counts[Satisfaction.SATISFIED]
    rate = None
    rate_percent = None
    if total:
        fraction = Decimal(happy) / Decimal(total)
        rate = fraction.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        rate_percent = (fraction * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {**counts, "satisfied_total": happy, "rate": rate, "rate_percent": rate_percent}
