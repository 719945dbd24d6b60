"""Dossier events, one table: per kind its timeline title, its message, its slip, its details.

Every change of a dossier writes one `DossierEvent` (the audit trail and the citizen's
timeline). What an event kind means is said once, in `KINDS` below: the title the timeline
shows, the message template it sends (templates/notifications/<language>/), the slip it issues
and the values its message and timeline lines are made of. An event's `details` JSON is read
only through the typed accessors of `DossierEvent` (`event.due_at`, `event.missing_items`, ...).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procedures.templatetags.catalog import vnd

from .links import absolute, returned_link
from .workflow import State

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Dossier

__all__ = [
    "KINDS",
    "DossierEvent",
    "EventKind",
    "KindSpec",
    "SlipKind",
    "StopReason",
    "record_event",
]


class EventKind(models.TextChoices):
    CREATED = "created", gettext_lazy("Tạo hồ sơ")
    SUBMITTED = "submitted", gettext_lazy("Nộp hồ sơ")
    ACCEPTED = "accepted", gettext_lazy("Tiếp nhận hồ sơ")
    RECEIVED_AT_DESK = "received_at_desk", gettext_lazy("Tiếp nhận trực tiếp")
    DOCUMENTS_REQUESTED = "documents_requested", gettext_lazy("Yêu cầu bổ sung giấy tờ")
    SUPPLEMENTED = "supplemented", gettext_lazy("Bổ sung giấy tờ")
    SUPPLEMENT_REMINDED = "supplement_reminded", gettext_lazy("Nhắc hạn bổ sung")
    SUPPLEMENT_EXTENDED = "supplement_extended", gettext_lazy("Gia hạn bổ sung")
    REJECTED = "rejected", gettext_lazy("Từ chối tiếp nhận")
    APOLOGY = "apology", gettext_lazy("Xin lỗi và hẹn lại ngày trả")
    RESULT_RECORDED = "result_recorded", gettext_lazy("Có kết quả")
    RETURNED = "returned", gettext_lazy("Trả kết quả")
    WITHDRAWN = "withdrawn", gettext_lazy("Rút hồ sơ")
    STOPPED = "stopped", gettext_lazy("Dừng xử lý hồ sơ")
    FEE_PAID = "fee_paid", gettext_lazy("Nộp phí, lệ phí")
    FEE_EXEMPTED = "fee_exempted", gettext_lazy("Miễn phí, lệ phí")
    FEE_REFUNDED = "fee_refunded", gettext_lazy("Hoàn trả phí, lệ phí")


class SlipKind(models.TextChoices):
    """The slips (mẫu phiếu) the workflow issues, each the record of one event kind."""

    RECEIPT = "receipt", gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = (
        "supplement_request",
        gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    )
    REFUSAL = "refusal", gettext_lazy("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "apology", gettext_lazy("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP = "stop", gettext_lazy("Thông báo dừng xử lý")


class StopReason(models.TextChoices):
    """Why the agency stops processing a dossier (the stop notice says it in words too)."""

    SUPPLEMENT_OVERDUE = (
        "supplement_overdue",
        gettext_lazy("Quá hạn bổ sung mà công dân chưa bổ sung hồ sơ"),
    )
    NOT_ELIGIBLE = "not_eligible", gettext_lazy("Hồ sơ không đủ điều kiện giải quyết")
    OTHER = "other", gettext_lazy("Lý do khác")


def _moment(value: object) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _serialise(value: object) -> object:
    """Details are JSON: moments and days are kept as ISO 8601 text."""
    if isinstance(value, datetime.date):  # datetime too
        return value.isoformat()
    return value


class DossierEvent(models.Model):
    """One line of the audit trail: a transition, an apology, or the creation of a dossier."""

    Kind = EventKind

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["dossier", "created_at"], name="event_timeline")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    # --- typed accessors of `details` ---------------------------------------------------------

    @property
    def due_at(self) -> datetime.datetime | None:
        """Accepted / received at the desk: the due moment given then."""
        return _moment(self.details.get("due_at"))

    @property
    def old_due_at(self) -> datetime.datetime | None:
        """Apology: the due moment it replaced."""
        return _moment(self.details.get("old_due_at"))

    @property
    def new_due_at(self) -> datetime.datetime | None:
        """Apology: the new due moment."""
        return _moment(self.details.get("new_due_at"))

    @property
    def deadline(self) -> datetime.date | None:
        """Documents requested: the last day to supplement."""
        value = self.details.get("deadline")
        return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None

    @property
    def old_deadline(self) -> datetime.date | None:
        """Supplement deadline extended: the last day it replaced."""
        value = self.details.get("old_deadline")
        return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None

    @property
    def missing_items(self) -> list[str]:
        """Documents requested: the names asked for, then what was asked for in words."""
        items = [str(name) for name in self.details.get("missing", [])]
        if self.details.get("other_missing"):
            items.append(str(self.details["other_missing"]))
        return items

    @property
    def request_id(self) -> int | None:
        """Documents requested: the SupplementRequest it wrote."""
        value = self.details.get("request_id")
        return value if isinstance(value, int) else None

    @property
    def on_behalf(self) -> bool:
        """Submitted by a community digital-team helper for the citizen."""
        return bool(self.details.get("on_behalf"))

    @property
    def electronic(self) -> bool:
        """Result recorded as a file the citizen can download."""
        return bool(self.details.get("electronic"))

    @property
    def payment(self) -> dict[str, Any]:
        """Fee events: amount (đồng), method (its words), reference, receipt_url (e-receipt)."""
        return {"amount": 0, "method": "", "reference": "", "receipt_url": "", **self.details}

    @property
    def stop_reason(self) -> StopReason | None:
        """Stopped: why, as one of `StopReason` (its label is the words for people)."""
        value = self.details.get("reason")
        return StopReason(value) if value in StopReason.values else None

    @property
    def stop_reasons(self) -> str:
        """Stopped: the reasons the officer wrote (the event's note)."""
        return self.note if self.kind == EventKind.STOPPED else ""

    @property
    def files(self) -> list[str]:
        """Supplemented: the names of the files given."""
        return [str(name) for name in self.details.get("files", [])]


def record_event(
    dossier: Dossier,
    kind: str,
    *,
    from_state: str,
    actor: User | None,
    at: datetime.datetime,
    note: str = "",
    details: Mapping[str, object] | None = None,
) -> DossierEvent:
    """Write one line of the audit trail (inside the caller's transaction)."""
    return DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        from_state=from_state,
        to_state=dossier.state,
        actor=actor,
        note=note,
        details={key: _serialise(value) for key, value in (details or {}).items()},
        created_at=at,
    )


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
