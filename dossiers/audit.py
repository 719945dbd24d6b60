"""Write one line of a dossier's audit trail (a `DossierEvent`), in the caller's transaction."""

import datetime
from collections.abc import Mapping

from accounts.models import User

from .events import DossierEvent, serialise_detail
from .models import Dossier


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
        details={key: serialise_detail(value) for key, value in (details or {}).items()},
        created_at=at,
    )
