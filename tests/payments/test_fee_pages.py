"""What the citizen and the officer see of a fee: the dossier page, the receipt slip's VietQR
(decoded from the printed PDF by zxing-cpp), the queue's portal code 6, cash and free cases."""

import subprocess

import zxingcpp
from PIL import Image

from django.urls import reverse
from django.utils import timezone

from dossiers.models import FeeStatus
from dossiers.slips import render_slip_pdf
from payments.models import FreeCase, Method
from tests.factories import UserFactory

from .conftest import FEE
from .test_vietqr import check_vietqr


def login(client, user):
    client.force_login(user)


def test_accepting_makes_the_fee_due_by_the_appointment_date(due):
    assert due.fee_status == FeeStatus.DUE
    assert due.fee_amount == FEE
    assert due.fee_due_on == timezone.localdate(due.due_at)
    assert due.fee_portal_code == 6


def test_citizen_page_shows_what_to_pay_and_the_vietqr(client, due, citizen):
    login(client, citizen)
    page = client.get(reverse("dossiers:my_dossier", args=[due.pk])).content.decode()
    assert "Mã 6: Yêu cầu thực hiện nghĩa vụ tài chính" in page
    assert "50.000 đồng" in page
    assert 'class="vietqr-code"' in page and "data:image/svg+xml;base64," in page
    payload = page.split('data-payload="')[1].split('"')[0]
    check_vietqr(payload, amount="50000", note=due.code)


def test_receipt_slip_prints_a_vietqr_that_a_reader_decodes(due, tmp_path):
    data = render_slip_pdf(due, "receipt", lookup_url="http://127.0.0.1/tra-cuu/")
    (tmp_path / "slip.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", str(tmp_path / "slip.pdf"), str(tmp_path / "page")],
        check=True,
    )
    texts = []
    for page in sorted(tmp_path.glob("page*.png")):
        texts += [code.text for code in zxingcpp.read_barcodes(Image.open(page))]
    vietqr = [text for text in texts if text.startswith("000201")]
    assert len(vietqr) == 1, texts
    check_vietqr(vietqr[0], amount="50000", note=due.code)


def test_queue_shows_portal_code_6_while_unpaid(client, due, officer):
    login(client, officer)
    page = client.get(reverse("dossiers:queue")).content.decode()
    assert "6 · Chờ nộp phí" in page


def test_cash_at_the_desk_issues_the_same_e_receipt(client, due, officer, citizen):
    login(client, officer)
    response = client.post(
        reverse("payments:record_cash", args=[due.pk]),
        {"payer_name": "Nguyễn Văn An", "reference": "0001234"},
    )
    assert response.status_code == 302
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.PAID
    assert (due.fee_method, due.fee_paid_online) == (Method.CASH, False)
    payment = due.payments.get()
    assert payment.recorded_by == officer
    client.logout()
    login(client, citizen)
    pdf = client.get(reverse("payments:receipt", args=[payment.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for phrase in ["BIÊN LAI THU PHÍ, LỆ PHÍ", "Năm mươi nghìn đồng", due.code, "Nguyễn Văn An"]:
        assert phrase in text, phrase
    assert "Tiền mặt tại bộ phận một cửa" in text


def test_free_case_exempts_with_reason_and_officer(client, due, officer, procedure):
    case = FreeCase.objects.create(procedure=procedure, reason="Đăng ký khai sinh đúng hạn")
    login(client, officer)
    client.post(reverse("payments:exempt", args=[due.pk]), {"free_case": case.pk})
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.EXEMPT
    assert (due.fee_exempt_by, due.fee_exempt_reason) == (officer, case.reason)


def test_exempting_without_a_reason_changes_nothing(client, due, officer):
    login(client, officer)
    response = client.post(reverse("payments:exempt", args=[due.pk]), {"reason": "  "}, follow=True)
    assert "Vui lòng chọn trường hợp miễn phí hoặc ghi lý do." in response.content.decode()
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.DUE


def test_receipt_of_someone_else_is_404(client, due, officer, db):
    login(client, officer)
    client.post(reverse("payments:record_cash", args=[due.pk]), {"payer_name": "An"})
    client.logout()
    stranger = UserFactory(citizen=True)
    login(client, stranger)
    assert client.get(reverse("payments:receipt", args=[due.payments.get().pk])).status_code == 404


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())
