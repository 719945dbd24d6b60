"""A citizen on a 360 px phone and an officer at the desk, through a real browser."""

import re
from pathlib import Path

import pytest

from django.core.management import call_command

from accounts.models import User
from dossiers.models import Dossier
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_catalog", "--skip-holidays", verbosity=0)


def _sign_in(page, base, phone, password=PASSWORD):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", phone)
    page.fill("#id_password", password)
    page.click("button[type=submit] >> text=Đăng nhập")


def test_citizen_submits_supplements_and_receives_the_result(
    live_server, catalog, phone_page, desk_page, screenshot, tmp_path, sms_code
):
    base = live_server.url
    page = phone_page
    from procedures.models import Procedure

    procedure = Procedure.objects.get(name="Cấp Giấy xác nhận tình trạng hôn nhân")
    documents = list(procedure.required_documents.all())
    thanh_xuan_officer = UserFactory(
        officer=True,
        agency=__import__("agencies.models").models.Agency.objects.get(name="UBND xã Thạnh Xuân"),
        phone="0911000111",
        citizen_id=None,
        full_name="Trần Văn Hùng",
    )

    # The citizen finds the procedure and signs up on the way.
    page.goto(f"{base}/thu-tuc/?q=tinh trang hon nhan")
    screenshot(page, "01-catalog-search")
    page.click(f"text={procedure.name}")
    screenshot(page, "02-procedure")
    page.click("text=Nộp hồ sơ trực tuyến >> nth=0")
    page.click("text=Đăng ký")
    page.fill("#id_full_name", "Nguyễn Thị Hồng Nhung")
    page.fill("#id_phone", "0987 123 456")
    page.fill("#id_citizen_id", "093196001234")
    page.fill("#id_password1", "Thanh-Xuan-2026")
    page.fill("#id_password2", "Thanh-Xuan-2026")
    screenshot(page, "03-signup")
    page.click("text=Tạo tài khoản")

    # The code sent to the phone proves it is hers.
    page.wait_for_url(re.compile(r"/nhap-ma/"))
    assert "*******456" in page.inner_text("main")
    page.fill("#id_code", sms_code("0987123456"))
    screenshot(page, "03b-signup-code")
    page.click("button >> text=Xác nhận")

    # Step 1: details pre-filled from the profile.
    page.wait_for_url(re.compile(r"/nop/"))
    assert page.input_value("#id_full_name") == "Nguyễn Thị Hồng Nhung"
    page.select_option("#id_agency", label="UBND xã Thạnh Xuân")
    page.fill("#id_request_details", "Xác nhận tình trạng hôn nhân để đăng ký kết hôn.")
    screenshot(page, "04-step-details")
    page.click("text=Lưu và tiếp tục")

    # Step 2: two files, one per mandatory document at least.
    page.wait_for_url(re.compile(r"/giay-to/"))
    mandatory = [d for d in documents if d.is_mandatory]
    first, second = (mandatory + documents)[:2]
    page.set_input_files(
        f"#document_{first.pk}",
        files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.set_input_files(
        f"#document_{second.pk}",
        files=[{"name": "anh-cccd.png", "mimeType": "image/png", "buffer": PNG}],
    )
    for other in mandatory[2:]:
        page.set_input_files(
            f"#document_{other.pk}",
            files=[{"name": f"giay-{other.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF}],
        )
    screenshot(page, "05-step-documents")
    page.click("text=Tiếp tục: xem lại")
    page.wait_for_url(re.compile(r"/xem-lai/"))
    screenshot(page, "06-step-review")
    page.click("button >> text=Nộp hồ sơ")
    page.wait_for_url(re.compile(r"/da-nop/"))
    code = page.inner_text("#dossier-code").strip()
    assert re.fullmatch(r"000\.00\.12\.H33-\d{6}-\d{4}", code)
    screenshot(page, "07-submitted")
    dossier = Dossier.objects.get(code=code)
    assert dossier.state == "submitted"
    assert dossier.attachments.count() >= 2

    # The officer asks for a missing document.
    desk = desk_page
    _sign_in(desk, base, thanh_xuan_officer.phone)
    desk.goto(f"{base}/can-bo/ho-so/")
    desk.click(f"text={code}")
    desk.check(f".action-request_documents input[value='{second.pk}']")
    desk.fill(
        ".action-request_documents textarea[name=note]", "Ảnh CCCD bị mờ, vui lòng chụp lại rõ nét."
    )
    desk.click("text=Gửi yêu cầu bổ sung")
    desk.wait_for_selector("text=Đã gửi yêu cầu bổ sung giấy tờ.")

    # The citizen sees what to do and supplements exactly that document.
    page.goto(f"{base}/ho-so/")
    assert "Cần bổ sung giấy tờ" in page.inner_text("main")
    screenshot(page, "08-my-dossiers")
    page.click(f"text={procedure.name}")
    assert "Ảnh CCCD bị mờ" in page.inner_text("main")
    screenshot(page, "09-dossier-missing")
    page.click("a.button >> text=Bổ sung giấy tờ")
    page.set_input_files(
        f"#document_{second.pk}",
        files=[{"name": "anh-cccd-ro.png", "mimeType": "image/png", "buffer": PNG + b"\0"}],
    )
    screenshot(page, "10-supplement")
    page.click("text=Gửi giấy tờ bổ sung")
    page.wait_for_selector("text=Đã gửi giấy tờ bổ sung")

    # The officer accepts, records an electronic result and returns it.
    desk.reload()
    desk.click(".action-accept button")
    desk.wait_for_selector("text=Đã tiếp nhận hồ sơ")
    result = tmp_path / "ket-qua.pdf"
    result.write_bytes(PDF)
    desk.set_input_files(".action-record_result input[type=file]", str(result))
    desk.click(".action-record_result button")
    desk.wait_for_selector("text=Đã ghi nhận kết quả")
    desk.click(".action-return_result button")
    desk.wait_for_selector("text=Đã trả kết quả cho công dân")

    # The citizen sees it returned and downloads the result.
    page.goto(f"{base}/ho-so/")
    page.click(f"text={procedure.name}")
    assert "Đã trả kết quả" in page.inner_text("main")
    screenshot(page, "11-dossier-returned")
    with page.expect_download() as download_info:
        page.click("text=Tải kết quả")
    download = download_info.value
    assert download.suggested_filename.startswith(f"ket-qua-{code}")
    assert Path(download.path()).read_bytes() == PDF

    # The public lookup shows the same state without signing in.
    lookup = page.context.browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN")
    lookup.goto(f"{base}/tra-cuu/?ma={code}")
    lookup.fill("#id_so", "3456")
    lookup.click("button >> text=Tra cứu")
    assert "Đã trả kết quả" in lookup.inner_text("main")
    screenshot(lookup, "12-public-lookup")
    lookup.close()
    assert User.objects.filter(phone="0987123456").exists()


def test_citizen_resets_a_forgotten_password_by_code(live_server, phone_page, screenshot, sms_code):
    base = live_server.url
    page = phone_page
    UserFactory(citizen=True, phone="0912345678", full_name="Lê Thị Hoa")

    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.click("text=Quên mật khẩu?")
    page.fill("#id_identifier", "0912 345 678")
    screenshot(page, "20-forgot-password")
    page.click("text=Gửi mã qua tin nhắn")

    page.wait_for_url(re.compile(r"/nhap-ma/"))
    assert "*******678" in page.inner_text("main")
    page.fill("#id_code", sms_code("0912345678"))
    screenshot(page, "21-forgot-code")
    page.click("button >> text=Xác nhận")

    page.wait_for_url(re.compile(r"/dat-mat-khau/"))
    assert "Lê Thị Hoa" in page.inner_text("main")
    page.fill("#id_new_password1", "Mat-Khau-Moi-2026")
    page.fill("#id_new_password2", "Mat-Khau-Moi-2026")
    screenshot(page, "22-new-password")
    page.click("text=Lưu mật khẩu và đăng nhập")
    page.wait_for_selector("text=Đã đặt mật khẩu mới")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.click("button >> text=Đăng xuất")
    _sign_in(page, base, "0912345678", "Mat-Khau-Moi-2026")
    page.wait_for_selector("text=Đăng xuất")
    assert "Hoa" in page.inner_text("header")  # her short name, signed in
