"""How a dossier ended without a result, for the citizen's status card: the reasons the
agency gave in the terminal event (refusal at reception, a stop) and what to do next.

Generic over the terminal states: a state listed in NEXT_STEPS shows the note of the event
that brought the dossier there, line by line, and its next step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .events import DossierEvent
from .models import Dossier
from .workflow import State

# What the citizen can do next, per terminal state with reasons ("stopped": the agency stopped
# processing, e.g. the supplement deadline passed).
NEXT_STEPS = {
    State.REJECTED.value: gettext_lazy(
        "Bạn có thể chuẩn bị lại giấy tờ theo các lý do trên và nộp hồ sơ mới. "
        "Cần hỏi thêm, hãy liên hệ %(agency)s."
    ),
    "stopped": gettext_lazy(
        "Nếu vẫn có nhu cầu, bạn có thể nộp hồ sơ mới với đầy đủ giấy tờ theo các lý do trên. "
        "Cần hỏi thêm, hãy liên hệ %(agency)s."
    ),
}


@dataclass(frozen=True)
class Ending:
    reasons: list[str]
    at: datetime.datetime
    next_step: str


def ending(dossier: Dossier, events: Iterable[DossierEvent]) -> Ending | None:
    """The reasons and next step when the dossier ended in a state with reasons, else None."""
    step = NEXT_STEPS.get(str(dossier.state))
    if step is None:
        return None
    last = None
    for event in events:
        if event.to_state == dossier.state and event.from_state != dossier.state:
            last = event
    if last is None:
        return None
    reasons = [line.strip(" -•\t") for line in last.note.splitlines() if line.strip(" -•\t")]
    agency = dossier.agency.name if dossier.agency_id else _("bộ phận một cửa")
    return Ending(reasons=reasons, at=last.created_at, next_step=str(step) % {"agency": agency})
