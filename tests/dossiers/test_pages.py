"""The officer's and the citizen's pages over HTTP: who sees what, and what each click does."""

import datetime
import re
from pathlib import Path

import pytest

from django.urls import reverse

from accounts.models import User
from dossiers import services
from dossiers.models import DailySequence, Dossier
from tests.factories import AgencyFactory, DossierFactory, UserFactory, pdf_upload, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(agency, procedure, citizen, officer):
    return DossierFactory(
        returned=True, agency=agency, procedure=procedure, applicant=citizen, officer=officer
    )


def _citizen_urls(dossier: Dossier) -> list[str]:
    attachment = dossier.attachments.first()
    return [
        reverse("dossiers:my_dossier", args=[dossier.pk]),
        reverse("dossiers:edit_details", args=[dossier.pk]),
        reverse("dossiers:documents", args=[dossier.pk]),
        reverse("dossiers:review", args=[dossier.pk]),
        reverse("dossiers:submitted", args=[dossier.pk]),
        reverse("dossiers:supplement", args=[dossier.pk]),
        reverse("dossiers:withdraw", args=[dossier.pk]),
        reverse("dossiers:remove_file", args=[dossier.pk, attachment.pk]),
        reverse("dossiers:attachment", args=[attachment.pk]),
        reverse("dossiers:result_file", args=[dossier.pk]),
        reverse("dossiers:slip", args=[dossier.pk, "receipt"]),
        reverse("dossiers:officer_detail", args=[dossier.pk]),
        reverse("dossiers:officer_action", args=[dossier.pk, "accept"]),
    ]


