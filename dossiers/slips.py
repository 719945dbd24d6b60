"""The five slips (mẫu phiếu) the workflow issues, as HTML and as PDF.

Each slip is the record of one event in the dossier's audit trail (shared/domain.md, "States of
a dossier"), so printing it again later gives the same paper: the receipt shows the due date and
the documents as they were when the dossier was taken in, the supplement request the latest
request, and so on. The wording follows the forms of Circular 01/2018/TT-VPCP (Mẫu 01-04).

Slips are legal documents in Vietnamese: they are rendered in Vietnamese whatever language the
user reads the site in, with times in the site's time zone (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agencies.models import Agency
from motcua import pdf
from procedures.templatetags.catalog import fee, processing_time

from .event_kinds import spec_of
from .events import DossierEvent, SlipKind
from .models import Dossier, State
from .paper import PaperForm

__all__ = ["SlipKind", "available_slips", "render_slip_html", "render_slip_pdf", "slip_event"]

# The slips' stylesheet; the fonts and the rest of the pipeline are motcua.pdf's.
_STYLESHEET = "css/pdf.css"

# The unit that signs the slips, under the agency's name in the heading. Since mid-2025 the
# commune's one-stop-shop is its Public Administrative Service Centre; provinces that still
# name it differently set SLIP_ISSUING_UNIT.
_DEFAULT_ISSUING_UNIT = "Trung tâm Phục vụ hành chính công"

# "UBND xã Thạnh Xuân" -> "Thạnh Xuân", for the place in the date line.
_AUTHORITY_PREFIX = re.compile(r"^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)
_LEVEL_PREFIX = re.compile(
    r"^\s*(xã|phường|đặc khu|thị trấn|thị xã|thành phố|tỉnh|quận|huyện)\s+", re.IGNORECASE
)


def _latest_events(events: Iterable[DossierEvent]) -> dict[SlipKind, DossierEvent]:
    """The event behind each slip: the latest one of its kinds (events come oldest first)."""
    latest: dict[SlipKind, DossierEvent] = {}
    for event in events:
        if spec_of(event).slip is not None:
            latest[spec_of(event).slip] = event
    return latest


def slip_event(dossier: Dossier, kind: str) -> DossierEvent | None:
    """The event a slip of this kind is the record of: the latest one of its kinds."""
    return _latest_events(dossier.events.select_related("actor")).get(SlipKind(kind))


def available_slips(dossier: Dossier) -> list[SlipKind]:
    """The slips this dossier has, in the order of SlipKind; one query (its events)."""
    latest = _latest_events(dossier.events.all())
    return [slip for slip in SlipKind if slip in latest]


# --- formatting --------------------------------------------------------------------------------


def _local(moment: datetime.datetime) -> datetime.datetime:
    """In the site's time zone, whatever zone the current request activated."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _moment(moment: datetime.datetime | None) -> str:
    """'03/03/2026 09:00'."""
    return f"{_local(moment):%d/%m/%Y %H:%M}" if moment else ""


def _appointment(moment: datetime.datetime | None) -> str:
    """'09 giờ 00, ngày 06/03/2026', as an appointment is written."""
    if moment is None:
        return ""
    local = _local(moment)
    return f"{local:%H} giờ {local:%M}, ngày {local:%d/%m/%Y}"


def place_name(agency: Agency) -> str:
    """The locality for the date line: 'UBND xã Thạnh Xuân' -> 'Thạnh Xuân'."""
    return place_of(agency.name)


def place_of(agency_name: str) -> str:
    """The locality in an agency's name: 'UBND xã Thạnh Xuân' -> 'Thạnh Xuân'."""
    name = _AUTHORITY_PREFIX.sub("", agency_name, count=1)
    name = _LEVEL_PREFIX.sub("", name, count=1).strip()
    return name or agency_name


def date_line(place: str, moment: datetime.datetime) -> str:
    """'Thạnh Xuân, ngày 05 tháng 3 năm 2026'.

    Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and the months 1 and 2 take a leading
    zero; the other months do not.
    """
    day = _local(moment).date()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- the content of each slip -----------------------------------------------------------------


def _receipt(dossier: Dossier, event: DossierEvent, lookup_url: str) -> dict[str, Any]:
    # The due date given at acceptance (an apology issues its own slip with the new one).
    due = event.due_at or dossier.due_at
    # The files taken in: those from the draft or the desk, and those supplemented before the
    # acceptance; files supplemented later were not part of this receipt.
    attachments = dossier.attachments.filter(
        Q(supplement_request=None) | Q(supplement_request__requested_at__lte=event.created_at)
    ).select_related("required_document")
    groups: dict[int | None, dict[str, Any]] = {}
    for attachment in attachments:
        document = attachment.required_document
        group = groups.setdefault(
            attachment.required_document_id,
            {
                "name": document.name if document else "Giấy tờ khác",
                "quantity": document.quantity if document else "",
                "files": 0,
            },
        )
        group["files"] += 1
    other = groups.pop(None, None)
    documents = list(groups.values()) + ([other] if other else [])
    # The rules in force when accepted; the procedure's only if the dossier has none.
    rules = dossier if dossier.processing_amount else dossier.procedure
    return {
        "accepted_at": _moment(event.created_at),
        "due_text": _appointment(due),
        "documents": documents,
        "papers": _papers(dossier),
        "digitised": dossier.digitised_at is not None,
        "processing_time": processing_time(rules),
        "fee": fee(dossier.procedure),
        "channel": dossier.get_channel_display(),
        "lookup_url": lookup_url,
        "qr_data_uri": pdf.qr_data_uri(lookup_url),
    }


