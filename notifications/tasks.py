"""Celery tasks of the outbox; routed to the `notifications` queue (settings.CELERY_TASK_ROUTES).

Both take ids or nothing, never model instances, and are safe to run twice (see sending.py).
`acks_late`: a message is acknowledged only once its task has finished, so a worker that dies
mid-task leaves it to the broker (and the row to the sweep).
"""

from celery import shared_task

from . import outbox
from .sending import deliver


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
    return outbox.sweep(older_than=older_than)
