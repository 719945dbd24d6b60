"""The monthly report as people read it: the labels, the lines of rates, the overdue list and
the context the dashboard and the PDF render; the flat table the CSV and the XLSX write.

The labels of the rates go through gettext, so the dashboard follows the reader's language; the
PDF and the files are rendered in Vietnamese whatever language the reader uses (exports).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .charts import describe, trend_svg
from .figures import COLUMNS, Row
from .formatting import Rate, vn_decimal, vn_number
from .monthly import MonthlyFigures, Plan
from .period import site_tz

TITLE = "Tình hình, kết quả giải quyết thủ tục hành chính"

# The per-commune table's columns: (sort key, heading).
COMMUNE_HEADINGS = (
    ("name", gettext_lazy("Xã, phường")),
    ("received", gettext_lazy("Tiếp nhận")),
    ("resolved", gettext_lazy("Đã giải quyết")),
    ("on_time_rate", gettext_lazy("Tỷ lệ đúng hạn")),
    ("online_rate", gettext_lazy("Tỷ lệ trực tuyến")),
    ("satisfaction_rate", gettext_lazy("Tỷ lệ hài lòng")),
)
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


def _month_target_text(plan: Plan) -> str:
    """The month's target as the plan line explains it."""
    if plan.month_basis == "month":
        return f"chỉ tiêu tháng {vn_number(plan.month_target)} hồ sơ trực tuyến"
    if plan.month_basis == "year":
        return (
            f"chỉ tiêu năm {vn_number(plan.year_target)} / 12 = "
            f"{vn_decimal(plan.month_target_value, 0)} hồ sơ trực tuyến"
        )
    return "chưa đặt chỉ tiêu"


def rate_figures(figures: MonthlyFigures) -> list[Figure]:
    """The rates beside the table, each with how it is computed."""
    total = figures.total
    sat = figures.satisfaction
    plan = figures.plan
    month_detail = _month_target_text(plan)
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
            _("Tỷ lệ thanh toán trực tuyến (3.6)"),
            str(figures.online_payment_rate),
            "hồ sơ nộp phí trực tuyến / hồ sơ có phí, lệ phí = "
            f"{_ratio(figures.online_payment_rate)}",
        ),
        Figure(
            _("Tỷ lệ trả kết quả điện tử (4.1)"),
            str(figures.e_result_rate),
            f"hồ sơ có kết quả điện tử ký số / (7) = {_ratio(figures.e_result_rate)}",
        ),
        Figure(
            _("Tỷ lệ số hóa hồ sơ (4.2)"),
            str(figures.digitisation_rate),
            "hồ sơ đã số hóa tại quầy và có kết quả điện tử / (7) = "
            f"{_ratio(figures.digitisation_rate)}",
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
        rows.append(
            {
                "code": item.code,
                "dossier_id": item.dossier_id,
                "procedure": item.procedure,
                "agency": item.agency,
                "officer": item.officer or "—",
                "due": f"{due:%d/%m/%Y %H:%M}" if due else "—",
                "reason": overdue_reason(item, due, figures.as_of),
            }
        )
    return rows


def overdue_reason(item: Any, due: datetime.datetime | None, as_of: datetime.datetime) -> str:
    """Why it counts in column 13, truly: a second supplement request (whatever the due date),
    or the due moment passed before the report's moment; an apology is mentioned."""
    reasons = []
    if item.second_supplement:
        reasons.append("yêu cầu bổ sung lần 2")
    if due is not None and due < as_of:
        if item.days_overdue:
            reasons.append(f"quá hạn {vn_number(item.days_overdue)} ngày")
        else:
            reasons.append("quá hạn dưới 1 ngày")
    if item.apology:
        reasons.append("đã xin lỗi, hẹn lại")
    return "; ".join(reasons) or "quá hạn"


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


def plan_label(target: Any) -> str:
    """'UBND xã Thạnh Xuân, năm 2026: 7.000 hồ sơ trực tuyến' (a PlanTarget)."""
    when = f"tháng {target.month}/{target.year}" if target.month else f"năm {target.year}"
    return f"{target.agency.name}, {when}: {vn_number(target.online_target)} hồ sơ trực tuyến"


# --- the flat table (CSV, XLSX) -------------------------------------------------------------------

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
