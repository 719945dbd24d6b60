"""At 360 px a citizen fills the birth declaration online and submits; the officer finds the
dossier under its queue tab and reads the declared fields; a wrong address shows the site's
404 page. Screenshots: tests/e2e/screenshots/3x-*.png."""

import re

import pytest

from django.core.management import call_command

from agencies.models import Agency
from dossiers.models import Declaration, Dossier
from procedures.models import Procedure
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_catalog", "--skip-holidays", verbosity=0)


def _sign_in(page, base, phone):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", phone)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> text=Đăng nhập")


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_citizen_fills_the_birth_declaration_online(
    live_server, catalog, phone_page, desk_page, screenshot
):
    base = live_server.url
    page = phone_page
    procedure = Procedure.objects.get(national_code="1.001193")
    commune = Agency.objects.get(name="UBND xã Thạnh Xuân")
    UserFactory(citizen=True, phone="0987000222", full_name="Nguyễn Văn An")
    officer = UserFactory(officer=True, agency=commune, phone="0911000222", citizen_id=None)

    _sign_in(page, base, "0987000222")
    page.wait_for_selector("text=Đăng xuất")
    page.goto(f"{base}/thu-tuc/{procedure.pk}/nop/")
    page.select_option("#id_agency", label="UBND xã Thạnh Xuân")
    page.click("text=Lưu và tiếp tục")
    page.wait_for_url(re.compile(r"/giay-to/"))
    page.click("text=Điền tờ khai trực tuyến")
    page.wait_for_url(re.compile(r"/to-khai/"))
    assert page.input_value("#id_requester_name") == "Nguyễn Văn An"
    page.fill("#id_requester_residence", "Ấp 3, xã Thạnh Xuân")
    page.fill("#id_requester_id", "Căn cước số 001099000111")
    page.fill("#id_requester_relation", "cha")
    page.fill("#id_child_name", "Nguyễn Thị Bé Na")
    page.fill("#id_child_birth_date", "2026-01-05")
    page.select_option("#id_child_sex", "Nữ")
    for field, value in (
        ("child_ethnicity", "Kinh"),
        ("child_nationality", "Việt Nam"),
        ("child_birth_place", "Trạm Y tế xã Thạnh Xuân"),
        ("child_home_town", "Thạnh Xuân, Cần Thơ"),
        ("mother_name", "Trần Thị Hoa"),
        ("mother_birth_year", "1998"),
        ("mother_ethnicity", "Kinh"),
        ("mother_nationality", "Việt Nam"),
        ("mother_residence", "Ấp 3, xã Thạnh Xuân"),
    ):
        page.fill(f"#id_{field}", value)
    _fits(page)
    screenshot(page, "30-declaration-form")
    page.click("button >> text=Lưu tờ khai")
    page.wait_for_selector("text=Đã lưu tờ khai")
    screenshot(page, "31-declaration-saved")

    declaration = Declaration.objects.get()
    dossier = declaration.dossier
    for document in dossier.missing_mandatory_documents():
        page.set_input_files(
            f"#document_{document.pk}",
            files=[
                {"name": f"giay-{document.pk}.pdf", "mimeType": "application/pdf", "buffer": PDF}
            ],
        )
    page.click("text=Tiếp tục: xem lại")
    page.wait_for_url(re.compile(r"/xem-lai/"))
    page.click("button >> text=Nộp hồ sơ")
    page.wait_for_url(re.compile(r"/da-nop/"))
    code = page.inner_text("#dossier-code").strip()
    assert Dossier.objects.get(code=code).state == "submitted"

    # The officer lands on the queue, on the tab of new dossiers, and reads the declaration.
    desk = desk_page
    _sign_in(desk, base, officer.phone)
    desk.wait_for_url(re.compile(r"/can-bo/ho-so/"))
    assert "Chờ tiếp nhận 1" in desk.inner_text("nav.tabs")
    screenshot(desk, "32-queue-tabs")
    desk.click(f"text={code}")
    assert "Nguyễn Thị Bé Na" in desk.inner_text("section.declaration")
    screenshot(desk, "33-officer-declaration")

    # A wrong address: the site's own 404 page, with a way back.
    page.goto(f"{base}/khong-co-trang-nay/")
    assert "Không tìm thấy trang" in page.inner_text("main")
    _fits(page)
    screenshot(page, "34-error-404")
