"""Live PDF exports: the report of a month that is not frozen, printed from the figures of now.

Printing a report takes about a second of CPU. A frozen month never needs it (its PDF is kept
with the snapshot, reports.snapshots); a live one does, and must not take the web processes
down with it:
    - with Redis, `start` writes a `ReportExport` row and queues `reports.tasks.render_export`;
      the leader waits on a page that refreshes itself until the file is there;
    - without a broker (the embedded default), or with a broker that does not answer, the PDF
      is printed in the request, at most REPORT_RENDERS_PER_USER (2) at a time per leader;
      beyond that `start` raises `Busy` and the leader is asked to wait a moment.
Two clicks on the same month share the export under way. A leader's finished exports older
than a day are deleted (rows and files) when they start a new one.
"""

from __future__ import annotations

import datetime
import logging

from celery import current_app, shared_task

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agencies.models import Agency

from .exports import filename, render_pdf
from .models import ReportExport
from .monthly import compute
from .period import Period

__all__ = ["STALE_AFTER", "Busy", "is_running", "make", "render_export", "start"]

log = logging.getLogger("motcua.reports")

Status = ReportExport.Status
# A render not finished after this long died with its process: it holds no slot any more.
STALE_AFTER = datetime.timedelta(minutes=5)
_KEPT = datetime.timedelta(days=1)


class Busy(Exception):
    """The leader already has REPORT_RENDERS_PER_USER reports being printed in the request."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"{limit} reports are being printed for this user.")
        self.limit = limit


def is_running(export: ReportExport, now: datetime.datetime | None = None) -> bool:
    """Queued or being printed, and not stale (a lost task, a process that died)."""
    if export.status not in (Status.PENDING, Status.RENDERING):
        return False
    since = export.started_at or export.created_at
    return since > (now or timezone.now()) - STALE_AFTER


def start(user: User, agency: Agency, period: Period) -> ReportExport:
    """The leader's export of this month: queued (with Redis), or printed now (without).

    The row returned is READY when it was printed in this request, else PENDING or RENDERING
    (the export page waits for it). Busy when it would be printed here and the leader has no
    free slot.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock(user)
        mine = ReportExport.objects.filter(requested_by=user, agency=agency, period=period.key)
        running = [export for export in mine.order_by("-pk")[:5] if is_running(export, now)]
        if running:
            return running[0]
        _forget_old(user, now)
        export = ReportExport.objects.create(requested_by=user, agency=agency, period=period.key)
    if not current_app.conf.task_always_eager and _queued(export):
        return export
    _claim(export)
    make(export.pk)
    export.refresh_from_db()
    return export


def make(export_id: int) -> bool:
    """Print one export and keep its file (the task's body; safe to run twice). True if done."""
    export = ReportExport.objects.select_related("agency").filter(pk=export_id).first()
    if export is None or export.status in (Status.READY, Status.FAILED):
        return export is not None and export.status == Status.READY
    if export.status == Status.PENDING:
        export.status, export.started_at = Status.RENDERING, timezone.now()
        export.save(update_fields=["status", "started_at"])
    try:
        figures = compute(export.agency, Period.parse_month(export.period))
        data = render_pdf(figures)
        export.file.save(filename(figures, "pdf"), ContentFile(data), save=False)
    except Exception:
        log.exception("report_export_failed export=%s", export.pk)
        export.status = Status.FAILED
    else:
        export.status = Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "file", "finished_at"])
    return export.status == Status.READY


def _lock(user: User) -> None:
    """One start at a time per leader: counting slots and claiming one cannot interleave."""
    User.objects.select_for_update().filter(pk=user.pk).exists()


@shared_task(acks_late=True, soft_time_limit=120, time_limit=150, ignore_result=True)
def render_export(export_id: int) -> bool:
    """A worker prints one live export (registered through reports.tasks)."""
    return make(export_id)


def _queued(export: ReportExport) -> bool:
    """Queue its printing; False if the broker cannot take it (it is printed here then)."""
    try:
        render_export.delay(export.pk)
    except Exception as error:
        log.warning("report_export_queue_failed export=%s error=%r: printed here", export.pk, error)
        return False
    return True


def _claim(export: ReportExport) -> None:
    """Take one of the leader's in-request slots for this export, or give it up: Busy."""
    limit = settings.REPORT_RENDERS_PER_USER
    now = timezone.now()
    with transaction.atomic():
        _lock(export.requested_by)
        busy = ReportExport.objects.filter(
            requested_by_id=export.requested_by_id,
            status=Status.RENDERING,
            started_at__gt=now - STALE_AFTER,
        ).count()
        if busy < limit:
            export.status, export.started_at = Status.RENDERING, now
            export.save(update_fields=["status", "started_at"])
            return
    export.delete()
    raise Busy(limit)


def _forget_old(user: User, now: datetime.datetime) -> None:
    old = ReportExport.objects.filter(requested_by=user, created_at__lt=now - _KEPT)
    for export in old.exclude(file=""):
        export.file.delete(save=False)
    old.delete()
