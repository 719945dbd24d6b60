"""Every event that notifies sends its message on each channel the citizen chose, with the
right text: the events walked through the services as a citizen and an officer would.

The clock is fixed on Tuesday 3 March 2026, 09:00 in Vietnam (no holiday that week): a
procedure of 3 working days accepted then is due Friday 6 March, 09:00.
"""

import datetime

import pytest

from django.core import mail

from dossiers import services
from dossiers.models import DossierEvent
from dossiers.notify import notify_event
from notifications.models import Channel, Notification, Status
from notifications.sms import LocmemBackend
from notifications.text import SEGMENT
from satisfaction.links import dossier_id_from_token
from tests.dossiers.helpers import at
from tests.factories import DossierFactory, UserFactory

Kind = DossierEvent.Kind
SITE = "https://motcua.example.vn"


@pytest.fixture(autouse=True)
def _world(settings, time_machine, media_root):
    settings.SITE_URL = SITE
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)


@pytest.fixture
def all_channels(citizen):
    citizen.notify_email = True
    citizen.email = "an.nguyen@example.vn"
    citizen.save()
    return citizen


def sent_for(dossier, kind, recipient=None):
    """{channel: Notification} written for the dossier's last event of `kind`."""
    event = dossier.events.filter(kind=kind).latest("pk")
    rows = Notification.objects.filter(
        source=f"dossier_event:{event.pk}", recipient=recipient or dossier.applicant
    )
    return {row.channel: row for row in rows}


def make(citizen, procedure, agency, officer, **traits):
    return DossierFactory(
        applicant=citizen, procedure=procedure, agency=agency, officer=officer, **traits
    )


def test_submission_received(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, submitted=True)
    rows = sent_for(dossier, Kind.SUBMITTED)
    assert set(rows) == {Channel.SMS, Channel.EMAIL, Channel.IN_APP}
    code = dossier.code
    assert rows[Channel.SMS].body == (
        f"Ho so {code} da duoc nop, dang cho can bo tiep nhan. Tra cuu: {SITE}/tra-cuu/"
    )
    assert rows[Channel.SMS].address == "0912345678"
    email = rows[Channel.EMAIL]
    assert email.subject == f"Đã nhận hồ sơ {code}"
    assert "Đăng ký khai sinh" in email.body
    assert "lúc 09:00 03/03/2026" in email.body
    assert f'<a href="{SITE}/ho-so/{dossier.pk}/">' in email.html_body
    assert rows[Channel.IN_APP].body.startswith(f"Hồ sơ {code} đã được nộp")
    assert rows[Channel.IN_APP].link == f"/ho-so/{dossier.pk}/"


def test_accepted_with_code_and_due_date(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, processing=True)
    rows = sent_for(dossier, Kind.ACCEPTED)
    code = dossier.code
    assert rows[Channel.SMS].body == (
        f"Ho so {code} da duoc tiep nhan. Hen tra ket qua: 09:00 06/03/2026."
    )
    assert rows[Channel.EMAIL].subject == f"Hồ sơ {code} đã được tiếp nhận, hẹn trả 06/03/2026"
    assert "Hẹn trả kết quả: 09:00 ngày 06/03/2026" in rows[Channel.EMAIL].body
    assert "UBND phường Thạnh Xuân đã tiếp nhận hồ sơ" in rows[Channel.EMAIL].body
    assert rows[Channel.IN_APP].body == (
        f"Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: 09:00 06/03/2026."
    )


def test_received_at_the_desk_says_the_same(citizen, procedure, agency, officer):
    dossier = make(citizen, procedure, agency, officer, processing=True, at_desk=True)
    rows = sent_for(dossier, Kind.RECEIVED_AT_DESK)
    assert set(rows) == {Channel.SMS, Channel.IN_APP}  # the defaults: SMS and in-app
    assert rows[Channel.SMS].body == (
        f"Ho so {dossier.code} da duoc tiep nhan. Hen tra ket qua: 09:00 06/03/2026."
    )


def test_documents_missing_with_the_list_and_the_deadline(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, submitted=True)
    services.request_documents(
        dossier.pk,
        officer=officer,
        missing=list(procedure.required_documents.all()),
        other_missing="Sổ hộ khẩu",
        note="Bản chụp rõ nét, đủ bốn góc.",
        deadline=datetime.date(2026, 3, 10),
    )
    rows = sent_for(dossier, Kind.DOCUMENTS_REQUESTED)
    code = dossier.code
    sms = rows[Channel.SMS].body
    assert sms.startswith(f"Ho so {code} can bo sung giay to truoc ngay 10/03/2026: To khai")
    assert len(sms) <= SEGMENT
    assert code in sms
    email = rows[Channel.EMAIL]
    assert email.subject == f"Hồ sơ {code} cần bổ sung giấy tờ trước 10/03/2026"
    assert "- Tờ khai đăng ký khai sinh\n- Giấy chứng sinh\n- Sổ hộ khẩu" in email.body
    assert "Hướng dẫn của cán bộ: Bản chụp rõ nét, đủ bốn góc." in email.body
    assert f"{SITE}/ho-so/{dossier.pk}/bo-sung/" in email.body
    assert "<li>Sổ hộ khẩu</li>" in email.html_body


