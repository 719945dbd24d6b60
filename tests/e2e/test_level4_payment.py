"""Level 4 in a real browser: the citizen pays the fee by scanning the VietQR code on the
dossier page (the bank's webhook is sent by the test), receives the signed result at once, and
the public verification page says the signature is valid."""

import hashlib
import hmac
import json
import urllib.request
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from dossiers.models import FeeStatus
from tests.factories import (
    PASSWORD,
    PDF_BYTES,
    AgencyFactory,
    DossierFactory,
    ProcedureFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECRET = "e2e-webhook-secret"


def _sign_in(page, base, phone):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", phone)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> text=Đăng nhập")


def _bank_tells(base: str, code: str, amount: int) -> dict:
    body = json.dumps(
        {
            "transaction_id": "FT2633300E2E",
            "amount": amount,
            "description": f"IBFT {code} NOP PHI",
            "account_number": "0011001234567",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/thanh-toan/ngan-hang/thong-bao/",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Signature": hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest(),
        },
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


def test_citizen_pays_by_qr_and_verifies_the_signed_result(
    live_server, settings, phone_page, desk_page, screenshot, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER = "970436", "0011001234567"
    settings.VIETQR_ACCOUNT_NAME, settings.VIETQR_BANK_NAME = "UBND XA THANH XUAN", "Vietcombank"
    settings.BANK_WEBHOOK_SECRET = SECRET
    base, page = live_server.url, phone_page
    agency = AgencyFactory(identifier="000.00.12.H33", name="UBND xã Thạnh Xuân")
    procedure = ProcedureFactory(
        with_documents=True, name="Cấp bản sao trích lục hộ tịch", fee_vnd=8_000
    )
    citizen = UserFactory(citizen=True, full_name="Nguyễn Thị Hồng Nhung")
    officer = UserFactory(officer=True, agency=agency, full_name="Trần Văn Hùng")
    dossier = DossierFactory(
        processing=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )

    # The citizen sees what to pay and the VietQR code; a banking app reads it from the screen.
    _sign_in(page, base, citizen.phone)
    page.goto(f"{base}/ho-so/{dossier.pk}/")
    assert "8.000 đồng" in page.inner_text("main")
    page.locator("img.vietqr-code").screenshot(path=str(tmp_path / "qr.png"))
    screenshot(page, "20-fee-due-vietqr")
    scanned = [code.text for code in zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))]
    assert len(scanned) == 1 and dossier.code in scanned[0] and "54048000" in scanned[0]

    # The transfer is made; the bank tells us.
    assert _bank_tells(base, dossier.code, 8_000)["outcome"] == "matched"
    page.reload()
    assert "Đã nộp" in page.inner_text("main") and "Biên lai điện tử" in page.inner_text("main")
    dossier.refresh_from_db()
    assert dossier.fee_status == FeeStatus.PAID and dossier.fee_paid_online

    # The officer records the electronic result and returns it at once: it is signed.
    result = tmp_path / "ket-qua.pdf"
    result.write_bytes(PDF_BYTES)
    _sign_in(desk_page, base, officer.phone)
    desk_page.goto(f"{base}/can-bo/ho-so/{dossier.pk}/")
    desk_page.set_input_files(".action-record_result input[type=file]", str(result))
    desk_page.check(".action-record_result input[name=return_now]")
    desk_page.click(".action-record_result button")
    desk_page.wait_for_selector("text=Đã ghi nhận kết quả")

    # The citizen downloads it and checks it on the public verification page.
    page.goto(f"{base}/ho-so/{dossier.pk}/")
    assert "Kết quả có chữ ký số của cơ quan." in page.inner_text("main")
    screenshot(page, "21-signed-result")
    with page.expect_download() as download_info:
        page.click("text=Tải kết quả")
    signed = Path(download_info.value.path())
    page.goto(f"{base}/xac-thuc/")
    page.set_input_files("#id_document", str(signed))
    page.click("button >> text=Kiểm tra")
    page.wait_for_selector(".verdict")
    verdict = page.inner_text(".verdict")
    screenshot(page, "22-verified")
    assert "Chữ ký số hợp lệ" in verdict
    assert "Khớp với sổ kết quả do cơ quan cấp." in verdict
