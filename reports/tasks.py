"""The monthly job: on the 1st at 06:00 (CELERY_TIMEZONE, Asia/Ho_Chi_Minh), freeze last
month's report of every agency and email its PDF to the agency's leaders.

The beat task only queues one task per agency (ids, never model instances). Each of those can
run twice: the month's first version is made once (a second run finds it and computes nothing),
and the mail goes once (the row is locked and `emailed_at` marks it sent). Only a failure to
reach the mail server is retried, with backoff.

`render_export` (a live PDF export, reports.live) is defined there and registered here.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from celery import shared_task

from django.utils import timezone

from agencies.models import Agency

from .live import render_export
from .period import Period
from .snapshots import freeze, send_to_leaders

__all__ = ["freeze_and_send", "last_month", "monthly_reports", "render_export"]

log = logging.getLogger("motcua.reports")


def last_month(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period.month(today.year, today.month).previous_months(2)[0]


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60, ignore_result=True)
def monthly_reports(month: str | None = None) -> int:
    """Beat, 1st of the month 06:00: one `freeze_and_send` per agency for last month."""
    period = Period.parse_month(month) if month else last_month()
    agency_ids = list(Agency.objects.order_by("path").values_list("pk", flat=True))
    for agency_id in agency_ids:
        freeze_and_send.delay(agency_id, period.key)
    log.info("monthly_reports_queued month=%s agencies=%s", period.key, len(agency_ids))
    return len(agency_ids)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=6,
    soft_time_limit=300,
    time_limit=360,
    ignore_result=True,
)
def freeze_and_send(self, agency_id: int, month: str) -> int | None:
    """Freeze one agency's month (if not frozen yet) and email it; the report's id."""
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        log.warning("monthly_report_skipped agency=%s reason=missing", agency_id)
        return None
    report = freeze(agency, Period.parse_month(month), scheduled=True)
    send_to_leaders(report.pk)
    return report.pk
