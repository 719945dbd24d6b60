"""Small helpers for the dossier tests: office-time moments and the audit trail."""

import datetime
import zoneinfo

from dossiers.models import Dossier

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime.datetime:
    """'2026-03-03 09:00' as an aware datetime in Vietnam."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VN)


def trail(dossier: Dossier) -> list[tuple]:
    """The audit trail as (kind, from_state, to_state, actor, moment) tuples, oldest first."""
    return [
        (event.kind, event.from_state, event.to_state, event.actor, event.created_at)
        for event in dossier.events.select_related("actor").order_by("created_at", "pk")
    ]


def fresh(dossier: Dossier) -> Dossier:
    """The dossier as stored now, in a new instance."""
    return Dossier.objects.get(pk=dossier.pk)
