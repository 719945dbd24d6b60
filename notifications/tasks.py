"""Celery tasks of the outbox; routed to the `notifications` queue (settings.CELERY_TASK_ROUTES).

Both take ids or nothing, never model instances, and are safe to run twice (see sending.py).
`acks_late`: a message is acknowledged only once its task has finished, so a worker that dies
mid-task leaves it to the broker (and the row to the sweep).
"""

import datetime
import logging
from collections.abc import Iterable

from celery import shared_task

from django.conf import settings
from django.utils import timezone

from motcua.outage import Outage

from .models import Notification
from .sending import deliver

logger = logging.getLogger(__name__)
broker = Outage("broker")


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=None,  # the row counts its attempts (NOTIFICATION_MAX_RETRIES)
    soft_time_limit=30,  # above SMS_TIMEOUT and EMAIL_TIMEOUT
    time_limit=45,
    ignore_result=True,
)
def send_notification(self, notification_id: int) -> str:
    """Send one outbox row; on a transport error, retry with exponential backoff."""
    result = deliver(notification_id)
    in_worker = not (self.request.is_eager or self.request.called_directly)
    if result.retry_in is not None and in_worker:
        # Eager (no broker): no retry inside the user's request; the sweep tries again later.
        raise self.retry(countdown=result.retry_in)
    return str(result.outcome)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60, ignore_result=True)
def requeue_pending(older_than: float | None = None) -> int:
    """Beat, every minute: queue again the rows still pending a minute after they were due."""
    return sweep(older_than=older_than)


def queue(notification_ids: Iterable[int]) -> int:
    """One task per row. A broker that cannot take it is logged; the sweep sends the row later.

    Without a broker (CELERY_TASK_ALWAYS_EAGER) `.delay()` sends in this process; failures stay
    in the row (pending or failed), never in the caller's response. A broker that just failed is
    not asked again for REDIS_RETRY_AFTER seconds (motcua.outage): the rows wait for the sweep,
    the request does not wait for the broker, and the outage is logged once.
    """
    queued = 0
    for notification_id in notification_ids:
        if broker.skip():
            continue
        try:
            send_notification.delay(notification_id)
        except Exception as error:
            if broker.failed():
                logger.warning(
                    "notification.queue_failed id=%s: %s; rows stay pending for the sweep",
                    notification_id,
                    error,
                )
        else:
            lasted = broker.answered()
            if lasted is not None:
                logger.warning("notification.broker_back after %.0f s", lasted)
            queued += 1
    return queued


def sweep(*, older_than: float | None = None, limit: int = 500) -> int:
    """Queue again the rows still pending `older_than` seconds after their attempt was due.

    Those are rows whose task was lost: the broker was down at commit, or a worker died with
    it. Each row swept is marked as queued now, so it is not swept again for another interval.
    """
    if older_than is None:
        older_than = settings.NOTIFICATION_SWEEP_AFTER
    now = timezone.now()
    cutoff = now - datetime.timedelta(seconds=older_than)
    ids = list(
        Notification.objects.due_for_sweep(cutoff)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if not ids:
        return 0
    Notification.objects.due_for_sweep(cutoff).filter(pk__in=ids).update(next_attempt_at=now)
    logger.info("notification.sweep count=%s", len(ids))
    queue(ids)
    return len(ids)