@pytest.mark.parametrize("state", ["draft", "missing_documents", "returned"])
def test_another_citizen_gets_404_on_every_url_of_a_dossier(client, agency, procedure, state):
    dossier = DossierFactory(agency=agency, procedure=procedure, target=state)
    intruder = UserFactory(citizen=True)
    client.force_login(intruder)
    for url in _citizen_urls(dossier):
        if not url.endswith("/bo/"):  # POST-only: a GET is 405 whatever the dossier
            assert client.get(url).status_code == 404, url
        assert client.post(url, {"confirm": "on", "version": dossier.version}).status_code == 404, (
            url
        )
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_an_officer_of_another_agency_gets_404(client, agency, other_agency, procedure):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure)
    stranger = UserFactory(officer=True, agency=other_agency)
    client.force_login(stranger)
    for url in _citizen_urls(dossier):
        assert client.post(url, {"version": dossier.version}).status_code == 404, url
    response = client.post(
        reverse("dossiers:officer_action", args=[dossier.pk, "accept"]),
        {"version": dossier.version},
    )
    assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_the_applicant_sees_the_result_and_downloads_it(client, returned, citizen):
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossier", args=[returned.pk])).content.decode()
    assert "Đã trả kết quả" in page
    attachment = returned.attachments.first()
    response = client.get(reverse("dossiers:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


def test_a_leader_of_the_province_reads_a_commune_dossier_but_cannot_act(client, procedure):
    province = AgencyFactory(level="province", name="UBND thành phố Cần Thơ")
    commune = AgencyFactory(parent=province)
    dossier = DossierFactory(submitted=True, agency=commune, procedure=procedure)
    leader = UserFactory(leader=True, agency=province)
    client.force_login(leader)
    page = client.get(reverse("dossiers:officer_detail", args=[dossier.pk]))
    assert page.status_code == 200
    assert "chỉ đọc" in page.content.decode()
    assert "action-accept" not in page.content.decode()
    response = client.post(
        reverse("dossiers:officer_action", args=[dossier.pk, "accept"]),
        {"version": dossier.version},
    )
    assert response.status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"
    sibling_leader = UserFactory(leader=True, agency=AgencyFactory(parent=province))
    client.force_login(sibling_leader)
    assert client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).status_code == 404


def test_officer_accepts_with_one_click_and_a_stale_page_is_refused(
    client, agency, procedure, officer
):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    url = reverse("dossiers:officer_action", args=[dossier.pk, "accept"])
    response = client.post(url, {"version": dossier.version}, follow=True)
    assert "Đã tiếp nhận hồ sơ" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"
    # A second officer posting from the page they loaded before.
    other = UserFactory(officer=True, agency=agency)
    client.force_login(other)
    reject_url = reverse("dossiers:officer_action", args=[dossier.pk, "reject"])
    response = client.post(
        reject_url, {"version": dossier.version, "reasons": "Thiếu"}, follow=True
    )
    assert (
        "Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại trang."
        in response.content.decode()
    )
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.state == "processing"
    assert stored.events.filter(kind="rejected").count() == 0


def test_a_crafted_post_for_an_action_not_offered_is_refused(client, agency, procedure, officer):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    page = client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).content.decode()
    assert "action-return_result" not in page
    assert "action-accept" in page
    url = reverse("dossiers:officer_action", args=[dossier.pk, "return_result"])
    response = client.post(url, {"version": dossier.version}, follow=True)
    assert "Không thể thực hiện thao tác này" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_request_documents_form_errors_are_shown_and_change_nothing(
    client, agency, procedure, officer
):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    url = reverse("dossiers:officer_action", args=[dossier.pk, "request_documents"])
    response = client.post(url, {"version": dossier.version, "note": "", "deadline": "2020-01-01"})
    assert response.status_code == 400
    assert "Vui lòng chọn ít nhất một giấy tờ còn thiếu." in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_queue_puts_overdue_first_and_its_queries_do_not_grow(
    client, agency, procedure, officer, django_assert_max_num_queries, time_machine
):
    time_machine.move_to("2026-03-02 09:00 +07:00")
    early = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    time_machine.move_to("2026-03-09 09:00 +07:00")
    for _ in range(3):
        DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    client.force_login(officer)
    url = reverse("dossiers:queue")
    with django_assert_max_num_queries(14) as few:  # caches filled here; a session write a minute
        page = client.get(url)
    html = page.content.decode()
    assert html.index(early.code) < min(
        html.index(d.code) for d in Dossier.objects.exclude(pk=early.pk)
    )
    assert "Quá hạn" in html
    for _ in range(8):
        DossierFactory(submitted=True, agency=agency, procedure=procedure, officer=officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_queue_search_by_name_without_diacritics_and_by_phone(client, agency, procedure, officer):
    applicant = UserFactory(citizen=True, full_name="Lê Thị Hồng", phone="0933111222")
    dossier = DossierFactory(
        submitted=True, agency=agency, procedure=procedure, applicant=applicant
    )
    DossierFactory(submitted=True, agency=agency, procedure=procedure)
    client.force_login(officer)
    for q in ("le thi hong", "LÊ THỊ", "111222", dossier.code[-6:]):
        html = client.get(reverse("dossiers:queue"), {"q": q}).content.decode()
        assert dossier.code in html, q
        assert "1 hồ sơ" in html, q


def test_desk_intake_creates_a_processing_dossier_with_a_code(client, agency, procedure, officer):
    client.force_login(officer)
    url = reverse("dossiers:desk_create")
    assert procedure.name in client.get(url, {"procedure": procedure.pk}).content.decode()
    document = procedure.required_documents.first()
    response = client.post(
        f"{url}?procedure={procedure.pk}",
        {
            "procedure": procedure.pk,
            "channel": "direct",
            "full_name": "Phạm Văn Tư",
            "phone": "0977 000 111",
            "citizen_id": "",
            "address": "Ấp 3, xã Thạnh Xuân",
            "request_details": "",
            f"document_{document.pk}": pdf_upload(),
        },
    )
    dossier = Dossier.objects.get(applicant_phone="0977000111")
    assert response.status_code == 302
    assert dossier.state == "processing"
    assert dossier.code.startswith(f"{agency.identifier}-")
    assert dossier.due_at is not None
    assert dossier.applicant.has_usable_password() is False


def test_desk_intake_refused_for_a_bad_file_leaves_nothing_behind(
    client, media_root, agency, procedure, officer
):
    """One transaction: no new passwordless account, no dossier, no file, no code used up."""
    client.force_login(officer)
    users_before = User.objects.count()
    document = procedure.required_documents.first()
    response = client.post(
        reverse("dossiers:desk_create"),
        {
            "procedure": procedure.pk,
            "channel": "direct",
            "full_name": "Phạm Văn Tư",
            "phone": "0977 000 222",
            "address": "Ấp 3, xã Thạnh Xuân",
            f"document_{document.pk}": [pdf_upload(), upload("text", "giay-to.pdf")],
        },
    )
    assert response.status_code == 200
    assert "không phải là" in response.content.decode()
    assert User.objects.count() == users_before
    assert not User.objects.filter(phone="0977000222").exists()
    assert not Dossier.objects.exists()
    assert [p for p in Path(media_root).rglob("*") if p.is_file()] == []
    assert not DailySequence.objects.exists()


def test_public_lookup_never_tells_whether_a_code_exists(client, agency, procedure):
    applicant = UserFactory(citizen=True, phone="0912345678")
    dossier = DossierFactory(
        processing=True, agency=agency, procedure=procedure, applicant=applicant
    )
    url = reverse("dossiers:lookup")
    found = client.get(url, {"ma": dossier.code.lower(), "so": "5678"}).content.decode()
    assert dossier.get_state_display() in found
    assert applicant.full_name not in found
    wrong_phone = client.get(url, {"ma": dossier.code, "so": "0000"}).content.decode()
    no_code = client.get(url, {"ma": "000.00.99.H33-000000-0001", "so": "5678"}).content.decode()
    assert "Không tìm thấy hồ sơ" in wrong_phone
    assert "Không tìm thấy hồ sơ" in no_code


def test_public_lookup_is_rate_limited_per_client(client, settings):
    settings.LOOKUP_RATE_LIMIT = 3
    url = reverse("dossiers:lookup")
    codes = [client.get(url, {"ma": "X", "so": "1234"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get(url, {"ma": "X", "so": "1234"})
    assert "quá nhiều lần" in limited.content.decode()
    other = client.get(url, {"ma": "X", "so": "1234"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_submission_step_keeps_typed_values_when_invalid(client, procedure, citizen, agency):
    client.force_login(citizen)
    url = reverse("dossiers:submit", args=[procedure.pk])
    response = client.post(
        url,
        {"agency": "", "full_name": "Nguyễn Văn Ấn", "phone": "123", "request_details": "Xin cấp"},
    )
    html = response.content.decode()
    assert "Nguyễn Văn Ấn" in html and "Xin cấp" in html
    assert "Vui lòng chọn xã, phường nơi nộp hồ sơ." in html
    assert "Số điện thoại gồm 10 chữ số" in html
    assert not Dossier.objects.exists()


def test_withdraw_needs_confirmation(client, agency, procedure, citizen):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert "Vui lòng đánh dấu ô xác nhận" in client.post(url, {}).content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"
    client.post(url, {"confirm": "on"})
    assert Dossier.objects.get(pk=dossier.pk).state == "withdrawn"


@pytest.fixture
def admin_client(client):
    """pytest-django's admin fixture expects a username; ours sign in with a phone."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True, full_name="Quản Trị"))
    return client


def test_admin_shows_the_timeline_and_cannot_change_a_dossier(admin_client, agency, procedure):
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure)
    url = reverse("admin:dossiers_dossier_change", args=[dossier.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "quá trình xử lý (nhật ký)" in html.lower()
    assert "accepted" in html
    admin_client.post(url, {"applicant_name": "Đổi tên"})
    assert Dossier.objects.get(pk=dossier.pk).applicant_name == dossier.applicant_name
    assert admin_client.get(reverse("admin:dossiers_dossier_add")).status_code == 403


def test_the_timeline_prints_notes_as_text_newest_first(client, agency, procedure, officer):
    """The timeline prints itself (dossiers.timeline.Timeline.html): every value escaped."""
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, officer=officer)
    services.request_documents(
        dossier.pk,
        officer=officer,
        missing=list(procedure.required_documents.all()[:1]),
        note='Thiếu <b>bản sao</b> & "chữ ký"',
        deadline=datetime.date.today() + datetime.timedelta(days=7),
    )
    client.force_login(officer)
    html = client.get(reverse("dossiers:officer_detail", args=[dossier.pk])).content.decode()
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    assert "<p>Thiếu &lt;b&gt;bản sao&lt;/b&gt; &amp; &quot;chữ ký&quot;</p>" in timeline
    kinds = re.findall(r'<li class="timeline-(\w+)">', timeline)
    assert kinds[0] == "documents_requested" and len(kinds) >= 2
    assert re.search(r'<time datetime="[\d\-T:+.]+">\d\d:\d\d, \d\d/\d\d/\d{4}</time>', timeline)
