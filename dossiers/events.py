"""Dossier events: the audit trail's rows, their kinds, and their details read through types.

Every change of a dossier writes one `DossierEvent` (the audit trail and the citizen's
timeline; `changes.record_event`). What each kind means to people (title, message, slip,
lines) is said once, in `dossiers.event_kinds.KINDS`. An event's `details` JSON is read only
through the typed accessors of `DossierEvent` (`event.due_at`, `event.missing_items`, ...).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from .workflow import State

__all__ = ["DossierEvent", "EventKind", "SlipKind", "StopReason"]


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


def serialise_detail(value: object) -> object:
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