def _papers(dossier: Dossier) -> list[dict[str, Any]]:
    """The desk's checklist of paper received (empty for an online dossier)."""
    return [
        {
            "name": line.required_document.name,
            "form": str(PaperForm(line.form).label),
            "sheets": line.sheets,
            "provided": line.form != PaperForm.NOT_PROVIDED,
        }
        for line in dossier.paper_documents.select_related("required_document")
    ]


def _supplement_request(dossier: Dossier, event: DossierEvent, lookup_url: str) -> dict[str, Any]:
    requests = dossier.supplement_requests.prefetch_related("missing_documents")
    request = requests.filter(pk=event.request_id).first()
    if request is None:  # an event written before request_id was recorded
        request = requests.order_by("-requested_at", "-pk").first()
    if request is None:
        raise LookupError(f"Dossier {dossier.pk} has no supplement request.")
    was_accepted = event.from_state == State.PROCESSING
    return {
        "request": request,
        "missing": list(request.missing_documents.all()),
        "other_missing": [
            line.strip() for line in request.other_missing.splitlines() if line.strip()
        ],
        "requested_at": _moment(request.requested_at),
        "deadline": f"{request.deadline:%d/%m/%Y}",
        "was_accepted": was_accepted,
        "clock_pauses": settings.DOSSIER_SUPPLEMENT_CLOCK == "pause",
    }


def _refusal(dossier: Dossier, event: DossierEvent, lookup_url: str) -> dict[str, Any]:
    return {"reasons": event.note, "submitted_at": _moment(dossier.submitted_at)}


def _apology(dossier: Dossier, event: DossierEvent, lookup_url: str) -> dict[str, Any]:
    return {
        "accepted_on": f"{_local(dossier.accepted_at):%d/%m/%Y}" if dossier.accepted_at else "",
        "old_due_text": _appointment(event.old_due_at),
        "new_due_text": _appointment(event.new_due_at),
        "reason": event.note,
        # Signed by the head of the agency, not the officer (shared/domain.md).
        "head_title": dossier.agency.head_title or "Thủ trưởng cơ quan",
        "head_name": dossier.agency.head_name,
    }


def _stop(dossier: Dossier, event: DossierEvent, lookup_url: str) -> dict[str, Any]:
    reason = event.stop_reason
    deadline = event.deadline
    return {
        "accepted_on": f"{_local(dossier.accepted_at):%d/%m/%Y}" if dossier.accepted_at else "",
        "reason": str(reason.label) if reason and reason != reason.OTHER else "",
        "reasons": event.note,
        "deadline": f"{deadline:%d/%m/%Y}" if deadline else "",
    }


_CONTENT = {
    SlipKind.RECEIPT: _receipt,
    SlipKind.SUPPLEMENT_REQUEST: _supplement_request,
    SlipKind.REFUSAL: _refusal,
    SlipKind.APOLOGY: _apology,
    SlipKind.STOP: _stop,
}


# --- rendering ---------------------------------------------------------------------------------


def render_slip_html(
    dossier: Dossier, kind: str, *, lookup_url: str, event: DossierEvent | None = None
) -> str:
    """The slip as HTML (what the PDF is made from): of `event`, else of the latest event of
    its kinds. LookupError if the dossier has none."""
    slip = SlipKind(kind)
    if event is None:
        event = slip_event(dossier, slip)
    if event is None:
        raise LookupError(f"Dossier {dossier.pk} has no {slip.value} slip.")
    agency = dossier.agency
    officer = event.actor or dossier.handled_by
    with translation.override("vi"):
        context = {
            "slip": slip,
            "title": str(slip.label),
            "dossier": dossier,
            "procedure": dossier.procedure,
            "agency": agency,
            "issuing_unit": getattr(settings, "SLIP_ISSUING_UNIT", _DEFAULT_ISSUING_UNIT),
            "date_line": date_line(place_name(agency), event.created_at),
            "issued_at_iso": _local(event.created_at).isoformat(timespec="seconds"),
            "officer": officer,
            **pdf.resources(_STYLESHEET),
            **_CONTENT[slip](dossier, event, lookup_url),
        }
        return render_to_string(f"pdf/{slip.value}.html", context)


def render_slip_pdf(
    dossier: Dossier, kind: str, *, lookup_url: str, event: DossierEvent | None = None
) -> bytes:
    """The slip as an A4, tagged PDF (PDF/UA-1). LookupError if the dossier has none."""
    return pdf.render_pdf(render_slip_html(dossier, kind, lookup_url=lookup_url, event=event))