def test_refused_with_reasons(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, rejected=True)
    rows = sent_for(dossier, Kind.REJECTED)
    assert rows[Channel.SMS].body == (
        f"Ho so {dossier.code} khong duoc tiep nhan. Ly do: Ho so khong thuoc tham quyen cua xa."
    )
    assert "Lý do: Hồ sơ không thuộc thẩm quyền của xã." in rows[Channel.EMAIL].body


def test_apology_with_the_new_date(time_machine, all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, processing=True)
    time_machine.move_to(at("2026-03-05 16:00"), tick=False)  # due within 1 working day
    services.issue_apology(
        dossier.pk,
        officer=officer,
        new_due_at=at("2026-03-11 16:00"),
        reason="Cần xác minh thêm với cơ quan khác.",
    )
    rows = sent_for(dossier, Kind.APOLOGY)
    assert rows[Channel.SMS].body == (
        f"Xin loi vi ho so {dossier.code} cham tra ket qua. Ngay hen moi: 16:00 11/03/2026."
    )
    body = rows[Channel.EMAIL].body
    assert "không có kết quả đúng hẹn (06/03/2026)" in body
    assert "Lý do: Cần xác minh thêm với cơ quan khác." in body
    assert "Ngày hẹn trả kết quả mới: 16:00 ngày 11/03/2026" in body


def test_result_ready_says_where_and_how_to_collect_it(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, result_ready=True)
    rows = sent_for(dossier, Kind.RESULT_RECORDED)
    sms = rows[Channel.SMS].body
    assert sms == (
        f"Ho so {dossier.code} da co ket qua. Moi nhan tai UBND phuong Thanh Xuan "
        "(Nhan ket qua tai quay.), mang theo giay hen."
    )
    body = rows[Channel.EMAIL].body
    assert "Nơi nhận: UBND phường Thạnh Xuân, Số 1 Hà Huy Giáp, phường Thạnh Xuân" in body
    assert "Điện thoại: 028 3716 0000" in body
    assert "Thời gian: 07:00-11:30, 13:30-17:00, các ngày làm việc." in body
    assert "mang theo giấy tiếp nhận và hẹn trả kết quả" in body


def test_an_electronic_result_is_downloaded(citizen, procedure, agency, officer):
    from tests.factories import pdf_upload

    dossier = make(citizen, procedure, agency, officer, processing=True)
    services.record_result(dossier.pk, officer=officer, result_file=pdf_upload("kq.pdf"))
    rows = sent_for(dossier, Kind.RESULT_RECORDED)
    assert rows[Channel.SMS].body == (
        f"Ho so {dossier.code} da co ket qua. Tai ket qua tai: {SITE}/ho-so/{dossier.pk}/"
    )


def test_returned_with_a_link_to_rate(all_channels, procedure, agency, officer):
    dossier = make(all_channels, procedure, agency, officer, returned=True)
    rows = sent_for(dossier, Kind.RETURNED)
    sms = rows[Channel.SMS].body
    prefix = f"Ho so {dossier.code} da tra ket qua. Moi danh gia: "
    assert sms.startswith(prefix)
    link = sms.removeprefix(prefix)
    assert link.startswith(f"{SITE}/danh-gia/")
    assert len(sms) <= SEGMENT
    assert f"Mời bạn dành một phút đánh giá mức độ hài lòng: {link}" in rows[Channel.EMAIL].body
    assert f'href="{link}"' in rows[Channel.EMAIL].html_body
    # The link opens the survey for this dossier.
    assert dossier_id_from_token(link.rstrip("/").rsplit("/", 1)[1]) == dossier.pk


def test_withdrawn_by_the_citizen_is_only_confirmed_in_the_app(citizen, procedure, agency, officer):
    dossier = make(citizen, procedure, agency, officer, withdrawn=True)
    rows = sent_for(dossier, Kind.WITHDRAWN)
    assert set(rows) == {Channel.IN_APP}
    assert rows[Channel.IN_APP].body.startswith(f"Hồ sơ {dossier.code} đã được rút theo yêu cầu")


def test_events_that_tell_nobody(citizen, procedure, agency, officer):
    dossier = make(citizen, procedure, agency, officer)  # a draft: created, files attached
    assert not Notification.objects.filter(recipient=citizen).exists()
    assert dossier.events.get().kind == Kind.CREATED


def test_english_when_the_citizen_chose_english(all_channels, procedure, agency, officer):
    all_channels.preferred_language = "en"
    all_channels.save()
    dossier = make(all_channels, procedure, agency, officer, processing=True)
    rows = sent_for(dossier, Kind.ACCEPTED)
    assert rows[Channel.SMS].body == (
        f"Application {dossier.code} was accepted. Result due: 09:00 06/03/2026."
    )
    assert rows[Channel.EMAIL].subject == (
        f"Application {dossier.code} accepted, result due 06/03/2026"
    )
    assert rows[Channel.EMAIL].language == "en"
    assert '<html lang="en">' in rows[Channel.EMAIL].html_body


