"""The one way a service changes a dossier's state: fire the transition, save, record the event.

Every write in `services.py` and `supplements.py` calls `change` on a dossier it locked
(`locking.lock`), inside its transaction, then tells whom the event concerns (`notify_event`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from django_fsm import TransitionNotAllowed, has_transition_perm

from django.utils.translation import gettext as _

from accounts.models import User

from .audit import record_event
from .errors import ActionNotAllowed
from .events import DossierEvent
from .locking import save
from .models import Dossier
from .tasks import queue_slip

__all__ = ["Details", "change"]

Details = Mapping[str, object]


def change(
    dossier: Dossier,
    action: str,
    user: User,
    kind: str,
    *,
    at: datetime.datetime,
    note: str = "",
    details: Details | Callable[[Dossier], Details] | None = None,
    **arguments: object,
) -> DossierEvent:
    """Fire `action` (by `user`, at `at`) on a dossier the caller locked, save it, record the
    event. `from_state` is taken here, before the transition; `details` may be a callable of
    the changed dossier when what the event records is known only after the transition.
    The event's slip, if its kind issues one, is printed and kept after commit (slipfiles)."""
    from_state = dossier.state
    method = getattr(dossier, action)
    if not has_transition_perm(method, user):
        raise ActionNotAllowed(
            _("Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"state": dossier.get_state_display()}
        )
    try:
        method(by=user, at=at, **arguments)
    except TransitionNotAllowed as error:  # a condition failed
        raise ActionNotAllowed(str(error)) from error
    save(dossier)
    if callable(details):
        details = details(dossier)
    event = record_event(
        dossier, kind, from_state=from_state, actor=user, at=at, note=note, details=details
    )
    queue_slip(event)  # its slip, if it issues one, is printed once after commit
    return event
