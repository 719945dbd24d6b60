"""Who is told about a dossier event: the adapter from the audit trail to the outbox.

Each service calls `notify_event` right after recording its event, inside its transaction,
so the outbox rows exist exactly when the event does, and are sent after commit. What an event
says is in `event_kinds.KINDS`; `notifications` never sees a Dossier: it gets a recipient, a
template name and plain values.

Who is told: the applicant, on the channels they chose; when their account has not proven its
phone and did not make the dossier itself, only the phone, by SMS (access.reaches_applicant).
For a dossier a digital-team helper submitted, the applicant still; the helper also gets the
line in their in-app list (if they keep it on). A withdrawal the citizen made themselves is
only confirmed in the in-app list; one made by their helper reaches them on every channel they
chose.
"""

from __future__ import annotations

from django.urls import reverse

from notifications.models import Channel, Notification
from notifications.outbox import Message, enqueue

from .access import reaches_applicant
from .event_kinds import spec_of
from .events import DossierEvent, EventKind
from .links import absolute


def message_for(event: DossierEvent) -> Message | None:
    """The message an event sends, or None for events that tell nobody (created, supplemented)."""
    spec = spec_of(event)
    if not spec.message:
        return None
    dossier = event.dossier
    path = reverse("dossiers:my_dossier", args=[dossier.pk])
    context = {
        "code": dossier.code or "",
        "procedure": dossier.procedure.name,
        "agency": dossier.agency.name,
        "dossier_url": absolute(path),
        "lookup_url": absolute(reverse("dossiers:lookup")),
        **spec.context(event),
    }
    return Message(
        template=spec.message,
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
    own_withdrawal = event.kind == EventKind.WITHDRAWN and event.actor_id == dossier.applicant_id
    channels = [Channel.IN_APP] if own_withdrawal else None
    if not reaches_applicant(dossier):
        channels = [Channel.SMS]
    rows = enqueue(source=source, recipient=applicant, message=message, channels=channels)
    helper = dossier.submitted_by
    if helper is not None and helper.pk != applicant.pk and helper.notify_in_app:
        rows += enqueue(source=source, recipient=helper, message=message, channels=[Channel.IN_APP])
    return rows
