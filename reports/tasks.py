"""The monthly job: on the 1st at 06:00 (CELERY_TIMEZONE, Asia/Ho_Chi_Minh), freeze last
month's report of every agency and email its PDF to the agency's leaders.

The beat task only queues one task per agency (ids, never model instances). Each of those can
run twice: the month's first version is made once (a second run finds it and computes nothing),
and the mail goes once (the row is locked and `emailed_at` marks it sent). Only a failure to
reach the mail server is retried, with backoff.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from celery import shared_task

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency

from .figures import Period
from .models import MonthlyReport
from .monthly import freeze, from_snapshot

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


def leaders_of(agency: Agency) -> list[str]:
    """The email addresses of the agency's active leaders."""
    return sorted(
        User.objects.filter(agency=agency, is_active=True, groups__name=Role.LEADER)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def send_to_leaders(report_id: int) -> bool:
    """Email the report's PDF to its agency's leaders, once. True if a mail left now."""
    with transaction.atomic():
        report = (
            MonthlyReport.objects.select_for_update(skip_locked=True)
            .select_related("agency")
            .filter(pk=report_id, emailed_at=None)
            .first()
        )
        if report is None:  # sent already, or another worker is sending it
            return False
        recipients = leaders_of(report.agency)
        if not recipients:
            log.info("monthly_report_no_recipient report=%s", report.pk)
            return False
        figures = from_snapshot(report)
        with translation.override("vi"):
            context = {"figures": figures, "report": report, "site_url": _site_url()}
            subject = render_to_string("reports/email/monthly_subject.txt", context)
            body = render_to_string("reports/email/monthly_body.txt", context)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        with report.pdf.open("rb") as handle:
            message.attach(
                f"bieu-06-{report.agency.identifier}-{report.month:%Y-%m}.pdf",
                handle.read(),
                "application/pdf",
            )
        message.send()
        report.emailed_at = timezone.now()
        report.save(update_fields=["emailed_at"])
    log.info("monthly_report_sent report=%s recipients=%s", report.pk, len(recipients))
    return True


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")
