"""The receipt (Mẫu 01): heading, documents received, appointment, QR code, as of acceptance."""

import base64
import datetime
import re

import pytest
import time_machine

from django.utils import timezone, translation

from dossiers import services
from dossiers.models import Channel
from dossiers.slips import SlipKind, render_slip_html

from .builders import (
    CODE,
    LOOKUP_URL,
    NAME,
    accepted,
    at,
    contains_html,
    pdf_file,
    squash,
    supplement_asked_twice,
)

pytestmark = pytest.mark.django_db


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
