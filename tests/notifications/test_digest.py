"""The officers' morning digest: overdue and due within 2 working days, one per officer a day.

Monday 9 March 2026, 07:00: "due soon" reaches Wednesday 11 March, 07:00 (2 working days of
office time).
"""

import pytest

from dossiers import services
from dossiers.digest import send_officer_digests
from dossiers.tasks import send_officer_digests as digest_task
from notifications.models import Channel, Notification, Status
from tests.dossiers.helpers import at
from tests.factories import AgencyFactory, DossierFactory, ProcedureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency, officer, procedure, time_machine, media_root, settings):
    settings.SITE_URL = "https://motcua.example.vn"
    colleague = UserFactory(officer=True, agency=agency, email="")  # in-app only
    UserFactory(leader=True, agency=agency, email="lanhdao@ubnd.vn")  # not an officer
    long_one = ProcedureFactory(with_documents=True, name="Cấp phép xây dựng", processing_amount=10)

    def dossier(when, proc=procedure, at_agency=agency, by=officer):
        time_machine.move_to(at(when), tick=False)
        return DossierFactory(procedure=proc, agency=at_agency, officer=by, processing=True)

    overdue = dossier("2026-03-03 09:00")  # due Fri 06/03 09:00
    soon = dossier("2026-03-05 09:00")  # due Tue 10/03 09:00
    later = dossier("2026-03-05 10:00", proc=long_one)  # due 19/03
    elsewhere = AgencyFactory(name="UBND xã Tân Thới Hiệp")
    their_officer = UserFactory(officer=True, agency=elsewhere, email="hiep@ubnd.vn")
    theirs = dossier("2026-03-03 10:00", at_agency=elsewhere, by=their_officer)
    quiet = AgencyFactory(name="UBND xã Yên Tĩnh")
    UserFactory(officer=True, agency=quiet, email="yen@ubnd.vn")
    time_machine.move_to(at("2026-03-09 07:00"), tick=False)
    return {
        "colleague": colleague,
        "overdue": overdue,
        "soon": soon,
        "later": later,
        "their_officer": their_officer,
        "theirs": theirs,
    }


def test_each_officer_gets_one_digest_of_their_agency(world, officer):
    assert send_officer_digests() == 3  # two officers here, one at the other commune
    rows = Notification.objects.filter(source="officer_digest:2026-03-09")
    assert sorted((row.recipient_id, row.channel) for row in rows) == sorted(
        [
            (officer.pk, Channel.EMAIL),
            (officer.pk, Channel.IN_APP),
            (world["colleague"].pk, Channel.IN_APP),
            (world["their_officer"].pk, Channel.EMAIL),
            (world["their_officer"].pk, Channel.IN_APP),
        ]
    )
    email = rows.get(recipient=officer, channel=Channel.EMAIL)
    assert (
        email.subject == "UBND phường Thạnh Xuân: 1 hồ sơ quá hạn, 1 hồ sơ sắp đến hạn (09/03/2026)"
    )
    overdue, soon = world["overdue"], world["soon"]
    assert (
        f"QUÁ HẠN (1):\n- {overdue.code}, Đăng ký khai sinh, hẹn trả 09:00 06/03/2026: "
        f"https://motcua.example.vn/can-bo/ho-so/{overdue.pk}/"
    ) in email.body
    assert f"ĐẾN HẠN TRONG 2 NGÀY LÀM VIỆC (1):\n- {soon.code}" in email.body
    assert world["later"].code not in email.body
    assert world["theirs"].code not in email.body
    assert overdue.applicant_name not in email.body  # no applicant's personal data
    assert email.status == Status.PENDING
    assert rows.get(recipient=officer, channel=Channel.IN_APP).link == "/can-bo/ho-so/"


def test_a_second_run_the_same_day_sends_nothing(world):
    send_officer_digests()
    count = Notification.objects.count()
    assert send_officer_digests() == 0
    assert digest_task.run() == 0
    assert Notification.objects.count() == count


def test_a_finished_dossier_leaves_the_digest(world, officer):
    services.record_result(world["overdue"].pk, officer=officer, note="Nhận tại quầy.")
    services.record_result(world["soon"].pk, officer=officer, note="Nhận tại quầy.")
    send_officer_digests()
    assert not Notification.objects.filter(
        source="officer_digest:2026-03-09", recipient=officer
    ).exists()
