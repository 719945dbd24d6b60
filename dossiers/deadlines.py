"""When the citizen does not supplement in time, the officer decides: more time to supplement
(an event), or stop processing (Dừng xử lý, portal code 8). Rules: shared/domain.md, "States of
a dossier". Each write locks the dossier, calls `changes.change` and tells the citizen. The
reminder before a deadline is `reminders.py`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .changes import change
from .errors import ActionNotAllowed
from .events import EventKind, StopReason
from .locking import lock
from .models import Dossier
from .notify import notify_event

__all__ = ["extend_supplement_deadline", "stop_processing"]

Kind = EventKind


def stop_processing(
    dossier_id: int,
    *,
    officer: User,
    reason: str,
    reasons: str,
    expected_version: int | None = None,
) -> Dossier:
    """processing | missing_documents -> stopped, with the reasons (Thông báo dừng xử lý)."""
    reasons = reasons.strip()
    if reason not in StopReason.values:
        raise ValidationError(_("Vui lòng chọn lý do dừng xử lý."))
    if not reasons:
        raise ValidationError(_("Vui lòng ghi rõ lý do dừng xử lý hồ sơ."))
    now = timezone.now()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        request = dossier.open_supplement_request
        why = {"reason": reason, **({"deadline": request.deadline} if request else {})}
        event = change(dossier, "stop", officer, Kind.STOPPED, at=now, note=reasons, details=why)
        notify_event(event)
    return dossier


def extend_supplement_deadline(
    dossier_id: int,
    *,
    officer: User,
    deadline: datetime.date,
    reason: str = "",
    expected_version: int | None = None,
) -> Dossier:
    """missing_documents -> missing_documents: a later last day to supplement (an event); the
    citizen is told and reminded again before it."""
    reason = reason.strip()
    today = timezone.localdate()
    with transaction.atomic():
        dossier = lock(dossier_id, expected_version)
        request = dossier.open_supplement_request
        if request is None:
            raise ActionNotAllowed(_("Hồ sơ này không có yêu cầu bổ sung đang chờ."))
        if deadline <= max(request.deadline, today):
            raise ValidationError(_("Hạn bổ sung mới phải sau hạn cũ và sau ngày hôm nay."))
        dates = {"request_id": request.pk, "old_deadline": request.deadline}
        event = change(
            dossier,
            "extend_supplement",
            officer,
            Kind.SUPPLEMENT_EXTENDED,
            at=timezone.now(),
            note=reason,
            details={**dates, "deadline": deadline},
        )
        request.deadline, request.reminded_at = deadline, None
        request.save(update_fields=["deadline", "reminded_at"])
        notify_event(event)
    return dossier
