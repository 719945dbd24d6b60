"""Sending one outbox row, safely when the same row is handed to two workers or sent twice.

Why it can run twice: a row is queued on commit, again by the sweep when it stays pending,
and again by the broker when a worker dies before acknowledging. So the row is locked for the
whole attempt (`SELECT ... FOR UPDATE NOWAIT`: a second worker skips it instead of waiting),
and a row already sent is never sent again. A worker that dies mid-attempt rolls back its
transaction: the row stays pending and is sent later; channels get a key per row so that a
provider that knows it can drop the repeat of a message it had already taken.
"""

from __future__ import annotations

import datetime
import enum
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from .channels import get_channel
from .errors import PermanentError, TransportError
from .models import Notification, Status

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    SENT = "sent"
    ALREADY_DONE = "already_done"  # sent (or failed) before this attempt
    BUSY = "busy"  # another worker holds the row right now
    MISSING = "missing"
    RETRY = "retry"  # a transport error; try again in `retry_in` seconds
    FAILED = "failed"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    retry_in: int | None = None


class _Busy(Exception):
    pass


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` tries: 30, 60, 120, ... up to the cap."""
    base = settings.NOTIFICATION_RETRY_BACKOFF
    return int(min(base * 2 ** max(attempts - 1, 0), settings.NOTIFICATION_RETRY_BACKOFF_MAX))


def _lock(notification_id: int) -> Notification | None:
    try:
        return (
            Notification.objects.select_for_update(nowait=True).filter(pk=notification_id).first()
        )
    except DatabaseError as error:  # PostgreSQL: could not obtain lock
        raise _Busy from error


def deliver(notification_id: int) -> Result:
    """Lock the row, skip it if done, send it, record what happened; one transaction."""
    try:
        with transaction.atomic():
            row = _lock(notification_id)
            if row is None:
                logger.warning("notification.missing id=%s", notification_id)
                return Result(Outcome.MISSING)
            if row.status != Status.PENDING:
                logger.info("notification.skip id=%s status=%s", row.pk, row.status)
                return Result(Outcome.ALREADY_DONE)
            return _attempt(row)
    except _Busy:
        logger.info("notification.busy id=%s", notification_id)
        return Result(Outcome.BUSY)


def deliver_many(
    notification_ids: Sequence[int], *, seconds: float
) -> tuple[dict[int, Result], list[int]]:
    """`deliver` each row in turn, each in its own transaction, while `seconds` have not passed.

    Returns the result of each row tried, and the rows not started when the time was up. Each
    row is locked, sent and marked on its own, so a row is committed as sent right after its
    provider took it: a worker that dies mid-batch repeats at most the one row it was sending.
    """
    started = time.monotonic()
    results: dict[int, Result] = {}
    for index, notification_id in enumerate(notification_ids):
        if index and time.monotonic() - started >= seconds:
            return results, list(notification_ids[index:])
        results[notification_id] = deliver(notification_id)
    return results, []


def _attempt(row: Notification) -> Result:
    now = timezone.now()
    row.attempts += 1
    fields = ["attempts", "status", "last_error", "next_attempt_at", "sent_at"]
    result: Result
    try:
        get_channel(row.channel).send(row)
    except PermanentError as error:
        row.status = Status.FAILED
        row.last_error = str(error)[:2000]
        result = Result(Outcome.FAILED)
    except Exception as error:  # retried: the network, a time limit, or a bug (logged)
        if not isinstance(error, TransportError | SoftTimeLimitExceeded):
            logger.exception("notification.channel_error id=%s", row.pk)
        row.last_error = (str(error) or error.__class__.__name__)[:2000]
        if row.attempts > settings.NOTIFICATION_MAX_RETRIES:
            row.status = Status.FAILED
            result = Result(Outcome.FAILED)
        else:
            delay = backoff(row.attempts)
            row.next_attempt_at = now + datetime.timedelta(seconds=delay)
            result = Result(Outcome.RETRY, retry_in=delay)
    else:
        row.status = Status.SENT
        row.sent_at = now
        row.last_error = ""
        result = Result(Outcome.SENT)
    row.save(update_fields=fields)
    log = logger.warning if result.outcome != Outcome.SENT else logger.info
    log(
        "notification.%s id=%s channel=%s attempts=%s error=%s",
        result.outcome,
        row.pk,
        row.channel,
        row.attempts,
        row.last_error,
    )
    return result
