"""Slips printed once: each slip is rendered when its event happens and kept; every download
streams the kept file.

A slip is the legal record of one event (slips.py says what it contains). Printing it again
later could give another paper (a fee or an officer's name changed since), and costs about half
a second of CPU per download. So:
    - when a service records an event that issues a slip (changes.change), `queue_slip`
      asks for it after commit: a Celery worker renders it (with Redis), or this process right
      after the response's transaction (the embedded default, tasks run in-process);
    - the PDF is stored in the private storage as a `SlipFile` row keyed by the event, with its
      size and SHA-256; a stored slip is never rendered again;
    - a download (`slip_file`) streams the stored file of the latest event of its kind; a slip
      that was never stored (an event older than this, a broker that lost the task) is rendered
      at its first download and stored then.
The QR code and the lookup link on a slip start with SITE_URL, whoever downloads it first.
What a slip says is slips.py's; this module only prints, keeps and finds the file.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .event_kinds import spec_of
from .events import DossierEvent, SlipKind
from .links import absolute
from .models import Dossier, SlipFile
from .slips import render_slip_pdf, slip_event

__all__ = ["lookup_url", "slip_file", "store_event_slip"]

log = logging.getLogger("motcua.slips")


def lookup_url(dossier: Dossier) -> str:
    """The public lookup of this dossier, printed (and as a QR code) on its slips."""
    return absolute(reverse("dossiers:lookup") + "?" + urlencode({"ma": dossier.code or ""}))


def slip_file(dossier: Dossier, kind: str) -> SlipFile:
    """The stored slip of this kind (of its latest event), printed now if it never was.
    LookupError if the dossier has no such slip."""
    event = slip_event(dossier, SlipKind(kind))
    if event is None:
        raise LookupError(f"Dossier {dossier.pk} has no {kind} slip.")
    stored = SlipFile.objects.filter(event=event).first()
    return stored or _print(dossier, event)


def store_event_slip(event_id: int) -> SlipFile | None:
    """Print and keep the slip of this event, unless it is kept already (safe to run twice).
    None if the event issues no slip or no longer exists."""
    event = (
        DossierEvent.objects.select_related(
            "actor", "dossier__procedure", "dossier__agency", "dossier__handled_by"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None or spec_of(event).slip is None:
        return None
    stored = SlipFile.objects.filter(event=event).first()
    return stored or _print(event.dossier, event)


def _print(dossier: Dossier, event: DossierEvent) -> SlipFile:
    kind = spec_of(event).slip
    data = render_slip_pdf(dossier, kind, lookup_url=lookup_url(dossier), event=event)
    slip = SlipFile(
        event=event,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        rendered_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            slip.file.save(f"{kind}.pdf", ContentFile(data), save=False)
            slip.save(force_insert=True)
    except IntegrityError:  # printed by another request or worker at the same moment
        slip.file.delete(save=False)
        return SlipFile.objects.get(event=event)
    log.info(
        "slip_stored event=%s kind=%s dossier=%s bytes=%s", event.pk, kind, dossier.pk, len(data)
    )
    return slip
