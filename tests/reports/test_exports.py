"""The PDF, CSV and XLSX of the hand-built month say what the table says."""

import csv
import io
import logging

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import exports
from reports.figures import Period
from reports.models import PlanTarget
from reports.monthly import compute

from .scenario import (
    EXPECTED_CERTIFICATION,
    EXPECTED_CIVIL_STATUS,
    EXPECTED_TOTAL,
    NOW,
    build_october,
)


@pytest.fixture
def figures(commune, sibling, birth, marriage, copy_cert, citizen, officer):
    build_october(
        agency=commune,
        procedures={"birth": birth, "marriage": marriage, "copy_cert": copy_cert},
        applicant=citizen,
        officer=officer,
        other_agency=sibling,
    )
    PlanTarget.objects.create(agency=commune, year=2026, online_target=120)
    return compute(commune, Period.month(2026, 10), now=NOW)


def _figure_alts(reader: PdfReader) -> list[str]:
    """The alternative texts of the tagged figures (PDF/UA structure tree)."""
    found = []

    def walk(node: object) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and node.get("/Alt"):
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_html_of_the_pdf_has_the_heading_the_table_and_the_chart(figures):
    html = exports.render_html(figures)
    assert "UBND XÃ THẠNH XUÂN" in html
    assert "Tháng 10/2026" in html
    assert "từ ngày 01/10/2026 đến ngày 31/10/2026" in html
    assert "Kỳ trước chuyển qua" in html
    assert "data:image/svg+xml;base64," in html
    assert "110% kế hoạch" in html
    assert "http://" not in html and "https://" not in html  # nothing fetched over the network


def test_the_pdf_reads_back_in_vietnamese_with_the_numbers_and_the_chart(figures, caplog):
    with caplog.at_level(logging.WARNING):
        pdf = exports.render_pdf(figures)
    assert not [
        r for r in caplog.records if r.levelno >= logging.WARNING and "weasyprint" in r.name
    ]
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Heading: the agency and the period, diacritics intact.
    assert "UBND XÃ THẠNH XUÂN" in text
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Kỳ báo cáo: Tháng 10/2026" in text
    # Column headings and the rows.
    for heading in ("Lĩnh vực giải quyết", "Kỳ trước chuyển", "Trước", "Đúng", "Trong", "Quá"):
        assert heading in text
    assert "Hộ tịch " + " ".join(map(str, EXPECTED_CIVIL_STATUS)) in text
    assert "Chứng thực " + " ".join(map(str, EXPECTED_CERTIFICATION)) in text
    assert "Tổng cộng " + " ".join(map(str, EXPECTED_TOTAL)) in text
    assert "55,56%" in text and "110% kế hoạch" in text
    assert "Trần Thị Bình" in text  # the overdue list names the officer
    # Page numbers, A4 landscape.
    assert f"Trang 1/{len(reader.pages)}" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    # The chart: a tagged figure whose text alternative carries the months' numbers.
    alts = _figure_alts(reader)
    assert any(a.startswith("Hồ sơ trực tuyến theo mức độ và tỷ lệ đúng hạn") for a in alts)
    assert any("10/26: 11 một phần, 0 toàn trình, đúng hạn 55,56%" in a for a in alts)
    # Only the shipped font is embedded (no fallback without Vietnamese glyphs).
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
        for xobject in resources.get("/XObject", {}).values():
            for font in xobject.get_object().get("/Resources", {}).get("/Font", {}).values():
                fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("MotCua-Sans" in name for name in fonts)


def _numbers(values: list) -> list[int]:
    return [int(v) for v in values]


def test_the_csv_has_the_same_numbers(figures):
    text = exports.to_csv(figures)
    assert text.startswith("\ufeff")  # Excel reads the diacritics
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == [
        "(1) STT",
        "(2) Lĩnh vực",
        "(3) Tiếp nhận: Tổng số",
        "(4) Tiếp nhận: Trực tuyến",
    ]
    assert rows[0][12] == "(13) Đang giải quyết: Quá hạn"
    assert rows[1][:2] == ["1", "Hộ tịch"] and _numbers(rows[1][2:13]) == EXPECTED_CIVIL_STATUS
    assert rows[2][:2] == ["2", "Chứng thực"] and _numbers(rows[2][2:13]) == EXPECTED_CERTIFICATION
    assert rows[3][:2] == ["", "Tổng cộng"] and _numbers(rows[3][2:13]) == EXPECTED_TOTAL
    assert _numbers(rows[3][13:15]) == [11, 0]  # một phần and toàn trình (Decision 766)


def test_the_xlsx_has_the_same_numbers(figures):
    book = load_workbook(io.BytesIO(exports.to_xlsx(figures)))
    sheet = book["Biểu 06"]
    lines = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row)
        if row[1].value in ("Hộ tịch", "Chứng thực", "Tổng cộng")
    ]
    assert [line[1] for line in lines] == ["Hộ tịch", "Chứng thực", "Tổng cộng"]
    assert lines[0][2:13] == EXPECTED_CIVIL_STATUS
    assert lines[1][2:13] == EXPECTED_CERTIFICATION
    assert lines[2][2:13] == EXPECTED_TOTAL
    assert "UBND xã Thạnh Xuân" in sheet["A2"].value
    headings = {cell.value for row in sheet.iter_rows(max_row=10) for cell in row}
    assert {"Kỳ trước chuyển qua", "Trước hạn", "Trong hạn", "(13)"} <= headings
    rates = {row[0].value: row[1].value for row in book["Chỉ số"].iter_rows(min_row=2)}
    assert rates["Tỷ lệ giải quyết đúng hạn"] == pytest.approx(10 / 18)
    assert rates["Kế hoạch tháng"] == pytest.approx(1.10)
    trend = list(book["Xu hướng 12 tháng"].iter_rows(values_only=True))
    assert trend[-1][:5] == ("2026-10", 11, 0, 10, 18)


def test_an_empty_month_exports_dashes_not_errors(commune):
    figures = compute(commune, Period.month(2026, 10), now=NOW)
    assert figures.rows == []
    assert "Không có hồ sơ nào trong kỳ." in exports.render_html(figures)
    book = load_workbook(io.BytesIO(exports.to_xlsx(figures)))
    rates = {row[0].value: row[1].value for row in book["Chỉ số"].iter_rows(min_row=2)}
    assert rates["Tỷ lệ giải quyết đúng hạn"] == "-"
    csv_rows = list(csv.reader(io.StringIO(exports.to_csv(figures).lstrip("\ufeff"))))
    assert csv_rows[1][1] == "Tổng cộng" and _numbers(csv_rows[1][2:]) == [0] * 13
