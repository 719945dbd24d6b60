"""The real PDF of each slip: its text read back, A4, tagged, in the shipped font, and a font
that cannot be loaded locally stops it."""

import io
import logging
import re

import pytest
from pypdf import PdfReader

from django.core.exceptions import ImproperlyConfigured

from dossiers.slips import SlipKind, render_slip_pdf
from motcua import pdf

from .builders import (
    CODE,
    LOOKUP_URL,
    NAME,
    accepted,
    apologised,
    pdf_text,
    rejected,
    squash,
    stopped,
    supplement_asked_twice,
)

pytestmark = pytest.mark.django_db


PDF_CASES = {
    SlipKind.RECEIPT: (
        accepted,
        [
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Giấy tiếp nhận hồ sơ",
            "Hẹn trả kết quả",
            "09 giờ 00, ngày 06/03/2026",
            "Tờ khai đăng ký khai sinh",
            "Tra cứu hồ sơ",
        ],
    ),
    SlipKind.SUPPLEMENT_REQUEST: (
        supplement_asked_twice,
        [
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Giấy chứng sinh bị mờ",
            "Văn bản ủy quyền có chứng thực",
            "09/03/2026",
        ],
    ),
    SlipKind.REFUSAL: (
        rejected,
        ["PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "không thuộc thẩm quyền của xã"],
    ),
    SlipKind.APOLOGY: (
        apologised,
        ["PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "16 giờ 00, ngày 10/03/2026", "Sở Tư pháp"],
    ),
    SlipKind.STOP: (
        stopped,
        ["THÔNG BÁO DỪNG XỬ LÝ", "Quá hạn bổ sung", "chưa bổ sung giấy tờ", "Hạn bổ sung"],
    ),
}


@pytest.mark.parametrize("kind", list(SlipKind))
def test_pdf_text_comes_back_intact(world, kind, caplog):
    build, phrases = PDF_CASES[kind]
    dossier = build(world)
    caplog.set_level(logging.WARNING, logger="weasyprint")

    data = render_slip_pdf(dossier, kind, lookup_url=LOOKUP_URL)

    assert data.startswith(b"%PDF-")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    text = squash(pdf_text(data))
    for phrase in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        NAME,
        CODE,
        "Lê Văn Cường" if kind == SlipKind.APOLOGY else "Trần Văn Bình",  # who signs it
        "Trang 1/1",
        *phrases,
    ]:
        assert phrase in text, phrase


def test_pdf_is_a4_tagged_titled_and_in_vietnamese_fonts(world, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")

    data = render_slip_pdf(accepted(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    assert not caplog.records, caplog.text  # not even a warning
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in page.mediabox[2:])
    assert (round(width_mm), round(height_mm)) == (210, 297)
    assert reader.metadata.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả – {CODE}"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "vi"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    # Subset names ("ABCDEF+MotCua-Sans") carry our @font-face family: the shipped files, and
    # no system font, even though the system has DejaVu Sans too.
    assert {name.split("+")[-1] for name in fonts} == {"MotCua-Sans", "MotCua-Sans-Bold"}


def test_a_missing_font_file_is_a_configuration_error(world, monkeypatch):
    dossier = accepted(world)
    monkeypatch.setattr(pdf, "FONT_BOLD", "fonts/KhongCo-Bold.ttf")

    with pytest.raises(ImproperlyConfigured, match=re.escape("KhongCo-Bold.ttf")):
        render_slip_pdf(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)


@pytest.mark.parametrize(
    "url", ["file:///nonexistent/motcua/font.ttf", "http://127.0.0.1:9/DejaVuSans.ttf"]
)
def test_a_font_that_cannot_be_loaded_locally_stops_the_rendering(world, monkeypatch, url):
    """No fallback font in silence, and nothing fetched over HTTP."""
    dossier = accepted(world)
    real = pdf.static_uri
    monkeypatch.setattr(
        pdf, "static_uri", lambda path: url if path == pdf.FONT_REGULAR else real(path)
    )

    with pytest.raises(ImproperlyConfigured, match="could not be loaded"):
        render_slip_pdf(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)
