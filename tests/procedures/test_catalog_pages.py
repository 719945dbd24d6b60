"""The public catalog at /thu-tuc/: list, search, detail, blank-form download."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from procedures.models import FileKind, OnlineLevel, TimeUnit
from tests.factories import FieldFactory, ProcedureFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("procedures:list")


def detail_url(procedure):
    return reverse("procedures:detail", args=[procedure.pk])


def names_on(response):
    return [p.name for p in response.context["page_obj"]]


@pytest.fixture
def catalog():
    civil = FieldFactory(name="Hộ tịch", order=1)
    certify = FieldFactory(name="Chứng thực", order=2)
    return {
        "civil": civil,
        "certify": certify,
        "birth": ProcedureFactory(name="Đăng ký khai sinh", field=civil, national_code="1.001193"),
        "death": ProcedureFactory(name="Đăng ký khai tử", field=civil),
        "copy": ProcedureFactory(name="Chứng thực bản sao từ bản chính", field=certify),
        "old": ProcedureFactory(name="Đăng ký khai sinh lưu động", field=civil, is_active=False),
    }


# --- list -------------------------------------------------------------------------------------


def test_list_shows_active_procedures_only(client, catalog):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert set(names_on(response)) == {
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Chứng thực bản sao từ bản chính",
    }
    assert "Đăng ký khai sinh lưu động" not in response.text


def test_list_entry_shows_field_level_and_processing_time(client, catalog):
    ProcedureFactory(
        name="Cấp bản sao trích lục",
        field=catalog["civil"],
        online_level=OnlineLevel.PARTIAL,
        processing_unit=TimeUnit.SAME_DAY,
    )
    text = client.get(LIST_URL).text

    assert "Hộ tịch" in text
    assert "Toàn trình (mức độ 4)" in text
    assert "Một phần (mức độ 3)" in text
    assert "3 ngày làm việc" in text
    assert "Trong ngày" in text
    assert "Có 4 thủ tục" in text


def test_list_sorts_vietnamese_names_with_d_stroke_among_d(client, db):
    field = FieldFactory(name="Hộ tịch")
    for name in ["Xác nhận tình trạng hôn nhân", "Đăng ký khai sinh", "Cấp bản sao trích lục"]:
        ProcedureFactory(name=name, field=field)

    assert names_on(client.get(LIST_URL)) == [
        "Cấp bản sao trích lục",
        "Đăng ký khai sinh",
        "Xác nhận tình trạng hôn nhân",
    ]


def test_field_chip_filters_and_is_marked_current(client, catalog):
    certify = catalog["certify"]
    response = client.get(LIST_URL, {"field": certify.pk})

    assert names_on(response) == ["Chứng thực bản sao từ bản chính"]
    assert f'href="/thu-tuc/?field={certify.pk}" aria-current="true"' in response.text
    assert "Tìm thấy 1 thủ tục" in response.text


def test_field_chips_list_only_fields_with_active_procedures(client, catalog):
    FieldFactory(name="Đất đai")
    ProcedureFactory(name="Thủ tục cũ", field=FieldFactory(name="Lĩnh vực cũ"), is_active=False)

    response = client.get(LIST_URL)

    assert [f.name for f in response.context["fields"]] == ["Hộ tịch", "Chứng thực"]


def test_unknown_field_is_ignored(client, catalog):
    assert len(names_on(client.get(LIST_URL, {"field": "abc"}))) == 3
    assert len(names_on(client.get(LIST_URL, {"field": "99999"}))) == 3


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh",
        "Đăng ký khai sinh",
        "DANG KY KHAI SINH",
        "đăng ký KHAI sinh",
        "ĐĂNG KÝ KHAI SINH",
        "khai sinh dang ky",
        "  khai   SINH ",
        "1.001193",
    ],
)
def test_search_ignores_case_diacritics_and_word_order(client, catalog, query):
    response = client.get(LIST_URL, {"q": query})

    assert names_on(response) == ["Đăng ký khai sinh"]
    assert "Tìm thấy 1 thủ tục" in response.text


def test_search_by_part_of_name(client, catalog):
    response = client.get(LIST_URL, {"q": "dang ky"})

    assert set(names_on(response)) == {"Đăng ký khai sinh", "Đăng ký khai tử"}
    assert "Tìm thấy 2 thủ tục" in response.text


def test_search_keeps_typed_text_and_combines_with_field(client, catalog):
    response = client.get(LIST_URL, {"q": "bản <sao>", "field": catalog["certify"].pk})

    assert 'value="bản &lt;sao&gt;"' in response.text
    assert f'name="field" value="{catalog["certify"].pk}"' in response.text


def test_empty_search_result_says_so_and_helps(client, catalog):
    response = client.get(LIST_URL, {"q": "cấp giấy phép xây dựng", "field": catalog["civil"].pk})
    text = response.text

    assert names_on(response) == []
    assert "Không tìm thấy thủ tục nào cho “cấp giấy phép xây dựng”." in text
    assert "tìm trong tất cả lĩnh vực" in text
    assert "xem danh sách tất cả thủ tục" in text


def test_empty_catalog(client, db):
    assert "Danh mục thủ tục đang được cập nhật" in client.get(LIST_URL).text


def test_pagination_keeps_the_search(client, db):
    for n in range(25):
        ProcedureFactory(name=f"Đăng ký thử {n:02d}")

    first = client.get(LIST_URL, {"q": "dang ky"})
    second = client.get(LIST_URL, {"q": "dang ky", "page": 2})

    assert len(names_on(first)) == 20
    assert "Tìm thấy 25 thủ tục" in first.text
    assert 'href="?q=dang+ky&amp;page=2"' in first.text
    assert len(names_on(second)) == 5
    assert len(names_on(client.get(LIST_URL, {"page": "999"}))) == 5  # last page, not a 404


@pytest.mark.parametrize("how_many", [5, 40])
def test_list_query_count_does_not_grow_with_page_size(
    client, django_assert_max_num_queries, how_many
):
    for n in range(how_many):
        ProcedureFactory(field=FieldFactory(name=f"Lĩnh vực {n}"))

    # The catalog's names (agencies, procedures) + field chips + count + page; nothing per
    # procedure or per field.
    with django_assert_max_num_queries(5):
        response = client.get(LIST_URL)

    assert len(names_on(response)) == min(how_many, 20)


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_the_procedure(client, catalog):
    procedure = catalog["birth"]
    procedure.result_form = "Giấy khai sinh (bản chính)"
    procedure.legal_basis = "Luật Hộ tịch số 60/2014/QH13\nNghị định 123/2015/NĐ-CP"
    procedure.save()

    response = client.get(detail_url(procedure))
    text = response.text

    assert response.status_code == 200
    assert "<h1>Đăng ký khai sinh</h1>" in text
    assert "1.001193" in text
    assert "Hộ tịch" in text
    assert "Toàn trình (mức độ 4)" in text
    assert "3 ngày làm việc" in text
    assert "Giấy khai sinh (bản chính)" in text
    assert "Luật Hộ tịch số 60/2014/QH13<br>Nghị định 123/2015/NĐ-CP" in text
    assert "<title>Đăng ký khai sinh ·" in text


def test_detail_hides_missing_national_code(client, catalog):
    assert "Mã thủ tục" not in client.get(detail_url(catalog["death"])).text


@pytest.mark.parametrize(
    ("fee_vnd", "fee_exempt", "fee_note", "expected"),
    [
        (8000, True, "", "Miễn lệ phí"),
        (0, False, "", "Không thu phí"),
        (8000, False, "Miễn cho người có công", "8.000 đồng"),
        (1250000, False, "", "1.250.000 đồng"),
    ],
)
def test_detail_fee(client, fee_vnd, fee_exempt, fee_note, expected):
    procedure = ProcedureFactory(fee_vnd=fee_vnd, fee_exempt=fee_exempt, fee_note=fee_note)

    text = client.get(detail_url(procedure)).text

    assert expected in text
    assert fee_note in text


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (3, TimeUnit.WORKING_DAYS, "3 ngày làm việc"),
        (4, TimeUnit.WORKING_HOURS, "4 giờ làm việc"),
        (1, TimeUnit.SAME_DAY, "Trong ngày"),
    ],
)
def test_detail_processing_time(client, amount, unit, expected):
    procedure = ProcedureFactory(processing_amount=amount, processing_unit=unit)

    assert expected in client.get(detail_url(procedure)).text


def test_detail_lists_required_documents(client, catalog):
    procedure = catalog["birth"]
    RequiredDocumentFactory(
        procedure=procedure, name="Tờ khai đăng ký khai sinh", order=1, quantity="01 bản chính"
    )
    RequiredDocumentFactory(
        procedure=procedure,
        name="Giấy chứng sinh",
        order=2,
        is_mandatory=False,
        accepted_kinds=[FileKind.PDF, FileKind.HEIC],
    )

    text = client.get(detail_url(procedure)).text

    assert text.index("Tờ khai đăng ký khai sinh") < text.index("Giấy chứng sinh")
    assert "01 bản chính" in text
    assert "Bắt buộc" in text
    assert "Không bắt buộc" in text
    assert "PDF, HEIC/HEIF (ảnh điện thoại)" in text
    assert "PDF, JPEG, PNG, HEIC/HEIF (ảnh điện thoại)" in text
    assert "Tải mẫu đơn, tờ khai" not in text


def test_detail_query_count_does_not_grow_with_documents(client, django_assert_max_num_queries):
    procedure = ProcedureFactory()
    RequiredDocumentFactory.create_batch(12, procedure=procedure)

    # The catalog's names (agencies, procedures) + procedure with field + its documents
    with django_assert_max_num_queries(4):
        client.get(detail_url(procedure))


def test_submit_button_sends_to_sign_in_and_back(client, catalog):
    procedure = catalog["birth"]
    try:
        expected = reverse("dossiers:submit", args=[procedure.pk])
    except NoReverseMatch:
        expected = f"{reverse('accounts:login')}?next=%2Fthu-tuc%2F{procedure.pk}%2F"

    text = client.get(detail_url(procedure)).text

    assert f'href="{expected}">Nộp hồ sơ trực tuyến</a>' in text


def test_inactive_or_unknown_procedure_is_404(client, catalog):
    assert client.get(detail_url(catalog["old"])).status_code == 404
    assert client.get(reverse("procedures:detail", args=[99999])).status_code == 404


# --- blank form ------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def with_blank_form(**kwargs):
    document = RequiredDocumentFactory(name="Tờ khai đăng ký khai sinh", **kwargs)
    document.blank_form.save(
        "to-khai-khai-sinh.pdf", SimpleUploadedFile("x.pdf", b"%PDF-1.4 mau"), save=True
    )
    return document


def test_blank_form_downloads_as_attachment(client, media):
    document = with_blank_form()
    url = reverse("procedures:blank_form", args=[document.pk])

    assert url in client.get(detail_url(document.procedure)).text
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau"
    assert response["Content-Disposition"] == 'attachment; filename="to-khai-khai-sinh.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_blank_form_404_without_a_form(client, media):
    document = RequiredDocumentFactory()

    assert client.get(reverse("procedures:blank_form", args=[document.pk])).status_code == 404


def test_blank_form_404_for_inactive_procedure(client, media):
    document = with_blank_form(procedure=ProcedureFactory(is_active=False))

    assert client.get(reverse("procedures:blank_form", args=[document.pk])).status_code == 404


def test_blank_form_404_when_file_is_gone(client, media):
    document = with_blank_form()
    (media / document.blank_form.name).unlink()

    assert client.get(reverse("procedures:blank_form", args=[document.pk])).status_code == 404
