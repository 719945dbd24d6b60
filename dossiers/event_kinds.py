"""What each dossier event kind means to people, said once: the title the timeline shows, the
message template it sends (templates/notifications/<language>/), the slip it issues and the
values its message and timeline lines are made of (`KINDS`, read through `spec_of`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procedures.templatetags.catalog import vnd

from .events import DossierEvent, EventKind, SlipKind
from .links import absolute, returned_link

__all__ = ["KINDS", "KindSpec", "spec_of"]


# --- what each kind shows on the timeline -------------------------------------------------------

Lines = Callable[[DossierEvent, bool], list[str]]
Context = Callable[[DossierEvent], dict[str, Any]]


def _when(moment: datetime.datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "H:i, d/m/Y") if moment else ""


def _no_lines(event: DossierEvent, for_public: bool) -> list[str]:
    return []


def _due_lines(event: DossierEvent, for_public: bool) -> list[str]:
    if event.due_at is None:
        return []
    return [_("Hẹn trả kết quả: %(when)s") % {"when": _when(event.due_at)}]


def _submitted_lines(event: DossierEvent, for_public: bool) -> list[str]:
    if event.on_behalf and not for_public:
        return [_("Nộp hộ bởi tổ công nghệ số cộng đồng")]
    return []


def _requested_lines(event: DossierEvent, for_public: bool) -> list[str]:
    lines = []
    if event.missing_items:
        lines.append(
            _("Giấy tờ cần bổ sung: %(names)s") % {"names": "; ".join(event.missing_items)}
        )
    if event.deadline:
        lines.append(_("Hạn bổ sung: %(date)s") % {"date": event.deadline.strftime("%d/%m/%Y")})
    return lines


def _deadline_lines(event: DossierEvent, for_public: bool) -> list[str]:
    if event.deadline is None:
        return []
    return [_("Hạn bổ sung: %(date)s") % {"date": event.deadline.strftime("%d/%m/%Y")}]


def _apology_lines(event: DossierEvent, for_public: bool) -> list[str]:
    if event.new_due_at is None:
        return []
    return [_("Ngày hẹn mới: %(when)s") % {"when": _when(event.new_due_at)}]


def _stop_lines(event: DossierEvent, for_public: bool) -> list[str]:
    reason = event.stop_reason
    return [_("Lý do: %(reason)s") % {"reason": reason.label}] if reason else []


def _fee_lines(event: DossierEvent, for_public: bool) -> list[str]:
    paid = event.payment
    lines = [_("Số tiền: %(amount)s") % {"amount": vnd(paid["amount"])}]
    if paid["method"]:
        lines.append(_("Hình thức: %(method)s") % {"method": paid["method"]})
    return lines


def _result_lines(event: DossierEvent, for_public: bool) -> list[str]:
    if event.details.get("signed"):
        return [_("Kết quả điện tử có chữ ký số của cơ quan, đã gửi trực tuyến.")]
    if event.electronic:
        return [_("Kết quả điện tử có thể tải về.")]
    return [_("Mời nhận kết quả tại bộ phận một cửa.")]


# --- what each kind's message says (values for its template) ------------------------------------


def _no_context(event: DossierEvent) -> dict[str, Any]:
    return {}


def _submitted_context(event: DossierEvent) -> dict[str, Any]:
    return {
        "submitted_at": event.dossier.submitted_at or event.created_at,
        "on_behalf": event.on_behalf,
    }


def _accepted_context(event: DossierEvent) -> dict[str, Any]:
    dossier, desk = event.dossier, event.kind == EventKind.RECEIVED_AT_DESK
    fee = dossier.fee_amount if dossier.fee_unpaid else 0
    return {"due_at": dossier.due_at, "at_desk": desk, "fee": fee, "fee_due_on": dossier.fee_due_on}


def _requested_context(event: DossierEvent) -> dict[str, Any]:
    return {
        "missing": event.missing_items,
        "note": event.note,
        "deadline": event.deadline,
        "supplement_url": absolute(reverse("dossiers:supplement", args=[event.dossier_id])),
    }


def _deadline_context(event: DossierEvent) -> dict[str, Any]:
    return {
        "deadline": event.deadline,
        "old_deadline": event.old_deadline,
        "reason": event.note,
        "supplement_url": absolute(reverse("dossiers:supplement", args=[event.dossier_id])),
    }


def _reasons_context(event: DossierEvent) -> dict[str, Any]:
    return {"reasons": event.note}


def _apology_context(event: DossierEvent) -> dict[str, Any]:
    return {
        "new_due_at": event.new_due_at or event.dossier.due_at,
        "old_due_at": event.old_due_at,
        "reason": event.note,
    }


def _result_context(event: DossierEvent) -> dict[str, Any]:
    agency = event.dossier.agency
    return {
        "electronic": event.electronic,
        "result_note": event.dossier.result_note,
        "agency_address": agency.address,
        "agency_phone": agency.phone,
        "office_hours": ", ".join(f"{start}-{end}" for start, end in settings.OFFICE_HOURS),
    }


def _returned_context(event: DossierEvent) -> dict[str, Any]:
    return {"rate_url": returned_link(event.dossier)}


def _withdrawn_context(event: DossierEvent) -> dict[str, Any]:
    return {"reason": event.note}


def _stop_context(event: DossierEvent) -> dict[str, Any]:
    reason = event.stop_reason
    return {"reason": str(reason.label) if reason else "", "reasons": event.note}


def _fee_context(event: DossierEvent) -> dict[str, Any]:
    return {"reason": event.note, **event.payment}


# --- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindSpec:
    """What one event kind means to the people who read it."""

    title: Promise  # the timeline's heading, said to a citizen
    message: str = ""  # the template it sends; "" tells nobody
    slip: SlipKind | None = None  # the slip it issues
    lines: Lines = _no_lines  # the timeline's detail lines
    context: Context = _no_context  # the values of its message
    public_note: bool = False  # the public lookup shows its note (reasons, instructions)


K = EventKind
KINDS: dict[str, KindSpec] = {
    K.CREATED: KindSpec(gettext_lazy("Hồ sơ được tạo")),
    K.SUBMITTED: KindSpec(
        gettext_lazy("Hồ sơ đã được nộp trực tuyến, chờ cán bộ tiếp nhận"),
        message="dossier_submitted",
        lines=_submitted_lines,
        context=_submitted_context,
    ),
    K.ACCEPTED: KindSpec(
        gettext_lazy("Cán bộ đã tiếp nhận hồ sơ"),
        message="dossier_accepted",
        slip=SlipKind.RECEIPT,
        lines=_due_lines,
        context=_accepted_context,
    ),
    K.RECEIVED_AT_DESK: KindSpec(
        gettext_lazy("Hồ sơ được tiếp nhận tại bộ phận một cửa"),
        message="dossier_accepted",
        slip=SlipKind.RECEIPT,
        lines=_due_lines,
        context=_accepted_context,
    ),
    K.DOCUMENTS_REQUESTED: KindSpec(
        gettext_lazy("Cần bổ sung giấy tờ"),
        message="dossier_documents_requested",
        slip=SlipKind.SUPPLEMENT_REQUEST,
        lines=_requested_lines,
        context=_requested_context,
        public_note=True,
    ),
    K.SUPPLEMENTED: KindSpec(gettext_lazy("Đã bổ sung giấy tờ")),
    K.SUPPLEMENT_REMINDED: KindSpec(
        gettext_lazy("Nhắc công dân sắp hết hạn bổ sung"),
        message="dossier_supplement_reminder",
        lines=_deadline_lines,
        context=_deadline_context,
    ),
    K.SUPPLEMENT_EXTENDED: KindSpec(
        gettext_lazy("Cơ quan gia hạn bổ sung giấy tờ"),
        message="dossier_supplement_extended",
        lines=_deadline_lines,
        context=_deadline_context,
        public_note=True,
    ),
    K.REJECTED: KindSpec(
        gettext_lazy("Hồ sơ không được tiếp nhận"),
        message="dossier_rejected",
        slip=SlipKind.REFUSAL,
        context=_reasons_context,
        public_note=True,
    ),
    K.APOLOGY: KindSpec(
        gettext_lazy("Cơ quan xin lỗi và hẹn lại ngày trả kết quả"),
        message="dossier_apology",
        slip=SlipKind.APOLOGY,
        lines=_apology_lines,
        context=_apology_context,
    ),
    K.RESULT_RECORDED: KindSpec(
        gettext_lazy("Đã có kết quả"),
        message="dossier_result_ready",
        lines=_result_lines,
        context=_result_context,
    ),
    K.RETURNED: KindSpec(
        gettext_lazy("Đã trả kết quả"), message="dossier_returned", context=_returned_context
    ),
    K.WITHDRAWN: KindSpec(
        gettext_lazy("Hồ sơ đã được rút"), message="dossier_withdrawn", context=_withdrawn_context
    ),
    K.STOPPED: KindSpec(
        gettext_lazy("Cơ quan dừng xử lý hồ sơ"),
        message="dossier_stopped",
        slip=SlipKind.STOP,
        lines=_stop_lines,
        context=_stop_context,
        public_note=True,
    ),
    K.FEE_PAID: KindSpec(
        gettext_lazy("Đã nộp phí, lệ phí"),
        message="dossier_fee_paid",
        lines=_fee_lines,
        context=_fee_context,
    ),
    K.FEE_EXEMPTED: KindSpec(
        gettext_lazy("Được miễn phí, lệ phí"),
        message="dossier_fee_exempted",
        context=_fee_context,
        public_note=True,
    ),
    K.FEE_REFUNDED: KindSpec(
        gettext_lazy("Đã hoàn trả phí, lệ phí"),
        message="dossier_fee_refunded",
        lines=_fee_lines,
        context=_fee_context,
    ),
}


def spec_of(event: DossierEvent) -> KindSpec:
    """What the event's kind means (its title, message, slip, lines)."""
    return KINDS[event.kind]
