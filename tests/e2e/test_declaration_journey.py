"""At 360 px a citizen fills the birth declaration online and submits; the officer finds the
dossier under its queue tab and reads the declared fields; a wrong address shows the site's
404 page. Screenshots: tests/e2e/screenshots/3x-*.png."""

import io
import re

import pytest
from PIL import Image

from django.core.management import call_command

from agencies.models import Agency
from dossiers.models import Declaration, Dossier
from procedures.models import Procedure
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _photo() -> bytes:
    """A 3000 x 1500 PNG, as a phone camera gives it."""
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), (200, 180, 150)).save(buffer, "PNG")
    return buffer.getvalue()


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
    photo, *others = dossier.missing_mandatory_documents()
    # A big phone photo is shrunk in the browser to 2000 px JPEG before it is sent; choosing
    # it twice is refused next to its document; a chosen file can be removed before sending.
    page.set_input_files(
        f"#document_{photo.pk}",
        files=[{"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": _photo()}],
    )
    page.wait_for_selector(f"#document_{photo.pk}-chosen li")
    assert "giay-chung-sinh.jpg" in page.inner_text(f"#document_{photo.pk}-chosen")
    page.set_input_files(
        f"#document_{photo.pk}",
        files=[{"name": "giay-chung-sinh.png", "mimeType": "image/png", "buffer": _photo()}],
    )
    page.wait_for_selector(f"#document_{photo.pk}-errors p")
    assert "đã được chọn rồi" in page.inner_text(f"#document_{photo.pk}-errors")
    for document in others:
        page.set_input_files(
            f"#document_{document.pk}",
            files=[
                {"name": "giay.pdf", "mimeType": "application/pdf", "buffer": PDF},
                {"name": "thua.pdf", "mimeType": "application/pdf", "buffer": PDF + b"%"},
            ],
        )
        page.wait_for_selector(f"#document_{document.pk}-chosen li >> nth=1")
        page.click(f"#document_{document.pk}-chosen li >> nth=1 >> button")
        assert "thua.pdf" not in page.inner_text(f"#document_{document.pk}-chosen")
    screenshot(page, "31b-documents-chosen")
    page.click("text=Tiếp tục: xem lại")
    page.wait_for_url(re.compile(r"/xem-lai/"))
    page.click("button >> text=Nộp hồ sơ")
    page.wait_for_url(re.compile(r"/da-nop/"))
    code = page.inner_text("#dossier-code").strip()
    submitted = Dossier.objects.get(code=code)
    assert submitted.state == "submitted"
    stored = submitted.attachments.get(required_document=photo)
    assert stored.content_type == "image/jpeg"
    with Image.open(stored.file) as image:
        assert max(image.size) == 2000
    assert submitted.attachments.filter(original_name="thua.pdf").count() == 0
    # The code stays on one line at 360 px, with its copy button; every menu item is reachable.
    box = page.locator("#dossier-code").bounding_box()
    assert box["height"] < 2 * page.evaluate(
        "parseFloat(getComputedStyle(document.getElementById('dossier-code')).fontSize)"
    )
    assert page.is_visible("button >> text=Sao chép")
    for right in page.eval_on_selector_all(
        ".main-nav a", "links => links.map(a => a.getBoundingClientRect().right)"
    ):
        assert right <= 360
    _fits(page)
    screenshot(page, "31c-submitted-code")

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
