"""The report PDF ends as an official document (place and date, the two signatures, "Nơi
nhận"); the XLSX prints landscape on A4 with its title rows repeated."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import exports
from reports.figures import Period
from reports.monthly import compute

from .scenario import NOW, build_october

pytestmark = pytest.mark.usefixtures("after_october")


@pytest.fixture
def figures(commune, sibling, birth, marriage, copy_cert, citizen, officer):
    build_october(
        agency=commune,
        procedures={"birth": birth, "marriage": marriage, "copy_cert": copy_cert},
        applicant=citizen,
        officer=officer,
        other_agency=sibling,
    )
    return compute(commune, Period.month(2026, 10), now=NOW)


def test_the_pdf_has_the_date_line_the_signatures_and_the_recipients(figures, settings):
    settings.REPORT_RECIPIENTS = ["Văn phòng UBND thành phố Cần Thơ;", "Lưu: VT."]
    reader = PdfReader(io.BytesIO(exports.render_pdf(figures)))
    last = reader.pages[-1].extract_text()
    assert "Thạnh Xuân, ngày 29 tháng 11 năm 2026" in last
    assert "NGƯỜI LẬP BIỂU" in last and "THỦ TRƯỞNG ĐƠN VỊ" in last
    assert "Nơi nhận:" in last and "Văn phòng UBND thành phố Cần Thơ;" in last


def test_the_xlsx_prints_landscape_on_a4_with_titles_repeated(figures):
    book = load_workbook(io.BytesIO(exports.to_xlsx(figures)))
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    form = book["Biểu 06"]
    assert form.print_title_rows.replace("$", "") == "7:10"  # the header rows of the form
    assert book["Chỉ số"].print_title_rows.replace("$", "") == "1:1"
