"""The monthly report as HTML, PDF (WeasyPrint), CSV and XLSX; all from one MonthlyFigures.

The PDF is rendered from a template first (kept, so tests read the HTML), A4 landscape, with
the shipped DejaVu font (full Vietnamese coverage) and the same SVG chart as the dashboard.
Reports are documents in Vietnamese whatever language the reader uses.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua import pdf

from .charts import describe, trend_svg
from .figures import COLUMNS, Row, site_tz
from .formatting import Index, Rate, vn_decimal, vn_number
from .monthly import MonthlyFigures

_STYLESHEET = "reports/report-pdf.css"

TITLE = "Tình hình, kết quả giải quyết thủ tục hành chính"
FORM = "Biểu số 06"


@dataclass(frozen=True)
class Figure:
    """One line of the rates beside the table."""

    label: str
    value: str
    detail: str


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment, site_tz())


def period_label(figures: MonthlyFigures) -> str:
    period = figures.period
    if period.is_month:
        return f"Tháng {period.start:%m/%Y}"
    return f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"


def period_range(figures: MonthlyFigures) -> str:
    period = figures.period
    return f"từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}"


def status_line(figures: MonthlyFigures) -> str:
    if figures.version is not None and figures.frozen_at is not None:
        return (
            f"Số liệu đã chốt lúc {_local(figures.frozen_at):%H:%M ngày %d/%m/%Y}, "
            f"phiên bản {figures.version}."
        )
    return f"Số liệu tạm tính đến {_local(figures.computed_at):%H:%M ngày %d/%m/%Y}."


def _ratio(rate: Rate) -> str:
    if not rate.defined:
        return "chưa có hồ sơ"
    return f"{vn_number(rate.numerator)}/{vn_number(rate.denominator)}"


def rate_figures(figures: MonthlyFigures) -> list[Figure]:
    total = figures.total
    sat = figures.satisfaction
    plan = figures.plan
    month_target = plan.month_target_value
    if plan.month_basis == "month":
        month_detail = f"chỉ tiêu tháng {vn_number(plan.month_target)} hồ sơ trực tuyến"
    elif plan.month_basis == "year":
        month_detail = (
            f"chỉ tiêu năm {vn_number(plan.year_target)} / 12 = "
            f"{vn_decimal(month_target, 0)} hồ sơ trực tuyến"
        )
    else:
        month_detail = "chưa đặt chỉ tiêu"
    plan_month = figures.plan_month_share
    plan_year = figures.plan_year_share
    return [
        Figure(
            _("Tỷ lệ hồ sơ trực tuyến"),
            str(figures.online_rate),
            f"(4) / ((4) + (5)) = {_ratio(figures.online_rate)}",
        ),
        Figure(
            _("Tỷ lệ giải quyết đúng hạn"),
            str(figures.on_time_rate),
            f"((8) + (9) + (12)) / ((7) + (11)) = {_ratio(figures.on_time_rate)}",
        ),
        Figure(
            _("Tỷ lệ hài lòng"),
            str(figures.satisfaction_rate),
            f"{vn_number(sat.get('very_satisfied', 0))} rất hài lòng, "
            f"{vn_number(sat.get('satisfied', 0))} hài lòng, "
            f"{vn_number(sat.get('not_satisfied', 0))} không hài lòng "
            f"trên {vn_number(sat.get('total', 0))} đánh giá",
        ),
        Figure(
            _("Chỉ số phục vụ"),
            str(figures.service_index),
            f"100% − (tỷ lệ quá hạn {figures.overdue_rate} + "
            f"tỷ lệ không hài lòng {figures.not_satisfied_rate})",
        ),
        Figure(
            _("Kế hoạch tháng"),
            _plan_text(plan_month),
            f"{vn_number(total.online)} hồ sơ trực tuyến; {month_detail}",
        ),
        Figure(
            _("Kế hoạch năm (lũy kế)"),
            _plan_text(plan_year),
            f"{vn_number(figures.online_ytd)} hồ sơ trực tuyến từ đầu năm; "
            + (
                f"chỉ tiêu năm {vn_number(plan.year_target)}"
                if plan.year_target
                else "chưa đặt chỉ tiêu năm"
            ),
        ),
    ]


def _plan_text(rate: Rate) -> str:
    text = str(rate)
    return f"{text} kế hoạch" if rate.defined else text


def overdue_rows(figures: MonthlyFigures) -> list[dict[str, Any]]:
    rows = []
    for item in figures.overdue_list:
        due = datetime.datetime.fromisoformat(item.due_at) if item.due_at else None
        reasons = []
        if item.second_supplement:
            reasons.append("yêu cầu bổ sung lần 2")
        if item.days_overdue:
            reasons.append(f"quá hạn {vn_number(item.days_overdue)} ngày")
        else:
            reasons.append("quá hạn dưới 1 ngày")
        if item.apology:
            reasons.append("đã xin lỗi, hẹn lại")
        rows.append(
            {
                "code": item.code,
                "procedure": item.procedure,
                "agency": item.agency,
                "officer": item.officer or "—",
                "due": f"{due:%d/%m/%Y %H:%M}" if due else "—",
                "reason": "; ".join(reasons),
            }
        )
    return rows


def chart_title(figures: MonthlyFigures) -> str:
    return f"Hồ sơ trực tuyến theo mức độ và tỷ lệ đúng hạn, 12 tháng đến {period_label(figures)}"


def report_context(figures: MonthlyFigures, *, chart_id: str = "trend") -> dict[str, Any]:
    """What the dashboard and the PDF show, formatted."""
    total = figures.total
    return {
        "figures": figures,
        "form_name": FORM,
        "title": TITLE,
        "columns": COLUMNS,
        "rows": figures.rows,
        "total": total,
        "period_label": period_label(figures),
        "period_range": period_range(figures),
        "status_line": status_line(figures),
        "rate_figures": rate_figures(figures),
        "online_levels": [
            (_("Một phần (mức độ 3)"), total.online_partial),
            (_("Toàn trình (mức độ 4)"), total.online_full),
        ],
        "chart_svg": trend_svg(figures.trend, title=chart_title(figures), ident=chart_id),
        "chart_title": chart_title(figures),
        "chart_description": describe(figures.trend),
        "trend_rows": [
            {
                "month": f"{point.month[5:]}/{point.month[:4]}",
                "partial": point.online_partial,
                "full": point.online_full,
                "on_time": str(Rate(point.on_time, point.processed)),
            }
            for point in figures.trend
        ],
        "overdue_rows": overdue_rows(figures),
        "overdue_total": total.overdue,
    }


# --- PDF ------------------------------------------------------------------------------------------


def render_html(figures: MonthlyFigures) -> str:
    """The HTML the PDF is made from (A4 landscape)."""
    with translation.override("vi"):
        context = report_context(figures, chart_id="pdf-trend")
        context.update(
            {
                "chart_uri": pdf.svg_data_uri(context["chart_svg"]),
                **pdf.resources(_STYLESHEET),
                "agency_name": figures.agency_name,
            }
        )
        return render_to_string("reports/pdf/monthly.html", context)


def render_pdf(figures: MonthlyFigures) -> bytes:
    """The report as an A4 landscape, tagged PDF (PDF/UA-1)."""
    return pdf.render_pdf(render_html(figures))


# --- CSV and XLSX ---------------------------------------------------------------------------------

LEVEL_HEADINGS = ("Trực tuyến một phần (mức độ 3)", "Trực tuyến toàn trình (mức độ 4)")


def column_headings() -> list[str]:
    """'(3) Tiếp nhận: Tổng số', ... for a flat table (CSV, the last header row of XLSX)."""
    group = {3: "Tiếp nhận", 7: "Đã giải quyết", 11: "Đang giải quyết"}
    current = ""
    headings = []
    for _key, number, heading in COLUMNS:
        current = group.get(number, current)
        headings.append(f"({number}) {current}: {heading}")
    return headings


def table_lines(figures: MonthlyFigures) -> list[list[Any]]:
    """The rows of the flat table: STT, field, columns 3-13, online per level."""

    def line(number: Any, row: Row) -> list[Any]:
        return [number, row.field_name, *row.columns(), row.online_partial, row.online_full]

    lines = [line(i, row) for i, row in enumerate(figures.rows, start=1)]
    lines.append(line("", figures.total))
    return lines


def to_csv(figures: MonthlyFigures) -> str:
    """UTF-8 with a byte-order mark (Excel then reads the diacritics); plain integers."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["(1) STT", "(2) Lĩnh vực", *column_headings(), *LEVEL_HEADINGS])
    writer.writerows(table_lines(figures))
    return out.getvalue()


