"""The timeline in plain Vietnamese, from the audit trail (DossierEvent rows)."""

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import DossierEvent

Kind = DossierEvent.Kind


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    title: str
    lines: list[str]
    kind: str
    actor: str = ""


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    moment = timezone.localtime(datetime.datetime.fromisoformat(iso))
    return formats.date_format(moment, "H:i, d/m/Y")


def describe(event: DossierEvent, *, for_public: bool = False) -> TimelineEntry:
    """What happened, said to a citizen. `for_public` leaves out names and free-text notes."""
    details = event.details or {}
    lines: list[str] = []
    title = {
        Kind.CREATED: _("Hồ sơ được tạo"),
        Kind.SUBMITTED: _("Hồ sơ đã được nộp trực tuyến, chờ cán bộ tiếp nhận"),
        Kind.ACCEPTED: _("Cán bộ đã tiếp nhận hồ sơ"),
        Kind.RECEIVED_AT_DESK: _("Hồ sơ được tiếp nhận tại bộ phận một cửa"),
        Kind.DOCUMENTS_REQUESTED: _("Cần bổ sung giấy tờ"),
        Kind.SUPPLEMENTED: _("Đã bổ sung giấy tờ"),
        Kind.REJECTED: _("Hồ sơ không được tiếp nhận"),
        Kind.APOLOGY: _("Cơ quan xin lỗi và hẹn lại ngày trả kết quả"),
        Kind.RESULT_RECORDED: _("Đã có kết quả"),
        Kind.RETURNED: _("Đã trả kết quả"),
        Kind.WITHDRAWN: _("Hồ sơ đã được rút"),
    }.get(event.kind, event.get_kind_display())
    if event.kind in (Kind.ACCEPTED, Kind.RECEIVED_AT_DESK) and details.get("due_at"):
        lines.append(_("Hẹn trả kết quả: %(when)s") % {"when": _when(details["due_at"])})
    if event.kind == Kind.SUBMITTED and details.get("on_behalf") and not for_public:
        lines.append(_("Nộp hộ bởi tổ công nghệ số cộng đồng"))
    if event.kind == Kind.DOCUMENTS_REQUESTED:
        missing = list(details.get("missing", []))
        if details.get("other_missing"):
            missing.append(details["other_missing"])
        if missing:
            lines.append(_("Giấy tờ cần bổ sung: %(names)s") % {"names": "; ".join(missing)})
        if details.get("deadline"):
            deadline = datetime.date.fromisoformat(details["deadline"])
            lines.append(_("Hạn bổ sung: %(date)s") % {"date": deadline.strftime("%d/%m/%Y")})
    if event.kind == Kind.APOLOGY and details.get("new_due_at"):
        lines.append(_("Ngày hẹn mới: %(when)s") % {"when": _when(details["new_due_at"])})
    if event.kind == Kind.RESULT_RECORDED:
        lines.append(
            _("Kết quả điện tử có thể tải về.")
            if details.get("electronic")
            else _("Mời nhận kết quả tại bộ phận một cửa.")
        )
    if event.note and (not for_public or event.kind in (Kind.DOCUMENTS_REQUESTED, Kind.REJECTED)):
        lines.append(event.note)
    return TimelineEntry(
        at=timezone.localtime(event.created_at), title=title, lines=lines, kind=event.kind
    )


def timeline(events: list[DossierEvent], *, for_public: bool = False) -> list[TimelineEntry]:
    """Newest first. Pass events with their actor selected (one query)."""
    return [describe(e, for_public=for_public) for e in reversed(events)]
