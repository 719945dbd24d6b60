"""Celery tasks of the catalog (the default `celery` queue)."""

import logging

from celery import shared_task

from . import holiday_sync

log = logging.getLogger("motcua.calendar")


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180, ignore_result=True)
def sync_holiday_table() -> int:
    """Beat, yearly: the holiday table holds the current year and the next three, from the
    `holidays` package (rows an administrator entered are kept). Idempotent."""
    count = holiday_sync.sync_ahead()
    log.info("holidays.synced rows_changed=%s", count)
    return count
