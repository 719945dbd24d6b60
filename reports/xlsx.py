"""The sheets of the monthly report's XLSX workbook (exports.to_xlsx makes the workbook).

"Biểu 06" lays the table out as the printed form (three merged header rows, then the column
numbers (1)...(15)); "Chỉ số" gives the rates as numbers with their numerators and
denominators; "Xu hướng 12 tháng" the trend. openpyxl is slow to import: the functions that
use it import it (`_look`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .display import (
    FORM,
    LEVEL_HEADINGS,
    TITLE,
    period_label,
    period_range,
    rate_figures,
    status_line,
    table_lines,
)
from .figures import COLUMNS
from .formatting import Rate
from .monthly import MonthlyFigures

__all__ = ["form_sheet", "rates_sheet", "report_context_levels", "trend_sheet"]

TOP = 7  # the first of the three header rows; the column numbers follow them
LAST_COLUMN = 2 + len(COLUMNS) + len(LEVEL_HEADINGS)

# The header cells of the form: (first row, first column, last row, last column, text).
HEADER_CELLS = (
    (TOP, 1, TOP + 2, 1, "STT"),
    (TOP, 2, TOP + 2, 2, "Lĩnh vực giải quyết"),
    (TOP, 3, TOP, 6, "Số hồ sơ nhận giải quyết"),
    (TOP, 7, TOP, 13, "Kết quả giải quyết"),
    (TOP, 14, TOP, 15, "Trực tuyến theo mức độ"),
    (TOP + 1, 3, TOP + 2, 3, "Tổng số"),
    (TOP + 1, 4, TOP + 1, 6, "Trong đó"),
    (TOP + 1, 7, TOP + 1, 10, "Số hồ sơ đã giải quyết"),
    (TOP + 1, 11, TOP + 1, 13, "Số hồ sơ đang giải quyết"),
    (TOP + 1, 14, TOP + 2, 14, "Một phần (mức độ 3)"),
    (TOP + 1, 15, TOP + 2, 15, "Toàn trình (mức độ 4)"),
)


@dataclass(frozen=True)
class Look:
    """The styles of the workbook (openpyxl objects) and its column letters."""

    bold: Any
    title: Any
    box: Any  # the thin grey border around every cell of the table
    centre: Any
    head_fill: Any
    column_letter: Callable[[int], str]


def _look() -> Look:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="888888")
    return Look(
        bold=Font(bold=True),
        title=Font(bold=True, size=13),
        box=Border(left=thin, right=thin, top=thin, bottom=thin),
        centre=Alignment(horizontal="center", vertical="center", wrap_text=True),
        head_fill=PatternFill("solid", fgColor="EEEEEE"),
        column_letter=get_column_letter,
    )


def form_sheet(sheet: Any, figures: MonthlyFigures) -> None:
    """The first sheet: the report's heading lines, the form's header, the table."""
    look = _look()
    sheet.title = "Biểu 06"
    sheet["A1"] = f"{FORM}: {TITLE.upper()}"
    sheet["A1"].font = look.title
    sheet["A2"] = f"Đơn vị báo cáo: {figures.agency_name} ({figures.agency_identifier})"
    sheet["A3"] = f"Kỳ báo cáo: {period_label(figures)} ({period_range(figures)})"
    sheet["A4"] = status_line(figures)
    sheet["A5"] = "Đơn vị tính: hồ sơ"
    _header(sheet, look)
    first_data = TOP + 4
    _table(sheet, figures, first_data, look)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 34
    for col in range(3, LAST_COLUMN + 1):
        sheet.column_dimensions[look.column_letter(col)].width = 12
    sheet.freeze_panes = sheet.cell(row=first_data, column=3)
    print_setup(sheet, title_rows=f"{TOP}:{TOP + 3}")


def print_setup(sheet: Any, *, title_rows: str) -> None:
    """A4 landscape, fitted to the page width, these rows repeated on every printed page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows


def _header(sheet: Any, look: Look) -> None:
    """The three header rows, merged as on paper, and the row of column numbers, in grey."""
    for r1, c1, r2, c2, text in HEADER_CELLS:
        sheet.cell(row=r1, column=c1, value=text)
        if (r1, c1) != (r2, c2):
            sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for _key, number, heading in COLUMNS:
        if number != 3:
            sheet.cell(row=TOP + 2, column=number, value=heading)
    for col in range(1, LAST_COLUMN + 1):
        number_row = TOP + 3
        sheet.cell(row=number_row, column=col, value=f"({col})")
        for row in range(TOP, number_row + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font = look.bold
            cell.alignment = look.centre
            cell.fill = look.head_fill
            cell.border = look.box


def _table(sheet: Any, figures: MonthlyFigures, first_data: int, look: Look) -> None:
    """A row per field, then the total in bold; numbers with a thousands separator."""
    for offset, values in enumerate(table_lines(figures)):
        row = first_data + offset
        is_total = offset == len(figures.rows)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.border = look.box
            if col > 2:
                cell.number_format = "#,##0"
            if is_total:
                cell.font = look.bold


def rates_sheet(sheet: Any, figures: MonthlyFigures) -> None:
    """The rates as fractions (formatted as percentages), with how each is computed."""
    look = _look()
    sheet.append(["Chỉ số", "Giá trị", "Tử số", "Mẫu số", "Cách tính"])
    for cell in sheet[1]:
        cell.font = look.bold
    numeric = [
        figures.online_rate,
        figures.on_time_rate,
        figures.online_payment_rate,
        figures.e_result_rate,
        figures.digitisation_rate,
        figures.satisfaction_rate,
        figures.service_index,
        figures.plan_month_share,
        figures.plan_year_share,
    ]
    for item, rate in zip(rate_figures(figures), numeric, strict=True):
        value = rate.percent / 100 if rate.percent is not None else "-"
        numerator = rate.numerator if isinstance(rate, Rate) else None
        denominator = rate.denominator if isinstance(rate, Rate) else None
        sheet.append([item.label, value, numerator, denominator, item.detail])
        if not isinstance(value, str):
            sheet.cell(row=sheet.max_row, column=2).number_format = "0.00%"
    for label, count in report_context_levels(figures):
        sheet.append([label, count])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["E"].width = 80
    print_setup(sheet, title_rows="1:1")


def report_context_levels(figures: MonthlyFigures) -> list[tuple[str, int]]:
    total = figures.total
    return [
        ("Hồ sơ trực tuyến một phần (mức độ 3)", total.online_partial),
        ("Hồ sơ trực tuyến toàn trình (mức độ 4)", total.online_full),
        ("Hồ sơ trực tuyến từ đầu năm", figures.online_ytd),
    ]


def trend_sheet(sheet: Any, figures: MonthlyFigures) -> None:
    """A row per month of the trend: online per level, on time, processed, the rate."""
    look = _look()
    sheet.append(["Tháng", *LEVEL_HEADINGS, "Đúng hạn (8+9+12)", "Tổng (3)", "Tỷ lệ đúng hạn"])
    for cell in sheet[1]:
        cell.font = look.bold
    for point in figures.trend:
        rate = Rate(point.on_time, point.processed)
        sheet.append(
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
            sheet.cell(row=sheet.max_row, column=6).number_format = "0.00%"
    for col in range(1, 7):
        sheet.column_dimensions[look.column_letter(col)].width = 18
    print_setup(sheet, title_rows="1:1")
