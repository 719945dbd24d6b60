"""Spreadsheet cells that stay data: formula injection neutralised in CSV and XLSX exports.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by Excel and LibreOffice (a field named `=HYPERLINK(...)` would become a link that sends data
away). Such a cell gets a leading apostrophe, as OWASP advises ("CSV Injection"); the cell then
shows its text as typed. Numbers are never touched: they stay numbers. The report's own "-"
(a rate of nothing) is no formula and stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .formatting import DASH

__all__ = ["TRIGGERS", "neutralise", "neutralise_row", "neutralise_workbook"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and value != DASH:
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in values]


def neutralise_workbook(book: Any) -> None:
    """Every text cell of every sheet of an openpyxl workbook (formulas included: openpyxl
    keeps text that starts with `=` as a formula)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    safe = neutralise(cell.value)
                    if safe is not cell.value:
                        cell.value = safe
                        cell.data_type = "s"
