"""The starter catalog: what it loads, that a re-run changes nothing, and the holiday sync."""

import re
import unicodedata
from io import StringIO
from unittest import mock

import pytest

from django.conf import settings
from django.core.management import call_command

from agencies import seed
from agencies.models import Agency
from procedures import catalog_data
from procedures.models import Field, Holiday, Procedure, RequiredDocument, TimeUnit

pytestmark = pytest.mark.django_db

NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")
IDENTIFIER = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H\d{2}$")
VIETNAMESE_LETTERS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_catalog", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of the catalog tables, every column, in a stable order."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Agency, Field, Procedure, RequiredDocument)
    }


def has_vietnamese_letter(text: str) -> bool:
    return any(c in VIETNAMESE_LETTERS for c in text.lower())


def test_loads_a_province_and_communes_including_thanh_xuan():
    load("--skip-holidays")

    province = Agency.objects.get(level=Agency.Level.PROVINCE)
    communes = Agency.objects.filter(level=Agency.Level.COMMUNE)
    assert communes.count() >= 3
    assert any("xã thạnh xuân" in c.name.casefold() for c in communes)
    assert all(c.parent == province for c in communes)
    assert set(Agency.objects.subtree(province)) == {province, *communes}
    thanh_xuan = Agency.objects.get(identifier=seed.THANH_XUAN_IDENTIFIER)
    assert "Thạnh Xuân" in thanh_xuan.name


def test_agency_identifiers_have_the_qcvn_shape_and_are_unique():
    load("--skip-holidays")

    identifiers = list(Agency.objects.values_list("identifier", flat=True))
    assert len(identifiers) == len(set(identifiers))
    for identifier in identifiers:
        assert len(identifier) <= 13
        assert IDENTIFIER.match(identifier), identifier


def test_loads_at_least_fifteen_active_procedures_over_four_fields():
    load("--skip-holidays")

    active = Procedure.objects.active()
    assert active.count() >= 15
    assert active.values("field").distinct().count() >= 4
    field_names = set(Field.objects.values_list("name", flat=True))
    assert {"Hộ tịch", "Chứng thực", "Bảo trợ xã hội"} <= field_names
    assert field_names & {"Hoạt động xây dựng", "Đất đai", "Xây dựng"}
    assert active.filter(name="Đăng ký khai sinh").exists()


def test_every_procedure_is_complete_and_valid():
    load("--skip-holidays")

    for procedure in Procedure.objects.prefetch_related("required_documents"):
        documents = list(procedure.required_documents.all())
        assert documents, procedure.name
        assert any(d.is_mandatory for d in documents), procedure.name
        assert procedure.processing_unit in TimeUnit.values, procedure.name
        assert procedure.processing_amount >= 1, procedure.name
        assert procedure.result_form, procedure.name
        assert procedure.legal_basis, procedure.name
        if procedure.fee_exempt:
            assert procedure.fee_vnd == 0, procedure.name
        procedure.full_clean()
        for document in documents:
            assert document.quantity, document.name
            document.full_clean()
    for model in (Agency, Field):
        for row in model.objects.all():
            row.full_clean()


def test_fees_distinguish_exemption_from_a_charge():
    load("--skip-holidays")

    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    assert birth.fee_exempt and birth.fee_vnd == 0
    copy = Procedure.objects.get(name__startswith="Chứng thực bản sao từ bản chính")
    assert not copy.fee_exempt
    assert copy.fee_vnd == 2000
    assert "trang" in copy.fee_note
    assert copy.processing_unit == TimeUnit.SAME_DAY


def test_national_codes_are_blank_or_well_formed_and_unique():
    load("--skip-holidays")

    codes = [c for c in Procedure.objects.values_list("national_code", flat=True) if c]
    assert codes, "some codes were confirmed"
    assert len(codes) == len(set(codes))
    for code in codes:
        assert NATIONAL_CODE.match(code), code
    for item in catalog_data.PROCEDURES:
        assert item["national_code"] == "" or NATIONAL_CODE.match(item["national_code"])


def test_names_are_vietnamese_with_diacritics():
    load("--skip-holidays")

    names = [
        *Agency.objects.values_list("name", flat=True),
        *Field.objects.values_list("name", flat=True),
        *Procedure.objects.values_list("name", flat=True),
        *RequiredDocument.objects.values_list("name", flat=True),
    ]
    for name in names:
        assert unicodedata.is_normalized("NFC", name), name
        assert has_vietnamese_letter(name), name


def test_second_run_changes_nothing():
    first = load("--skip-holidays")
    assert "tạo mới" in first
    before = snapshot()

    second = load("--skip-holidays")

    assert snapshot() == before
    assert "không có gì thay đổi" in second
    for line in second.splitlines()[:4]:
        assert " 0 tạo mới, 0 cập nhật," in line, line


def test_a_rerun_repairs_edited_and_missing_rows_without_duplicates():
    load("--skip-holidays")
    birth = Procedure.objects.get(name="Đăng ký khai sinh")
    birth.fee_note = "sửa tay"
    birth.save()
    birth.required_documents.filter(order=1).delete()
    counts = {model: model.objects.count() for model in (Agency, Field, Procedure)}

    out = load("--skip-holidays")

    assert "Thủ tục: 0 tạo mới, 1 cập nhật" in out
    assert "Thành phần hồ sơ: 1 tạo mới, 0 cập nhật" in out
    birth.refresh_from_db()
    assert birth.fee_note.startswith("Miễn lệ phí")
    assert birth.required_documents.filter(order=1).count() == 1
    assert {model: model.objects.count() for model in counts} == counts


def test_syncs_holidays_for_the_configured_years():
    first_year, last_year = settings.HOLIDAY_YEARS
    with mock.patch("procedures.holiday_sync.sync_holidays", return_value=0) as sync:
        out = load()
    sync.assert_called_once_with(first_year, last_year)
    assert "Lịch nghỉ" in out


def test_skip_holidays_does_not_sync():
    with mock.patch("procedures.holiday_sync.sync_holidays") as sync:
        load("--skip-holidays")
    sync.assert_not_called()


def test_real_holiday_sync_is_idempotent():
    load()
    holidays_before = list(Holiday.objects.order_by("date").values())
    assert holidays_before

    out = load()

    assert list(Holiday.objects.order_by("date").values()) == holidays_before
    assert "không thay đổi" in out
