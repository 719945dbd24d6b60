"""The monthly report as files: PDF (WeasyPrint), CSV, XLSX and JSON; all from one MonthlyFigures.

The PDF is rendered from a template first (kept, so tests read the HTML), A4 landscape, through
the one PDF pipeline (motcua.pdf: the shipped DejaVu font, the masthead, PDF/UA), with the same
SVG chart as the dashboard. Reports are documents in Vietnamese whatever language the reader
uses. What the files say is reports.display's; the XLSX sheets are laid out by reports.xlsx.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dossiers.slips import date_line, place_of
from motcua import pdf

from . import xlsx
from .display import (
    FORM,
    LEVEL_HEADINGS,
    column_headings,
    period_label,
    report_context,
    table_lines,
)
from .formatting import Index, Rate
from .monthly import MonthlyFigures
from .safecells import neutralise_row, neutralise_workbook

_STYLESHEET = "reports/report-pdf.css"

# "Nơi nhận" at the foot of the PDF (Decree 30/2020/NĐ-CP); provinces set REPORT_RECIPIENTS.
DEFAULT_RECIPIENTS = ("Văn phòng Ủy ban nhân dân cấp trên (để tổng hợp);", "Lưu: VT.")


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
                "date_line": date_line(
                    place_of(figures.agency_name), figures.frozen_at or figures.computed_at
                ),
                "recipients": getattr(settings, "REPORT_RECIPIENTS", DEFAULT_RECIPIENTS),
            }
        )
        return render_to_string("reports/pdf/monthly.html", context)


def render_pdf(figures: MonthlyFigures) -> bytes:
    """The report as an A4 landscape, tagged PDF (PDF/UA-1)."""
    return pdf.render_pdf(render_html(figures))


# --- CSV, XLSX and JSON --------------------------------------------------------------------------


def to_csv(figures: MonthlyFigures) -> str:
    """UTF-8 with a byte-order mark (Excel then reads the diacritics); plain integers; no cell
    that a spreadsheet would run as a formula (reports.safecells)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["(1) STT", "(2) Lĩnh vực", *column_headings(), *LEVEL_HEADINGS])
    writer.writerows(neutralise_row(line) for line in table_lines(figures))
    return out.getvalue()


def to_xlsx(figures: MonthlyFigures) -> bytes:
    """Three sheets: the table laid out as the form, the rates, the 12-month trend; no cell that
    a spreadsheet would run as a formula (reports.safecells)."""
    from openpyxl import Workbook

    book = Workbook()
    xlsx.form_sheet(book.active, figures)
    xlsx.rates_sheet(book.create_sheet("Chỉ số"), figures)
    xlsx.trend_sheet(book.create_sheet("Xu hướng 12 tháng"), figures)
    book.properties.title = f"{FORM} – {figures.agency_name} – {period_label(figures)}"
    book.properties.creator = figures.agency_name
    neutralise_workbook(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
        "online_payment": rate(figures.online_payment_rate),
        "e_result": rate(figures.e_result_rate),
        "digitisation": rate(figures.digitisation_rate),
        "overdue": rate(figures.overdue_rate),
        "satisfaction": rate(figures.satisfaction_rate),
        "not_satisfied": rate(figures.not_satisfied_rate),
        "service_index": rate(figures.service_index),
        "plan_month": rate(figures.plan_month_share),
        "plan_year_to_date": rate(figures.plan_year_share),
    }
    return data


def filename(figures: MonthlyFigures, extension: str) -> str:
    version = f"-v{figures.version}" if figures.version else ""
    return f"bieu-06-{figures.agency_identifier}-{figures.period.key}{version}.{extension}"
