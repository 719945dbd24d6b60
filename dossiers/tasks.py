"""Celery tasks that read dossiers (the default `celery` queue)."""

import logging
from functools import partial

from celery import shared_task

from django.db import transaction

from .digest import send_officer_digests as _send_officer_digests
from .event_kinds import spec_of
from .events import DossierEvent
from .reminders import send_supplement_reminders as _send_supplement_reminders
from .slipfiles import store_event_slip

log = logging.getLogger("motcua.slips")


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, ignore_result=True)
def send_officer_digests() -> int:
    """Beat, every morning: each officer's digest of overdue and due-soon dossiers."""
    return _send_officer_digests()


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, ignore_result=True)
def send_supplement_reminders() -> int:
    """Beat, every office hour: remind citizens one working day before a supplement deadline
    (dossiers.reminders; a request is reminded once however often this runs)."""
    return _send_supplement_reminders()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90, ignore_result=True)
def print_slip(event_id: int) -> bool:
    """Print and keep the slip of one event (dossiers.slipfiles); running it twice prints once."""
    return store_event_slip(event_id) is not None


def queue_slip(event: DossierEvent) -> None:
    """Ask for the event's slip (if its kind issues one) once the caller's transaction commits."""
    if spec_of(event).slip is not None:
        transaction.on_commit(partial(_queue, event.pk), robust=True)


def _queue(event_id: int) -> None:
    """A worker prints it (with Redis); without a broker `.delay()` prints it in this process.
    A broker that cannot take it loses nothing: the first download prints the slip."""
    try:
        print_slip.delay(event_id)
    except Exception as error:
        log.warning(
            "slip_queue_failed event=%s error=%r: printed at its first download", event_id, error
        )
