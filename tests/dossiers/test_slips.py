"""The four slips (dossiers.slips): which exist, what they say, and the real PDF they make."""

import base64
import datetime
import io
import logging
import re
import zoneinfo
from types import SimpleNamespace

import pytest
import time_machine
from pypdf import PdfReader

from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.html import parse_html
from django.utils import timezone, translation

from dossiers import services
from dossiers.models import Channel, Dossier
from dossiers.slips import (
    SlipKind,
    available_slips,
    date_line,
    place_name,
    render_slip_html,
    render_slip_pdf,
)
from motcua import pdf
from procedures.models import Agency
from tests.factories import AgencyFactory, ProcedureFactory, RequiredDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LOOKUP_URL = "https://dichvucong.cantho.gov.vn/tra-cuu/?ma=000.00.12.H33-260303-0001"
CODE = "000.00.12.H33-260303-0001"
NAME = "Nguyễn Thị Hồng Nhung"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in March 2026, Ho Chi Minh City time (3 March 2026 is a Tuesday)."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=HCM)


def pdf_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def contains_html(haystack: str, needle: str) -> bool:
    """`needle` appears in `haystack` as HTML (attributes and whitespace normalised)."""
    return parse_html(needle) in parse_html(haystack)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- the world: a commune, a procedure with three documents, an officer, a citizen ------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # private storage follows MEDIA_ROOT on every use
    return tmp_path


@pytest.fixture
def world(media):
    province = AgencyFactory(
        name="UBND thành phố Cần Thơ", identifier="000.00.00.H33", level=Agency.Level.PROVINCE
    )
    commune = AgencyFactory(
        name="UBND xã Thạnh Xuân", identifier="000.00.12.H33", parent=province, phone="02923844123"
    )
    procedure = ProcedureFactory(
        name="Đăng ký khai sinh", national_code="1.001193", processing_amount=3, fee_vnd=8000
    )
    form = RequiredDocumentFactory(
        procedure=procedure, name="Tờ khai đăng ký khai sinh", quantity="01 bản chính", order=1
    )
    birth = RequiredDocumentFactory(
        procedure=procedure, name="Giấy chứng sinh", quantity="01 bản chính", order=2
    )
    identity = RequiredDocumentFactory(
        procedure=procedure,
        name="Giấy tờ tùy thân của người đi đăng ký",
        quantity="01 bản sao",
        is_mandatory=False,
        order=3,
    )
    officer = UserFactory(officer=True, agency=commune, full_name="Trần Văn Bình")
    citizen = UserFactory(
        citizen=True,
        full_name=NAME,
        phone="0912345678",
        citizen_id="092190001234",
        address="Ấp Thạnh Hưng, xã Thạnh Xuân, thành phố Cần Thơ",
    )
    return SimpleNamespace(
        commune=commune,
        procedure=procedure,
        form=form,
        birth=birth,
        identity=identity,
        officer=officer,
        citizen=citizen,
    )


def submitted(world, *, when=None) -> Dossier:
    """Submitted online on Tuesday 3 March 2026 at 08:00: two files for the form, one for the
    birth certificate, none for the optional identity document."""
    with time_machine.travel(when or at(3, 8), tick=False):
        dossier = services.create_draft(
            procedure=world.procedure,
            agency=world.commune,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
        )
        services.attach_files(
            dossier.pk,
            user=world.citizen,
            uploads={
                world.form.pk: [pdf_file("to-khai-trang-1.pdf"), pdf_file("to-khai-trang-2.pdf")],
                world.birth.pk: [pdf_file("giay-chung-sinh.pdf")],
            },
        )
        return services.submit(dossier.pk, user=world.citizen)


def accepted(world) -> Dossier:
    """Accepted on Tuesday 3 March 2026 at 09:00: due Friday 6 March at 09:00 (3 working days)."""
    dossier = submitted(world)
    with time_machine.travel(at(3, 9), tick=False):
        return services.accept(dossier.pk, officer=world.officer)


def rejected(world) -> Dossier:
    dossier = submitted(world)
    with time_machine.travel(at(3, 9, 30), tick=False):
        return services.reject(
            dossier.pk,
            officer=world.officer,
            reasons="Thủ tục không thuộc thẩm quyền của xã.\nĐề nghị nộp tại <b>UBND phường</b>.",
        )


def apologised(world) -> Dossier:
    dossier = accepted(world)
    with time_machine.travel(at(5, 10), tick=False):
        return services.issue_apology(
            dossier.pk,
            officer=world.officer,
            new_due_at=at(10, 16),
            reason="Cần xác minh thông tin với Sở Tư pháp.",
        )


