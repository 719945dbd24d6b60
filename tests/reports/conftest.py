"""A province with two communes, two fields and three procedures; reports store files in tmp."""

import pytest
import time_machine

from agencies.models import Agency
from procedures.models import OnlineLevel
from tests.factories import AgencyFactory, FieldFactory, ProcedureFactory, UserFactory

from .scenario import NOW, build_october


@pytest.fixture(autouse=True)
def _private_media(media_root):
    """No report test writes into the shared test media folder."""
    return media_root


@pytest.fixture
def province(db):
    return AgencyFactory(
        identifier="000.00.00.H33", name="UBND thành phố Cần Thơ", level=Agency.Level.PROVINCE
    )


@pytest.fixture
def commune(province):
    return AgencyFactory(identifier="000.00.12.H33", name="UBND xã Thạnh Xuân", parent=province)


@pytest.fixture
def sibling(province):
    return AgencyFactory(identifier="000.00.13.H33", name="UBND xã Tân Hòa", parent=province)


@pytest.fixture
def civil_status(db):
    return FieldFactory(name="Hộ tịch", order=1)


@pytest.fixture
def certification(db):
    return FieldFactory(name="Chứng thực", order=2)


@pytest.fixture
def birth(civil_status):
    """Level 4 (toàn trình), 3 working days."""
    return ProcedureFactory(
        name="Đăng ký khai sinh", field=civil_status, online_level=OnlineLevel.FULL
    )


@pytest.fixture
def marriage(civil_status):
    """Level 3 (một phần)."""
    return ProcedureFactory(
        name="Đăng ký kết hôn", field=civil_status, online_level=OnlineLevel.PARTIAL
    )


@pytest.fixture
def copy_cert(certification):
    """Level 3 (một phần), within the day."""
    return ProcedureFactory(
        name="Chứng thực bản sao từ bản chính",
        field=certification,
        online_level=OnlineLevel.PARTIAL,
        processing_unit="same_day",
        processing_amount=1,
    )


@pytest.fixture
def citizen(db):
    return UserFactory(citizen=True, full_name="Nguyễn Văn An")


@pytest.fixture
def officer(commune):
    return UserFactory(officer=True, agency=commune, full_name="Trần Thị Bình")


@pytest.fixture
def leader(commune):
    return UserFactory(
        leader=True, agency=commune, full_name="Lê Văn Cường", email="cuong@thanhxuan.gov.vn"
    )


@pytest.fixture
def province_leader(province):
    return UserFactory(
        leader=True, agency=province, full_name="Phạm Thị Dung", email="dung@cantho.gov.vn"
    )


@pytest.fixture
def after_october():
    """The moment of the scenario's report: 29 November 2026, October over, not frozen."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def october(commune, sibling, birth, marriage, copy_cert, citizen, officer):
    """The hand-built October of scenario.py in the commune (and a little in its sibling)."""
    return build_october(
        agency=commune,
        procedures={"birth": birth, "marriage": marriage, "copy_cert": copy_cert},
        applicant=citizen,
        officer=officer,
        other_agency=sibling,
    )