def test_a_helper_submission_tells_the_applicant_and_the_helper_in_app(procedure, agency, officer):
    applicant = UserFactory(citizen=True, phone="0987000111")
    helper = UserFactory(helper=True, phone="0987000222")
    dossier = DossierFactory(
        applicant=applicant,
        submitted_by=helper,
        procedure=procedure,
        agency=agency,
        officer=officer,
        processing=True,
    )
    for_applicant = sent_for(dossier, Kind.ACCEPTED)
    for_helper = sent_for(dossier, Kind.ACCEPTED, recipient=helper)
    assert set(for_applicant) == {Channel.SMS, Channel.IN_APP}
    assert for_applicant[Channel.SMS].address == "0987000111"
    assert set(for_helper) == {Channel.IN_APP}


def test_a_helper_who_turned_the_app_list_off_gets_nothing(procedure, agency, officer):
    helper = UserFactory(helper=True, notify_in_app=False)
    dossier = DossierFactory(
        submitted_by=helper, procedure=procedure, agency=agency, officer=officer, submitted=True
    )
    assert sent_for(dossier, Kind.SUBMITTED, recipient=helper) == {}


def test_a_withdrawal_by_the_helper_reaches_the_citizen_everywhere(procedure, agency, officer):
    helper = UserFactory(helper=True)
    dossier = DossierFactory(
        submitted_by=helper, procedure=procedure, agency=agency, officer=officer, withdrawn=True
    )
    assert set(sent_for(dossier, Kind.WITHDRAWN)) == {Channel.SMS, Channel.IN_APP}


def test_no_id_number_leaves_in_any_message(all_channels, procedure, agency, officer):
    make(all_channels, procedure, agency, officer, returned=True)
    rows = Notification.objects.filter(recipient=all_channels)
    assert rows.count() == 4 * 3  # submitted, accepted, result ready, returned x 3 channels
    for row in rows:
        for text in (row.subject, row.body, row.html_body):
            assert all_channels.citizen_id not in text
    for row in rows.filter(channel=Channel.SMS):
        assert row.body.isascii()
        assert len(row.body) <= SEGMENT


def test_an_event_never_notifies_twice(citizen, procedure, agency, officer):
    dossier = make(citizen, procedure, agency, officer, processing=True)
    event = dossier.events.get(kind=Kind.ACCEPTED)
    before = Notification.objects.count()
    assert notify_event(event) == []
    assert Notification.objects.count() == before


def test_nothing_is_queued_before_commit(citizen, procedure, agency, officer, queued):
    make(citizen, procedure, agency, officer, submitted=True)
    assert Notification.objects.filter(channel=Channel.SMS, status=Status.PENDING).count() == 1
    assert queued == []  # the test's transaction never commits


def test_on_commit_queues_one_task_per_row_to_send(
    citizen, procedure, agency, officer, queued, django_capture_on_commit_callbacks
):
    dossier = make(citizen, procedure, agency, officer, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(dossier.pk, officer=officer)
    rows = sent_for(dossier, Kind.ACCEPTED)
    assert queued == [rows[Channel.SMS].pk]  # in-app needs no sending: written as sent
    assert rows[Channel.IN_APP].status == Status.SENT
    assert rows[Channel.SMS].status == Status.PENDING


def test_embedded_default_sends_after_commit_in_process(
    all_channels, procedure, agency, officer, eager, django_capture_on_commit_callbacks
):
    dossier = make(all_channels, procedure, agency, officer, submitted=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(dossier.pk, officer=officer)
    rows = sent_for(dossier, Kind.ACCEPTED)
    assert {row.status for row in rows.values()} == {Status.SENT}
    assert [sms["text"] for sms in LocmemBackend.outbox] == [rows[Channel.SMS].body]
    assert LocmemBackend.outbox[0]["key"] == f"motcua-{rows[Channel.SMS].pk}"
    (email,) = mail.outbox
    assert email.to == ["an.nguyen@example.vn"]
    assert email.subject == rows[Channel.EMAIL].subject
    assert email.alternatives[0].mimetype == "text/html"


def test_an_unreachable_broker_leaves_the_row_pending_and_the_request_unharmed(
    citizen, procedure, agency, officer, django_capture_on_commit_callbacks, caplog
):
    """Unit-test settings point Celery at a closed port: the real `.delay()` fails."""
    dossier = make(citizen, procedure, agency, officer, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.accept(dossier.pk, officer=officer)
    assert accepted.state == "processing"
    sms = sent_for(dossier, Kind.ACCEPTED)[Channel.SMS]
    assert sms.status == Status.PENDING
    assert sms.attempts == 0
    assert "notification.queue_failed" in caplog.text
