"""A dossier's fee (phí, lệ phí) and how its result reaches the citizen: the words and the rules.

The fee is assessed when the dossier is accepted, from the procedure's fee schedule then in force
(like its processing time): a procedure with a fee makes the fee *due*, payable by the
appointment date; one without a fee, or exempt as a whole, makes it *not required*. From then on
only `settle` changes it, called by `services.settle_fee` for the payments app (which never
writes a dossier itself):

    due  -> paid      a bank transfer, a card or e-wallet gateway, or cash at the desk
    due  -> exempt    a free case of the procedure's fee schedule, by an officer, with a reason
    paid -> refunded  the money went back to the payer

While a fee is due and unpaid the national portal's status code 6 ("Yêu cầu thực hiện nghĩa vụ
tài chính") is shown beside the state (shared/domain.md, "States of a dossier").
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ActionNotAllowed

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Dossier

# The portal's code while a fee is due and unpaid (not a state of the dossier).
FEE_DUE_PORTAL_CODE = 6


class FeeStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", gettext_lazy("Không thu phí, lệ phí")
    DUE = "due", gettext_lazy("Chờ nộp phí, lệ phí")
    PAID = "paid", gettext_lazy("Đã nộp phí, lệ phí")
    EXEMPT = "exempt", gettext_lazy("Được miễn phí, lệ phí")
    REFUNDED = "refunded", gettext_lazy("Đã hoàn trả phí, lệ phí")


class ResultDelivery(models.TextChoices):
    """How the citizen asked to receive the result."""

    DESK = "desk", gettext_lazy("Nhận tại bộ phận một cửa")
    ELECTRONIC = "electronic", gettext_lazy("Nhận kết quả điện tử (có chữ ký số)")
    POSTAL = "postal", gettext_lazy("Nhận qua dịch vụ bưu chính")


# Which status may follow which.
_NEXT: dict[str, tuple[str, ...]] = {
    FeeStatus.DUE: (FeeStatus.PAID, FeeStatus.EXEMPT),
    FeeStatus.PAID: (FeeStatus.REFUNDED,),
}


def assess(dossier: Dossier, at: datetime.datetime) -> None:
    """At acceptance: the fee in force, due by the appointment date (fields only)."""
    procedure = dossier.procedure
    if dossier.fee_status != FeeStatus.NOT_REQUIRED:
        return  # assessed once; a later acceptance (after a supplement) keeps it
    dossier.fee_amount = 0 if procedure.fee_exempt else procedure.fee_vnd
    if dossier.fee_amount:
        dossier.fee_status = FeeStatus.DUE
        dossier.fee_due_on = timezone.localdate(dossier.due_at or at)


def settle(
    dossier: Dossier,
    status: str,
    *,
    by: User | None,
    at: datetime.datetime,
    method: str = "",
    online: bool = False,
    reference: str = "",
    reason: str = "",
) -> None:
    """Move the fee to `status` (fields only); ActionNotAllowed when that step is not open."""
    if status not in _NEXT.get(dossier.fee_status, ()):
        raise ActionNotAllowed(
            _("Không thể chuyển phí, lệ phí từ “%(old)s” sang “%(new)s”.")
            % {"old": dossier.get_fee_status_display(), "new": FeeStatus(status).label}
        )
    if status == FeeStatus.PAID:
        dossier.fee_paid_at = at
        dossier.fee_method = method
        dossier.fee_paid_online = online
        dossier.fee_reference = reference
    elif status == FeeStatus.EXEMPT:
        reason = reason.strip()
        if not reason:
            raise ActionNotAllowed(_("Vui lòng ghi lý do miễn phí, lệ phí."))
        dossier.fee_exempt_by = by
        dossier.fee_exempt_reason = reason
    dossier.fee_status = status
