"""Storing a citizen's evaluation of a returned dossier.

Rules: ../shared/domain.md, "Satisfaction". One evaluation per returned dossier (the database
refuses a second); it comes through the link in the "returned" notification, the citizen's
account, or the desk.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers.access import can_work_on
from dossiers.errors import ActionNotAllowed
from dossiers.models import Dossier, State

from .criteria import EVALUATION_SCORE_FIELDS
from .models import Evaluation, EvaluationChannel, Satisfaction

__all__ = [
    "COMMENT_MAX_LENGTH",
    "AlreadyRated",
    "RatingNotAllowed",
    "already_rated",
    "rate",
]

COMMENT_MAX_LENGTH = 2000


class RatingNotAllowed(ActionNotAllowed):
    """The dossier cannot be rated now (not returned yet), or not by this person."""


class AlreadyRated(RatingNotAllowed):
    def __init__(self) -> None:
        super().__init__(
            _("Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần. Cảm ơn bạn!")
        )


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
