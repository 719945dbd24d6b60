"""Celery tasks of the outbox; routed by settings.CELERY_TASK_ROUTES.

`send_notifications` (queue `notifications`) sends a batch of up to BATCH_SIZE rows;
`requeue_pending` (queue `notifications_sweep`, its own, so that a backlog of sends never
delays it) is beat's sweep. They take ids or nothing, never model instances, and are safe to
run twice (see sending.py). `acks_late`: a message is acknowledged only once its task has
finished, so a worker that dies mid-task leaves it to the broker (and the row to the sweep).
"""

import datetime
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from celery import shared_task

from django.conf import settings
from django.utils import timezone

from motcua.outage import Outage

from . import lease
from .models import Notification
from .sending import Result, deliver, deliver_many

logger = logging.getLogger(__name__)
broker = Outage("broker")

# Rows per send task: one message and one task start for 50 rows instead of one per row.
BATCH_SIZE = 50
# Rows the sweep selects and marks per query.
SWEEP_BATCH = 500
SWEEP_LEASE = "notifications-sweep"


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=None,  # the row counts its attempts (NOTIFICATION_MAX_RETRIES)
    soft_time_limit=30,  # above SMS_TIMEOUT and EMAIL_TIMEOUT
    time_limit=45,
    ignore_result=True,
)
def send_notification(self, notification_id: int) -> str:
    """Send one outbox row; on a transport error, retry with exponential backoff.

    Kept for the messages queued before batches existed, and for callers sending one row.
    """
    result = deliver(notification_id)
    in_worker = not (self.request.is_eager or self.request.called_directly)
    if result.retry_in is not None and in_worker:
        # Eager (no broker): no retry inside the user's request; the sweep tries again later.
        raise self.retry(countdown=result.retry_in)
    return str(result.outcome)


@shared_task(
    bind=True,
    acks_late=True,
    # A row is started only within NOTIFICATION_BATCH_SECONDS; the limits leave room for the
    # last one to meet its SMS_TIMEOUT or EMAIL_TIMEOUT.
    soft_time_limit=60,
    time_limit=75,
    ignore_result=True,
)
def send_notifications(self, notification_ids: list[int]) -> str:
    """Send a batch of rows, each locked, sent and marked in its own transaction.

    Rows with a transport error are queued again after their backoff; rows not started when
    the batch's time was up are queued again now. Eager (no broker, in the user's request or
    the command): neither, the sweep tries them later.
    """
    results, rest = deliver_many(notification_ids, seconds=settings.NOTIFICATION_BATCH_SECONDS)
    if not (self.request.is_eager or self.request.called_directly):
        _retry_later(results)
        if rest:
            queue(rest)
    outcomes = Counter(str(result.outcome) for result in results.values())
    logger.info("notification.batch %s rest=%s", dict(outcomes), len(rest))
    return " ".join(f"{name}={count}" for name, count in sorted(outcomes.items()))


def _retry_later(results: dict[int, Result]) -> None:
    waiting: dict[int, list[int]] = defaultdict(list)
    for notification_id, result in results.items():
        if result.retry_in is not None:
            waiting[result.retry_in].append(notification_id)
    for countdown, ids in waiting.items():
        try:
            send_notifications.apply_async((ids,), countdown=countdown)
        except Exception as error:  # the rows keep their next attempt: the sweep queues them
            logger.warning("notification.retry_not_queued ids=%s: %s", ids, error)


@shared_task(acks_late=True, soft_time_limit=90, time_limit=120, ignore_result=True)
def requeue_pending(older_than: float | None = None) -> int:
    """Beat, every minute: queue again the rows still pending a minute after they were due."""
    return sweep(older_than=older_than)


def queue(notification_ids: Iterable[int]) -> int:
    """One task per BATCH_SIZE rows. A broker that cannot take it is logged; the sweep sends
    the rows later.

    Without a broker (CELERY_TASK_ALWAYS_EAGER) `.delay()` sends in this process; failures stay
    in the row (pending or failed), never in the caller's response. A broker that just failed is
    not asked again for REDIS_RETRY_AFTER seconds (motcua.outage): the rows wait for the sweep,
    the request does not wait for the broker, and the outage is logged once.
    """
    ids = list(notification_ids)
    queued = 0
    for first in range(0, len(ids), BATCH_SIZE):
        batch = ids[first : first + BATCH_SIZE]
        if broker.skip():
            continue
        try:
            send_notifications.delay(batch)
        except Exception as error:
            if broker.failed():
                logger.warning(
                    "notification.queue_failed ids=%s: %s; rows stay pending for the sweep",
                    batch,
                    error,
                )
        else:
            lasted = broker.answered()
            if lasted is not None:
                logger.warning("notification.broker_back after %.0f s", lasted)
            queued += len(batch)
    return queued


def sweep(
    *,
    older_than: float | None = None,
    seconds: float | None = None,
    limit: int | None = None,
) -> int:
    """Queue again every row still pending `older_than` seconds after its attempt was due.

    Those are rows whose task was lost: the broker was down at commit, or a worker died with
    it. They are taken SWEEP_BATCH at a time until none is left, `seconds` have passed
    (NOTIFICATION_SWEEP_SECONDS) or `limit` rows were taken. Each row swept is marked as
    queued now, so it is not swept again for another interval. One sweep at a time: a sweep
    that finds another one running returns 0 at once.
    """
    if older_than is None:
        older_than = settings.NOTIFICATION_SWEEP_AFTER
    if seconds is None:
        seconds = settings.NOTIFICATION_SWEEP_SECONDS
    with lease.held(SWEEP_LEASE) as mine:
        if not mine:
            logger.info("notification.sweep_skipped: another sweep is running")
            return 0
        deadline = time.monotonic() + seconds
        cutoff = timezone.now() - datetime.timedelta(seconds=older_than)
        total, after = 0, 0
        while limit is None or total < limit:
            wanted = SWEEP_BATCH if limit is None else min(SWEEP_BATCH, limit - total)
            ids = _sweep_batch(cutoff, after, wanted)
            total += len(ids)
            if len(ids) < wanted or time.monotonic() >= deadline:
                break
            after = ids[-1]
    if total:
        logger.info("notification.sweep count=%s", total)
    return total


def _sweep_batch(cutoff: datetime.datetime, after: int, size: int) -> list[int]:
    """Mark and queue the next `size` rows due before `cutoff`, in id order after `after`."""
    due = Notification.objects.due_for_sweep(cutoff)
    ids = list(due.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:size])
    if ids:
        due.filter(pk__in=ids).update(next_attempt_at=timezone.now())
        queue(ids)
    return ids