def supplement_asked_twice(world) -> Dossier:
    """Asked once before acceptance (and supplemented), then again after acceptance."""
    dossier = submitted(world)
    with time_machine.travel(at(3, 8, 30), tick=False):
        services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.identity],
            note="Bổ sung giấy tờ tùy thân của người đi đăng ký.",
            deadline=datetime.date(2026, 3, 6),
        )
    with time_machine.travel(at(3, 8, 45), tick=False):
        services.supplement(
            dossier.pk, user=world.citizen, uploads={world.identity.pk: [pdf_file("cccd.pdf")]}
        )
    with time_machine.travel(at(3, 9), tick=False):
        services.accept(dossier.pk, officer=world.officer)
    with time_machine.travel(at(4, 10), tick=False):
        return services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.birth],
            other_missing="Văn bản ủy quyền có chứng thực\n\nBản sao giấy chứng nhận kết hôn",
            note="Giấy chứng sinh bị mờ, vui lòng chụp lại rõ nét.",
            deadline=datetime.date(2026, 3, 9),
        )


def supplement_asked_before_acceptance(world) -> Dossier:
    dossier = submitted(world)
    with time_machine.travel(at(3, 8, 30), tick=False):
        return services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.identity],
            note="Bổ sung giấy tờ tùy thân.",
            deadline=datetime.date(2026, 3, 6),
        )


# --- which slips exist ------------------------------------------------------------------------


def test_draft_and_submitted_dossiers_have_no_slip(world):
    with time_machine.travel(at(3, 8), tick=False):
        draft = services.create_draft(
            procedure=world.procedure,
            agency=world.commune,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
        )
    assert available_slips(draft) == []
    assert available_slips(submitted(world)) == []


def test_accepted_dossier_has_the_receipt_found_in_one_query(world, django_assert_num_queries):
    dossier = accepted(world)
    with django_assert_num_queries(1):
        assert available_slips(dossier) == [SlipKind.RECEIPT]


def test_dossier_received_at_desk_has_the_receipt(world):
    with time_machine.travel(at(3, 9), tick=False):
        dossier = services.create_at_desk(
            officer=world.officer,
            procedure=world.procedure,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
        )
    assert available_slips(dossier) == [SlipKind.RECEIPT]


def test_supplement_request_before_acceptance_is_the_only_slip(world):
    assert available_slips(supplement_asked_before_acceptance(world)) == [
        SlipKind.SUPPLEMENT_REQUEST
    ]


def test_supplement_request_after_acceptance_comes_with_the_receipt(world):
    assert available_slips(supplement_asked_twice(world)) == [
        SlipKind.RECEIPT,
        SlipKind.SUPPLEMENT_REQUEST,
    ]


def test_rejected_dossier_has_the_refusal_only(world):
    assert available_slips(rejected(world)) == [SlipKind.REFUSAL]


def test_apology_comes_with_the_receipt(world):
    assert available_slips(apologised(world)) == [SlipKind.RECEIPT, SlipKind.APOLOGY]


def test_a_slip_the_dossier_does_not_have_is_a_lookup_error(world):
    dossier = submitted(world)
    with pytest.raises(LookupError):
        render_slip_html(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)
    with pytest.raises(LookupError):
        render_slip_pdf(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)
    accepted_dossier = services.accept(dossier.pk, officer=world.officer)
    for kind in (SlipKind.REFUSAL, SlipKind.APOLOGY, SlipKind.SUPPLEMENT_REQUEST):
        with pytest.raises(LookupError):
            render_slip_html(accepted_dossier, kind, lookup_url=LOOKUP_URL)


def test_an_unknown_slip_kind_is_refused(world):
    with pytest.raises(ValueError):
        render_slip_html(accepted(world), "certificate", lookup_url=LOOKUP_URL)


# --- the receipt ------------------------------------------------------------------------------