def to_xlsx(figures: MonthlyFigures) -> bytes:
    """Three sheets: the table laid out as the form, the rates, the 12-month trend."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 06"
    bold = Font(bold=True)
    thin = Side(style="thin", color="888888")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    head_fill = PatternFill("solid", fgColor="EEEEEE")

    sheet["A1"] = f"{FORM}: {TITLE.upper()}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"Đơn vị báo cáo: {figures.agency_name} ({figures.agency_identifier})"
    sheet["A3"] = f"Kỳ báo cáo: {period_label(figures)} ({period_range(figures)})"
    sheet["A4"] = status_line(figures)
    sheet["A5"] = "Đơn vị tính: hồ sơ"

    top = 7  # three header rows, then the column numbers
    last_col = 2 + len(COLUMNS) + len(LEVEL_HEADINGS)
    merges = [
        (top, 1, top + 2, 1, "STT"),
        (top, 2, top + 2, 2, "Lĩnh vực giải quyết"),
        (top, 3, top, 6, "Số hồ sơ nhận giải quyết"),
        (top, 7, top, 13, "Kết quả giải quyết"),
        (top, 14, top, 15, "Trực tuyến theo mức độ"),
        (top + 1, 3, top + 2, 3, "Tổng số"),
        (top + 1, 4, top + 1, 6, "Trong đó"),
        (top + 1, 7, top + 1, 10, "Số hồ sơ đã giải quyết"),
        (top + 1, 11, top + 1, 13, "Số hồ sơ đang giải quyết"),
        (top + 1, 14, top + 2, 14, "Một phần (mức độ 3)"),
        (top + 1, 15, top + 2, 15, "Toàn trình (mức độ 4)"),
    ]
    for r1, c1, r2, c2, text in merges:
        sheet.cell(row=r1, column=c1, value=text)
        if (r1, c1) != (r2, c2):
            sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for _key, number, heading in COLUMNS:
        if number != 3:
            sheet.cell(row=top + 2, column=number, value=heading)
    for col in range(1, last_col + 1):
        number_row = top + 3
        sheet.cell(row=number_row, column=col, value=f"({col})")
        for row in range(top, number_row + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font = bold
            cell.alignment = centre
            cell.fill = head_fill
            cell.border = box

    first_data = top + 4
    for offset, values in enumerate(table_lines(figures)):
        row = first_data + offset
        is_total = offset == len(figures.rows)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.border = box
            if col > 2:
                cell.number_format = "#,##0"
            if is_total:
                cell.font = bold
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 34
    for col in range(3, last_col + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 12
    sheet.freeze_panes = sheet.cell(row=first_data, column=3)

    rates = book.create_sheet("Chỉ số")
    rates.append(["Chỉ số", "Giá trị", "Tử số", "Mẫu số", "Cách tính"])
    for cell in rates[1]:
        cell.font = bold
    numeric = [
        figures.online_rate,
        figures.on_time_rate,
        figures.satisfaction_rate,
        figures.service_index,
        figures.plan_month_share,
        figures.plan_year_share,
    ]
    for item, rate in zip(rate_figures(figures), numeric, strict=True):
        value = rate.percent / 100 if rate.percent is not None else "-"
        numerator = rate.numerator if isinstance(rate, Rate) else None
        denominator = rate.denominator if isinstance(rate, Rate) else None
        rates.append([item.label, value, numerator, denominator, item.detail])
        if not isinstance(value, str):
            rates.cell(row=rates.max_row, column=2).number_format = "0.00%"
    for label, count in report_context_levels(figures):
        rates.append([label, count])
    rates.column_dimensions["A"].width = 30
    rates.column_dimensions["B"].width = 12
    rates.column_dimensions["E"].width = 80

    trend = book.create_sheet("Xu hướng 12 tháng")
    trend.append(["Tháng", *LEVEL_HEADINGS, "Đúng hạn (8+9+12)", "Tổng (3)", "Tỷ lệ đúng hạn"])
    for cell in trend[1]:
        cell.font = bold
    for point in figures.trend:
        rate = Rate(point.on_time, point.processed)
        trend.append(
            [
                point.month,
                point.online_partial,
                point.online_full,
                point.on_time,
                point.processed,
                rate.percent / 100 if rate.percent is not None else "-",
            ]
        )
        if rate.percent is not None:
            trend.cell(row=trend.max_row, column=6).number_format = "0.00%"
    for col in range(1, 7):
        trend.column_dimensions[get_column_letter(col)].width = 18

    book.properties.title = f"{FORM} – {figures.agency_name} – {period_label(figures)}"
    book.properties.creator = figures.agency_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_context_levels(figures: MonthlyFigures) -> list[tuple[str, int]]:
    total = figures.total
    return [
        ("Hồ sơ trực tuyến một phần (mức độ 3)", total.online_partial),
        ("Hồ sơ trực tuyến toàn trình (mức độ 4)", total.online_full),
        ("Hồ sơ trực tuyến từ đầu năm", figures.online_ytd),
    ]


def to_json(figures: MonthlyFigures) -> dict[str, Any]:
    """The stored figures, with the rates as numbers and as printed."""

    def rate(value: Rate | Index) -> dict[str, Any]:
        percent = value.percent
        return {"percent": float(percent) if percent is not None else None, "text": str(value)}

    data = figures.to_json()
    data["version"] = figures.version
    data["rates"] = {
        "online": rate(figures.online_rate),
        "on_time": rate(figures.on_time_rate),
        "overdue": rate(figures.overdue_rate),
        "satisfaction": rate(figures.satisfaction_rate),
        "not_satisfied": rate(figures.not_satisfied_rate),
        "service_index": rate(figures.service_index),
        "plan_month": rate(figures.plan_month_share),
        "plan_year_to_date": rate(figures.plan_year_share),
    }
    return data


def plan_label(target: Any) -> str:
    """'UBND xã Thạnh Xuân, năm 2026: 7.000 hồ sơ trực tuyến' (a PlanTarget)."""
    when = f"tháng {target.month}/{target.year}" if target.month else f"năm {target.year}"
    return f"{target.agency.name}, {when}: {vn_number(target.online_target)} hồ sơ trực tuyến"


def filename(figures: MonthlyFigures, extension: str) -> str:
    version = f"-v{figures.version}" if figures.version else ""
    return f"bieu-06-{figures.agency_identifier}-{figures.period.key}{version}.{extension}"
