"""The leaders' follow-up: every "Không hài lòng" of their agency's subtree, and what was done."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import Evaluation, Satisfaction

__all__ = ["FOLLOW_UP_MAX_LENGTH", "ratings_for_leader", "record_follow_up", "unhappy_for_leader"]

FOLLOW_UP_MAX_LENGTH = 2000


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