def test_receipt_heading_code_and_applicant(world):
    html = render_slip_html(accepted(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    assert '<html lang="vi">' in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert "UBND XÃ THẠNH XUÂN" in html
    assert "Thạnh Xuân, ngày 03 tháng 3 năm 2026" in html
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in html
    assert f'<strong class="code">{CODE}</strong>' in html
    assert f"<title>Giấy tiếp nhận hồ sơ và hẹn trả kết quả – {CODE}</title>" in html
    assert contains_html(html, f'<td class="applicant-name">{NAME}</td>')
    for value in (
        "092190001234",
        "0912345678",
        "Ấp Thạnh Hưng, xã Thạnh Xuân, thành phố Cần Thơ",
        "Đăng ký khai sinh (mã thủ tục 1.001193)",
    ):
        assert value in html


def test_receipt_documents_grouped_with_the_number_of_files(world):
    html = render_slip_html(accepted(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    form_row = (
        '<tr><td class="number">1</td><td>Tờ khai đăng ký khai sinh '
        '<span class="quantity">(01 bản chính)</span></td><td class="files">2</td></tr>'
    )
    birth_row = (
        '<tr><td class="number">2</td><td>Giấy chứng sinh '
        '<span class="quantity">(01 bản chính)</span></td><td class="files">1</td></tr>'
    )
    assert contains_html(html, form_row)
    assert contains_html(html, birth_row)
    assert "Giấy tờ tùy thân của người đi đăng ký" not in html  # optional, not given


def test_receipt_times_processing_time_fee_officer(world):
    html = squash(render_slip_html(accepted(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL))

    assert "<td>Trực tuyến</td>" in html
    assert "<td>03/03/2026 09:00</td>" in html  # accepted at
    assert "<td>3 ngày làm việc</td>" in html
    assert "<td>8.000 đồng</td>" in html
    assert "Hẹn trả kết quả:</span> 09 giờ 00, ngày 06/03/2026" in html
    assert '<p class="signer">Trần Văn Bình</p>' in html
    assert "NGƯỜI NỘP HỒ SƠ" not in html  # online: the citizen signs nothing


def test_receipt_qr_code_leads_to_the_lookup_page(world):
    html = render_slip_html(accepted(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    match = re.search(
        r'<img class="qr" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', html
    )
    assert match, "the QR code is an inline SVG image with an alt text"
    svg = base64.b64decode(match[1]).decode()
    assert svg.startswith("<svg") and "<path" in svg
    assert match[2] == f"Mã QR dẫn tới trang tra cứu hồ sơ {CODE}"
    assert f'Tra cứu hồ sơ: <span class="url">{LOOKUP_URL.replace("&", "&amp;")}</span>' in html
    assert "http" not in html.replace(LOOKUP_URL, "").replace("http://www.w3.org", "")


def test_receipt_keeps_what_was_received_and_promised_at_acceptance(world):
    dossier = accepted(world)
    with time_machine.travel(at(4, 8), tick=False):
        services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.identity],
            note="Bổ sung giấy tờ tùy thân.",
            deadline=datetime.date(2026, 3, 6),
        )
    with time_machine.travel(at(4, 14), tick=False):
        dossier = services.supplement(
            dossier.pk, user=world.citizen, uploads={world.identity.pk: [pdf_file("cccd.pdf")]}
        )
    assert dossier.due_at == at(9, 14)  # counted anew from the supplement (restart)

    html = render_slip_html(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    assert "09 giờ 00, ngày 06/03/2026" in html
    assert "Giấy tờ tùy thân của người đi đăng ký" not in html
    assert "Thạnh Xuân, ngày 03 tháng 3 năm 2026" in html


def test_receipt_lists_files_supplemented_before_acceptance(world):
    html = render_slip_html(supplement_asked_twice(world), SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    assert contains_html(
        html,
        '<tr><td class="number">3</td><td>Giấy tờ tùy thân của người đi đăng ký '
        '<span class="quantity">(01 bản sao)</span></td><td class="files">1</td></tr>',
    )


def test_receipt_at_the_desk_has_both_signatures(world):
    with time_machine.travel(at(3, 14, 15), tick=False):
        dossier = services.create_at_desk(
            officer=world.officer,
            procedure=world.procedure,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
            channel=Channel.DIRECT,
            uploads={world.form.pk: [pdf_file("to-khai.pdf")]},
        )
    html = squash(render_slip_html(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL))

    assert "<td>Trực tiếp</td>" in html
    assert "<td>03/03/2026 14:15</td>" in html
    assert "14 giờ 15, ngày 06/03/2026" in html
    assert "NGƯỜI NỘP HỒ SƠ" in html
    assert f'<p class="signer">{NAME}</p>' in html
    assert '<td class="files">1</td>' in html


def test_receipt_is_vietnamese_in_local_time_whatever_the_request_uses(world):
    dossier = accepted(world)
    with translation.override("en"), timezone.override(datetime.UTC):
        html = render_slip_html(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)

    assert "<td>Trực tuyến</td>" in html
    assert "<td>3 ngày làm việc</td>" in html
    assert "03/03/2026 09:00" in html
    assert "09 giờ 00, ngày 06/03/2026" in html


# --- the other three slips --------------------------------------------------------------------


def test_supplement_request_shows_the_latest_request(world):
    html = render_slip_html(
        supplement_asked_twice(world), SlipKind.SUPPLEMENT_REQUEST, lookup_url=LOOKUP_URL
    )
    text = squash(html)

    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert "Ngày 04/03/2026 10:00" in text
    assert contains_html(
        html,
        '<ol class="items missing"><li>Giấy chứng sinh <span class="quantity">(01 bản chính)'
        "</span></li><li>Văn bản ủy quyền có chứng thực</li>"
        "<li>Bản sao giấy chứng nhận kết hôn</li></ol>",
    )
    assert "Giấy chứng sinh bị mờ, vui lòng chụp lại rõ nét." in html
    assert "Bổ sung giấy tờ tùy thân của người đi đăng ký." not in html  # the first request
    assert "Hạn bổ sung:</span> đến hết ngày 09/03/2026" in text
    assert "Thời hạn giải quyết được tính lại từ đầu kể từ khi nhận đủ giấy tờ bổ sung." in text
    assert "Trần Văn Bình, số điện thoại 02923844123" in text
    assert "NGƯỜI HƯỚNG DẪN" in html
    assert "Thạnh Xuân, ngày 04 tháng 3 năm 2026" in html


def test_supplement_request_before_acceptance_says_when_the_clock_starts(world):
    html = squash(
        render_slip_html(
            supplement_asked_before_acceptance(world),
            SlipKind.SUPPLEMENT_REQUEST,
            lookup_url=LOOKUP_URL,
        )
    )

    assert "thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận" in html
    assert "tính lại từ đầu" not in html


def test_supplement_request_follows_the_pause_setting(world, settings):
    settings.DOSSIER_SUPPLEMENT_CLOCK = "pause"
    html = squash(
        render_slip_html(
            supplement_asked_twice(world), SlipKind.SUPPLEMENT_REQUEST, lookup_url=LOOKUP_URL
        )
    )

    assert "Thời hạn giải quyết tạm dừng trong thời gian chờ bổ sung" in html
    assert "tính lại từ đầu" not in html


def test_refusal_gives_the_reasons_escaped(world):
    html = render_slip_html(rejected(world), SlipKind.REFUSAL, lookup_url=LOOKUP_URL)

    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert CODE in html
    assert (
        "Thủ tục không thuộc thẩm quyền của xã.<br>Đề nghị nộp tại &lt;b&gt;UBND phường&lt;/b&gt;."
        in html
    )
    assert "<b>" not in html
    assert '<p class="signer">Trần Văn Bình</p>' in html
    assert "nộp lúc 03/03/2026 08:00" in html


def test_apology_gives_old_and_new_due_dates_and_the_reason(world):
    html = squash(render_slip_html(apologised(world), SlipKind.APOLOGY, lookup_url=LOOKUP_URL))

    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in html
    assert f'<td class="applicant-name">{NAME}</td>' in html
    assert "Ngày 03/03/2026, UBND xã Thạnh Xuân tiếp nhận" in html
    assert '<td class="old-due">09 giờ 00, ngày 06/03/2026</td>' in html
    assert "Hẹn trả kết quả mới:</span> 16 giờ 00, ngày 10/03/2026" in html
    assert "Cần xác minh thông tin với Sở Tư pháp." in html
    assert '<p class="signer">Trần Văn Bình</p>' in html
    assert "Thạnh Xuân, ngày 05 tháng 3 năm 2026" in html


# --- the date line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("UBND xã Thạnh Xuân", "Thạnh Xuân"),
        ("Ủy ban nhân dân phường Bến Nghé", "Bến Nghé"),
        ("UBND đặc khu Phú Quốc", "Phú Quốc"),
        ("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công"),
    ],
)
def test_place_in_the_date_line(name, place):
    assert place_name(Agency(name=name)) == place


def test_date_line_pads_days_below_ten_and_january_february_only():
    assert date_line("Thạnh Xuân", at(5, 10).replace(month=2)) == (
        "Thạnh Xuân, ngày 05 tháng 02 năm 2026"
    )
    assert date_line("Thạnh Xuân", at(15, 10).replace(month=11)) == (
        "Thạnh Xuân, ngày 15 tháng 11 năm 2026"
    )
    # 23:30 UTC on 31 December is already 1 January in Vietnam.
    new_year = datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert date_line("Thạnh Xuân", new_year) == "Thạnh Xuân, ngày 01 tháng 01 năm 2026"


# --- the real PDF -----------------------------------------------------------------------------

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
        "Trần Văn Bình",
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
