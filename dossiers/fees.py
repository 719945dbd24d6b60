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

from django.utils.translation import gettext as _

from accounts.models import User

from .errors import ActionNotAllowed
from .fee_status import FeeStatus
from .models import Dossier

# Which status may follow which.
_NEXT: dict[str, tuple[str, ...]] = {
    FeeStatus.DUE: (FeeStatus.PAID, FeeStatus.EXEMPT),
    FeeStatus.PAID: (FeeStatus.REFUNDED,),
}


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
