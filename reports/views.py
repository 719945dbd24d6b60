"""The leaders' pages: the monthly dashboard, its exports, freezing a month, the plan.

Leaders only, and only agencies of their own subtree: anything else is a 404, as if the page
did not exist (no existence leaks).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from agencies.models import Agency

from . import exports, live
from .communes import SORT_KEYS, sort_lines
from .display import COMMUNE_HEADINGS, plan_label, report_context
from .forms import PlanTargetForm, ReportChoiceForm
from .models import MonthlyReport, PlanTarget, ReportExport
from .monthly import MonthlyFigures
from .period import Period
from .snapshots import freeze, frozen_report, is_closed, report_for

log = logging.getLogger("motcua.reports")


def _agency(request: HttpRequest, pk: int) -> Agency:
    """An agency of the leader's subtree, else 404."""
    agency = Agency.objects.subtree(request.user.agency).filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency


def _period(month: str) -> Period:
    try:
        period = Period.parse_month(month)
    except ValueError as error:
        raise Http404 from error
    if period.start > timezone.localdate():
        raise Http404
    return period


def default_month() -> Period:
    """The month shown first: the last month in its first week, else this month."""
    today = timezone.localdate()
    period = Period.month(today.year, today.month)
    if today.day <= 7:
        return period.previous_months(2)[0]
    return period


def _dashboard_url(agency: Agency, period: Period) -> str:
    query = urlencode({"agency": agency.pk, "month": period.key})
    return f"{reverse('reports:dashboard')}?{query}"


@role_required(Role.LEADER)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The month of an agency: the table, the rates, the trend, who is late."""
    root = request.user.agency
    initial = {"agency": root.pk, "month": default_month().key}
    form = ReportChoiceForm(request.GET or None, root=root, initial=initial)
    if request.GET:
        if not form.is_valid():
            if "agency" in form.errors and "agency" in request.GET:
                raise Http404  # an agency outside the subtree does not exist for this leader
            return render(request, "reports/dashboard.html", {"form": form}, status=400)
        agency, period = form.cleaned_data["agency"], form.cleaned_data["month"]
    else:
        agency, period = root, default_month()
    figures, report = report_for(agency, period)
    versions = (
        list(
            MonthlyReport.objects.filter(agency=agency, month=period.start)
            .select_related("created_by")
            .order_by("-version")
        )
        if report is not None
        else []
    )
    log.info("report_viewed user=%s agency=%s month=%s", request.user.pk, agency.pk, period.key)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "agency": agency,
            "period": period,
            "report": report,
            "versions": versions,
            "closed": is_closed(period),
            **report_context(figures),
            **_commune_table(request, figures, agency, period),
        },
    )


def _commune_table(
    request: HttpRequest, figures: MonthlyFigures, agency: Agency, period: Period
) -> dict[str, object]:
    """The per-commune lines in the order asked (?sort=<column>&desc=1), with the headings'
    links: sorted here, from the figures, without a query."""
    key = request.GET.get("sort", "name")
    key = key if key in SORT_KEYS else "name"
    descending = request.GET.get("desc") == "1"
    base = {"agency": agency.pk, "month": period.key}
    headings = []
    for column, label in COMMUNE_HEADINGS:
        flip = column == key and not descending
        query = urlencode({**base, "sort": column, **({"desc": "1"} if flip else {})})
        state = ("descending" if descending else "ascending") if column == key else ""
        headings.append({"label": label, "url": f"?{query}#communes-heading", "sort": state})
    return {
        "communes": sort_lines(figures.communes, key, descending),
        "commune_headings": headings,
    }


def _figures(request: HttpRequest, agency_pk: int, month: str) -> MonthlyFigures:
    figures, _report = report_for(_agency(request, agency_pk), _period(month))
    return figures


def _download(content: bytes | str, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.LEADER)
def export_pdf(request: HttpRequest, agency_pk: int, month: str) -> HttpResponse:
    """A frozen month: the PDF as it was sent. Otherwise printed from the figures of now
    (reports.live): by a worker while a page waits for it, or in this request."""
    agency, period = _agency(request, agency_pk), _period(month)
    report = frozen_report(agency, period)
    if report is not None and report.pdf:
        return _stored_pdf(report)
    try:
        export = live.start(request.user, agency, period)
    except live.Busy as busy:
        return _export_page(request, agency, period, state="busy", limit=busy.limit)
    if export.status == ReportExport.Status.READY:
        return _export_file(export)
    return redirect("reports:export", pk=export.pk)


@role_required(Role.LEADER)
def export_csv(request: HttpRequest, agency_pk: int, month: str) -> HttpResponse:
    figures = _figures(request, agency_pk, month)
    return _download(
        exports.to_csv(figures).encode("utf-8"),
        exports.filename(figures, "csv"),
        "text/csv; charset=utf-8",
    )


@role_required(Role.LEADER)
def export_xlsx(request: HttpRequest, agency_pk: int, month: str) -> HttpResponse:
    figures = _figures(request, agency_pk, month)
    return _download(
        exports.to_xlsx(figures),
        exports.filename(figures, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _stored_pdf(report: MonthlyReport) -> HttpResponse:
    name = f"bieu-06-{report.agency.identifier}-{report.month:%Y-%m}-v{report.version}.pdf"
    return _pdf_download(report.pdf, name)


def _pdf_download(stored: FieldFile, name: str) -> HttpResponse:
    """A kept PDF (a frozen version, a live export), streamed as a download."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.LEADER)
