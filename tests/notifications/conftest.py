"""Fixtures for the outbox tests: the SMS test outbox, an eager Celery, people."""

import pytest

from notifications.sms import LocmemBackend
from tests.factories import AgencyFactory, ProcedureFactory, UserFactory


@pytest.fixture(autouse=True)
def sms_outbox():
    """The messages the test SMS backend took, emptied around each test."""
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


@pytest.fixture
def queued(monkeypatch):
    """The ids handed to `send_notifications.delay` (in batches), instead of a broker."""
    from notifications import tasks

    ids: list[int] = []
    monkeypatch.setattr(tasks.send_notifications, "delay", ids.extend)
    return ids


@pytest.fixture
def agency(db):
    return AgencyFactory(
        identifier="000.00.12.H33",
        name="UBND phường Thạnh Xuân",
        address="Số 1 Hà Huy Giáp, phường Thạnh Xuân",
        phone="028 3716 0000",
    )


@pytest.fixture
def officer(agency):
    return UserFactory(officer=True, agency=agency, full_name="Trần Thị Bình", email="binh@ubnd.vn")


@pytest.fixture
def citizen(db):
    return UserFactory(
        citizen=True, full_name="Nguyễn Văn An", phone="0912345678", citizen_id="001099012345"
    )


@pytest.fixture
def procedure(db):
    return ProcedureFactory(with_documents=True, name="Đăng ký khai sinh", processing_amount=3)
