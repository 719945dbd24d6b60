"""The plan of online dossiers, and the frozen monthly reports.

A month that is over is frozen as a `MonthlyReport` row: the figures as JSON and the PDF as it
was sent, so a report printed twice is the same report. Regenerating on purpose adds a new
version; earlier versions are kept.
"""

import datetime

from django.conf import settings
from django.core.files.storage import Storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from dossiers.models import private_storage


def report_storage() -> Storage:
    """Reports live beside the dossiers' documents: private, served by a checked view."""
    return private_storage


def report_pdf_path(instance: "MonthlyReport", filename: str) -> str:
    month = instance.month
    return (
        f"reports/{month:%Y/%m}/{instance.agency.identifier}-{month:%Y-%m}-v{instance.version}.pdf"
    )


class PlanTarget(models.Model):
    """How many online dossiers an agency plans to receive in a year, or in one month of it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="plan_targets"
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Để trống: chỉ tiêu cả năm."),
    )
    online_target = models.PositiveIntegerField(
        _("chỉ tiêu hồ sơ trực tuyến"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("chỉ tiêu hồ sơ trực tuyến")
        verbose_name_plural = _("chỉ tiêu hồ sơ trực tuyến")
        ordering = ["agency", "-year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month"],
                condition=models.Q(month__isnull=False),
                name="plan_one_target_per_month",
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(month__isnull=True),
                name="plan_one_target_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="plan_month_1_12",
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.month:02d}/{self.year}" if self.month else str(self.year)
        return f"{self.agency} {when}: {self.online_target}"


class MonthlyReport(models.Model):
    """One frozen version of an agency's monthly report (figures and PDF)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="monthly_reports"
    )
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    figures = models.JSONField(_("số liệu"))
    pdf = models.FileField(
        _("tệp PDF"), upload_to=report_pdf_path, storage=report_storage, max_length=200
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Trống: do hệ thống tự lập đầu tháng."),
    )
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo tháng")
        verbose_name_plural = _("báo cáo tháng")
        ordering = ["agency", "-month", "-version"]
        permissions = [("view_report", _("Xem báo cáo thống kê"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "month", "version"], name="report_one_row_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.month:%m/%Y} v{self.version}"

    @property
    def period_end(self) -> datetime.date:
        nxt = (self.month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return nxt - datetime.timedelta(days=1)


def export_path(instance: "ReportExport", filename: str) -> str:
    return f"reports/live/{instance.created_at:%Y/%m}/{instance.pk}-{instance.period}.pdf"


class ReportExport(models.Model):
    """The PDF of a month that is not frozen, made for one leader from the figures of the
    moment (reports.live): by a Celery worker when Redis is there, else in the request."""

    class Status(models.TextChoices):
        PENDING = "pending", _("đang chờ")
        RENDERING = "rendering", _("đang lập")
        READY = "ready", _("đã xong")
        FAILED = "failed", _("lỗi")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)  # a Period key, e.g. "2026-10"
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(
        upload_to=export_path, storage=report_storage, max_length=200, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["requested_by", "status", "started_at"], name="export_running")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.period} {self.status}"
