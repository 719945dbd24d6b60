"""Frozen months: a closed month stored as a `MonthlyReport` version (figures and PDF), shown
from its latest version, and sent to the agency's leaders.

A month that is over is frozen once by the monthly job (reports.tasks) and again, as a new
version, each time a leader regenerates it on purpose; earlier versions are kept, so a report
printed twice is the same report. `report_for` is what every page and export shows: a closed
month from its latest version when there is one, anything else computed now (monthly.compute).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency

from .exports import render_pdf
from .models import MonthlyReport
from .monthly import MonthlyFigures, compute
from .period import Period

log = logging.getLogger("motcua.reports")

__all__ = [
    "MonthNotOver",
    "freeze",
    "from_snapshot",
    "frozen_report",
    "is_closed",
    "latest_report",
    "leaders_of",
    "report_for",
    "report_pdf_name",
    "send_to_leaders",
]


class MonthNotOver(ValueError):
    """Only a month that is over can be frozen."""


def is_closed(period: Period, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= period.ends_before


def latest_report(agency: Agency, period: Period) -> MonthlyReport | None:
    if not period.is_month:
        return None
    return (
        MonthlyReport.objects.filter(agency=agency, month=period.start)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )


def from_snapshot(report: MonthlyReport) -> MonthlyFigures:
    figures = MonthlyFigures.from_json(report.figures)
    figures.version = report.version
    figures.frozen_at = report.created_at
    return figures


def frozen_report(
    agency: Agency, period: Period, *, now: datetime.datetime | None = None
) -> MonthlyReport | None:
    """The latest frozen version of a closed month; None for a month not frozen or not over."""
    return latest_report(agency, period) if is_closed(period, now) else None


def report_for(
    agency: Agency, period: Period, *, now: datetime.datetime | None = None
) -> tuple[MonthlyFigures, MonthlyReport | None]:
    """A closed month from its latest frozen version if there is one; else computed now."""
    report = frozen_report(agency, period, now=now)
    if report is not None:
        return from_snapshot(report), report
    return compute(agency, period, now=now), None


# --- freezing -------------------------------------------------------------------------------------


def freeze(
    agency: Agency,
    period: Period,
    *,
    user: User | None = None,
    now: datetime.datetime | None = None,
    scheduled: bool = False,
) -> MonthlyReport:
    """Compute, render the PDF and store it as a new version.

    `scheduled` (the monthly job): if the month has a version already, that one is returned
    and nothing is computed, so the job can run twice. Otherwise a new version is added.
    """
    now = now or timezone.now()
    if not period.is_month:
        raise ValueError("Only calendar months are frozen.")
    if not is_closed(period, now):
        raise MonthNotOver(f"{period.key} is not over yet.")
    if scheduled:
        existing = latest_report(agency, period)
        if existing is not None:
            return existing
    figures = compute(agency, period, now=now)
    for _attempt in range(3):
        version = (
            MonthlyReport.objects.filter(agency=agency, month=period.start).aggregate(
                v=Max("version")
            )["v"]
            or 0
        ) + 1
        if scheduled and version > 1:
            return latest_report(agency, period)
        report = _store(agency, figures, version=version, user=user, now=now)
        if report is not None:
            return report
    raise RuntimeError(f"Could not store a new version of {agency} {period.key}.")


def _store(
    agency: Agency,
    figures: MonthlyFigures,
    *,
    version: int,
    user: User | None,
    now: datetime.datetime,
) -> MonthlyReport | None:
    """The figures and their PDF as this version; None if someone stored it first."""
    figures.version = version
    figures.frozen_at = now
    pdf = render_pdf(figures)
    report = MonthlyReport(
        agency=agency,
        month=figures.period.start,
        version=version,
        figures=figures.to_json(),
        created_at=now,
        created_by=user,
    )
    try:
        with transaction.atomic():
            report.pdf.save(report_pdf_name(report), ContentFile(pdf), save=False)
            report.save()
    except IntegrityError:
        report.pdf.delete(save=False)
        return None  # someone froze the same month at the same moment: take the next number
    return report


def report_pdf_name(report: MonthlyReport) -> str:
    return f"{report.agency.identifier}-{report.month:%Y-%m}-v{report.version}.pdf"


# --- sending --------------------------------------------------------------------------------------


def leaders_of(agency: Agency) -> list[str]:
    """The email addresses of the agency's active leaders."""
    return sorted(
        User.objects.filter(agency=agency, is_active=True, groups__name=Role.LEADER)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def send_to_leaders(report_id: int) -> bool:
    """Email the report's PDF to its agency's leaders, once. True if a mail left now.

    The row is locked (another worker sending it skips it) and `emailed_at` marks it sent.
    """
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
        _message(report, recipients).send()
        report.emailed_at = timezone.now()
        report.save(update_fields=["emailed_at"])
    log.info("monthly_report_sent report=%s recipients=%s", report.pk, len(recipients))
    return True


def _message(report: MonthlyReport, recipients: list[str]) -> EmailMessage:
    """The mail to the leaders, in Vietnamese, with the stored PDF attached."""
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
    return message


def _site_url() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")
