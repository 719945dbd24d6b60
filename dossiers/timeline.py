"""The timeline in plain Vietnamese, from the audit trail (DossierEvent rows)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .event_kinds import spec_of
from .events import DossierEvent


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    title: str
    lines: list[str]
    kind: str
    actor: str = ""


def describe(event: DossierEvent, *, for_public: bool = False) -> TimelineEntry:
    """What happened, said to a citizen. `for_public` leaves out names and free-text notes."""
    spec = spec_of(event)
    lines = spec.lines(event, for_public)
    if event.note and (not for_public or spec.public_note):
        lines.append(event.note)
    return TimelineEntry(
        at=timezone.localtime(event.created_at), title=str(spec.title), lines=lines, kind=event.kind
    )


def timeline(events: list[DossierEvent], *, for_public: bool = False) -> list[TimelineEntry]:
    """Newest first (the events of one query; no name is shown, so no actor is needed)."""
    return [describe(e, for_public=for_public) for e in reversed(events)]
