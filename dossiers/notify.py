"""Which dossier events tell whom what: the adapter from the audit trail to the outbox.

`services.record_event` calls `notify_event` inside the service's transaction, so the outbox
rows exist exactly when the event does, and are sent after commit. `notifications` never sees
a Dossier: it gets a recipient, a template name and plain values.

Who is told: the applicant, on the channels they chose. For a dossier a digital-team helper
submitted, the applicant still; the helper also gets the line in their in-app list (if they
keep it on). A withdrawal the citizen made themselves is only confirmed in the in-app list;
one made by their helper reaches them on every channel they chose.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse

from notifications.models import Channel, Notification
from notifications.outbox import Message, enqueue

from . import links
from .models import Dossier, DossierEvent

Kind = DossierEvent.Kind

# The events that notify, and their message under templates/notifications/<language>/.
TEMPLATES: dict[str, str] = {
    Kind.SUBMITTED: "dossier_submitted",
    Kind.ACCEPTED: "dossier_accepted",
    Kind.RECEIVED_AT_DESK: "dossier_accepted",
    Kind.DOCUMENTS_REQUESTED: "dossier_documents_requested",
    Kind.REJECTED: "dossier_rejected",
    Kind.APOLOGY: "dossier_apology",
    Kind.RESULT_RECORDED: "dossier_result_ready",
    Kind.RETURNED: "dossier_returned",
    Kind.WITHDRAWN: "dossier_withdrawn",
}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _rating_url(dossier: Dossier) -> str:
    """The satisfaction survey's signed link; the citizen's dossier page if there is none."""
    return links.returned_link(dossier)


def _moment(iso: object) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(iso) if isinstance(iso, str) and iso else None


def _submitted(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {
        "submitted_at": dossier.submitted_at or event.created_at,
        "on_behalf": bool(event.details.get("on_behalf")),
    }


def _accepted(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"due_at": dossier.due_at, "at_desk": event.kind == Kind.RECEIVED_AT_DESK}


def _documents_requested(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    details = event.details
    missing = list(details.get("missing", []))
    if details.get("other_missing"):
        missing.append(details["other_missing"])
    deadline = details.get("deadline")
    return {
        "missing": missing,
        "note": event.note,
        "deadline": datetime.date.fromisoformat(deadline) if deadline else None,
        "supplement_url": absolute(reverse("dossiers:supplement", args=[dossier.pk])),
    }


def _rejected(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"reasons": event.note}


def _apology(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {
        "new_due_at": _moment(event.details.get("new_due_at")) or dossier.due_at,
        "old_due_at": _moment(event.details.get("old_due_at")),
        "reason": event.note,
    }


def _result_ready(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {
        "electronic": bool(event.details.get("electronic")),
        "result_note": dossier.result_note,
        "agency_address": dossier.agency.address,
        "agency_phone": dossier.agency.phone,
        "office_hours": ", ".join(f"{start}-{end}" for start, end in settings.OFFICE_HOURS),
    }


def _returned(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"rate_url": _rating_url(dossier)}


def _withdrawn(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"reason": event.note}


_DETAILS: dict[str, Callable[[Dossier, DossierEvent], dict[str, object]]] = {
    Kind.SUBMITTED: _submitted,
    Kind.ACCEPTED: _accepted,
    Kind.RECEIVED_AT_DESK: _accepted,
    Kind.DOCUMENTS_REQUESTED: _documents_requested,
    Kind.REJECTED: _rejected,
    Kind.APOLOGY: _apology,
    Kind.RESULT_RECORDED: _result_ready,
    Kind.RETURNED: _returned,
    Kind.WITHDRAWN: _withdrawn,
}


def message_for(event: DossierEvent) -> Message | None:
    """The message an event sends, or None for events that tell nobody (created, supplemented)."""
    template = TEMPLATES.get(event.kind)
    if template is None:
        return None
    dossier = event.dossier
    path = reverse("dossiers:my_dossier", args=[dossier.pk])
    context = {
        "code": dossier.code or "",
        "procedure": dossier.procedure.name,
        "agency": dossier.agency.name,
        "dossier_url": absolute(path),
        "lookup_url": absolute(reverse("dossiers:lookup")),
        **_DETAILS[event.kind](dossier, event),
    }
    return Message(
        template=template,
        context=context,
        reference=dossier.code or "",
        link=path,
        scope=f"agency:{dossier.agency_id}",
    )


def notify_event(event: DossierEvent) -> list[Notification]:
    """Write the outbox rows for one event (inside the caller's transaction)."""
    message = message_for(event)
    if message is None:
        return []
    dossier = event.dossier
    source = f"dossier_event:{event.pk}"
    applicant = dossier.applicant
    own_withdrawal = event.kind == Kind.WITHDRAWN and event.actor_id == dossier.applicant_id
    rows = enqueue(
        source=source,
        recipient=applicant,
        message=message,
        channels=[Channel.IN_APP] if own_withdrawal else None,
    )
    helper = dossier.submitted_by
    if helper is not None and helper.pk != applicant.pk and helper.notify_in_app:
        rows += enqueue(source=source, recipient=helper, message=message, channels=[Channel.IN_APP])
    return rows
