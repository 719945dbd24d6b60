"""The reminder one working day before a supplement request's deadline (SMS, in-app, email as
the citizen chose): an event on the dossier's timeline, sent once per request. The beat job
`dossiers.tasks.send_supplement_reminders` runs it. Rules: shared/domain.md, "States of a
dossier".
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from procedures import calendar

from .audit import record_event
from .events import EventKind
from .models import SupplementRequest
from .notify import notify_event
from .workflow import State

__all__ = ["reminder_due", "send_supplement_reminders"]

log = logging.getLogger("motcua.reminders")
Kind = EventKind


def reminder_due(today: datetime.date) -> datetime.date:
    """The last deadline reminded today: one working day from today (a Friday reminds the
    requests due by Monday, weekend deadlines included)."""
    return calendar.add_working_days(today, 1)


def send_supplement_reminders(now: datetime.datetime | None = None) -> int:
    """Remind each citizen whose open supplement request ends within one working day (and not
    today or earlier); return how many were reminded.

    Idempotent: a request is reminded once (`reminded_at`, checked again under the row lock), so
    the beat job runs every office hour, twice, or on two workers at once: a request another
    worker holds is skipped (that worker reminds it, or the next run does)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = SupplementRequest.objects.filter(
        fulfilled_at=None,
        reminded_at=None,
        deadline__gt=today,
        deadline__lte=reminder_due(today),
        dossier__state=State.MISSING_DOCUMENTS,
    )
    reminded = 0
    for pk in list(due.values_list("pk", flat=True)):
        reminded += _remind(pk, now)
    return reminded


def _remind(request_id: int, now: datetime.datetime) -> int:
    with transaction.atomic():
        request = (
            SupplementRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=request_id, reminded_at=None, fulfilled_at=None)
            .select_related("dossier")
            .first()
        )
        if request is None or request.dossier.state != State.MISSING_DOCUMENTS:
            return 0  # reminded, answered or held by another worker meanwhile
        dossier = request.dossier
        details = {"request_id": request.pk, "deadline": request.deadline}
        event = record_event(
            dossier,
            Kind.SUPPLEMENT_REMINDED,
            from_state=dossier.state,
            actor=None,
            at=now,
            details=details,
        )
        request.reminded_at = now
        request.save(update_fields=["reminded_at"])
        notify_event(event)
    log.info("supplement.reminded dossier=%s request=%s", dossier.pk, request_id)
    return 1