def version_pdf(request: HttpRequest, agency_pk: int, month: str, version: int) -> HttpResponse:
    """One frozen version's PDF."""
    agency, period = _agency(request, agency_pk), _period(month)
    report = MonthlyReport.objects.filter(
        agency=agency, month=period.start, version=version
    ).first()
    if report is None or not report.pdf:
        raise Http404
    return _stored_pdf(report)


@role_required(Role.LEADER)
@require_POST
def freeze_month(request: HttpRequest, agency_pk: int, month: str) -> HttpResponse:
    """Freeze a month that is over, or regenerate it on purpose: always a new version."""
    agency, period = _agency(request, agency_pk), _period(month)
    if not is_closed(period):
        messages.error(request, _("Chỉ chốt được số liệu của tháng đã kết thúc."))
        return redirect(_dashboard_url(agency, period))
    report = freeze(agency, period, user=request.user)
    log.info(
        "report_frozen user=%s agency=%s month=%s version=%s",
        request.user.pk,
        agency.pk,
        period.key,
        report.version,
    )
    messages.success(
        request,
        _("Đã chốt số liệu tháng %(month)s, phiên bản %(version)s.")
        % {"month": f"{period.start:%m/%Y}", "version": report.version},
    )
    return redirect(_dashboard_url(agency, period))


@role_required(Role.LEADER)
def plan(request: HttpRequest) -> HttpResponse:
    """The online-dossier targets of the leader's subtree; setting one replaces the old one."""
    root = request.user.agency
    form = PlanTargetForm(
        request.POST if request.method == "POST" else None, root=root, initial={"agency": root.pk}
    )
    if request.method == "POST" and form.is_valid():
        target = form.save()
        messages.success(
            request, _("Đã lưu chỉ tiêu: %(target)s.") % {"target": plan_label(target)}
        )
        return redirect("reports:plan")
    targets = (
        PlanTarget.objects.filter(agency__in=Agency.objects.subtree(root))
        .select_related("agency")
        .order_by("-year", "agency__path", "month")
    )
    return render(
        request,
        "reports/plan.html",
        {"form": form, "targets": [(t, plan_label(t)) for t in targets]},
        status=400 if form.errors else 200,
    )


# --- live PDF exports (reports.live) ----------------------------------------------------------


def _own_export(request: HttpRequest, pk: int) -> ReportExport:
    """An export this leader asked for, of an agency still in their subtree; else 404."""
    export = (
        ReportExport.objects.filter(pk=pk, requested_by=request.user)
        .select_related("agency")
        .first()
    )
    if export is None:
        raise Http404
    _agency(request, export.agency_id)
    return export


@role_required(Role.LEADER)
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The page a leader waits on: it reloads itself until the PDF is there, then fetches it."""
    export = _own_export(request, pk)
    period = _period(export.period)
    if export.status == ReportExport.Status.READY:
        return _export_page(request, export.agency, period, state="ready", export=export)
    state = "running" if live.is_running(export) else "failed"
    return _export_page(request, export.agency, period, state=state, export=export)


@role_required(Role.LEADER)
def export_file(request: HttpRequest, pk: int) -> HttpResponse:
    export = _own_export(request, pk)
    if export.status != ReportExport.Status.READY or not export.file:
        raise Http404
    return _export_file(export)


_PAGE_STATUS = {"ready": 200, "running": 202, "busy": 429, "failed": 503}


def _export_page(
    request: HttpRequest,
    agency: Agency,
    period: Period,
    *,
    state: str,
    export: ReportExport | None = None,
    limit: int = 0,
) -> HttpResponse:
    file_url = reverse("reports:export_file", args=[export.pk]) if export else ""
    refresh = {
        "ready": (file_url, 0),
        "running": (request.path, 2),
    }.get(state, ("", 0))
    response = render(
        request,
        "reports/export.html",
        {
            "state": state,
            "limit": limit,
            "file_url": file_url,
            "refresh_url": refresh[0],
            "refresh_after": refresh[1],
            "retry_url": reverse("reports:pdf", args=[agency.pk, period.key]),
            "dashboard_url": _dashboard_url(agency, period),
        },
        status=_PAGE_STATUS[state],
    )
    if state == "busy":
        response["Retry-After"] = "5"
    return response


def _export_file(export: ReportExport) -> HttpResponse:
    return _pdf_download(export.file, f"bieu-06-{export.agency.identifier}-{export.period}.pdf")
