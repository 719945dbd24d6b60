"""A commune, a procedure with three documents, an officer, a citizen; files in a temp folder."""

from types import SimpleNamespace

import pytest

from agencies.models import Agency
from tests.factories import AgencyFactory, ProcedureFactory, RequiredDocumentFactory, UserFactory

from .builders import NAME


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
