"""Problem 1, phone takeover: whoever registered a phone first received every dossier an
officer (or a helper) later made for the real owner of that phone. Dossiers now reach only a
proven owner; problem 7: staff never open drafts."""

import datetime

import pytest

from django.test import Client
from django.urls import reverse

from accounts.models import User
from dossiers import services
from dossiers.applicants import ApplicantDetails
from dossiers.models import Dossier
from notifications.models import Channel, Notification
from tests.factories import DossierFactory, UserFactory, pdf_upload
from tests.phones import code_sent_to, messages_to

from .helpers import at

pytestmark = pytest.mark.django_db

VICTIM = "0955555555"


def _desk(client: Client, procedure, document, **details) -> Dossier:
    data = {
        "procedure": procedure.pk,
        "channel": "direct",
        "full_name": "Nguyễn Thị Chủ",
        "phone": VICTIM,
        "citizen_id": "079190000123",
        "address": "Ấp 1, phường Thạnh Xuân",
        "request_details": "",
        f"document_{document.pk}": pdf_upload("giay-khai-sinh.pdf"),
        **details,
    }
    response = client.post(reverse("dossiers:desk_create"), data)
    assert response.status_code == 302
    return Dossier.objects.filter(applicant_phone=VICTIM).latest("pk")


def _leaks(client: Client, dossier: Dossier) -> list[str]:
    """The dossier's pages this client can open (200), and its list showing the owner."""
    urls = [
        reverse("dossiers:my_dossier", args=[dossier.pk]),
        reverse("dossiers:attachment", args=[dossier.attachments.get().pk]),
        reverse("dossiers:slip", args=[dossier.pk, "receipt"]),
    ]
    opened = [url for url in urls if client.get(url).status_code == 200]
    listing = client.get(reverse("dossiers:my_dossiers"))
    if listing.status_code == 200 and dossier.code in listing.content.decode():
        opened.append("list")
    return opened


def _owner_proves_the_phone(page: str) -> Client:
    """The real owner asks for a code ("Kích hoạt tài khoản" or "Quên mật khẩu"), types the
    one their phone received and chooses a password: signed in."""
    owner = Client()
    owner.post(reverse(page), {"identifier": VICTIM})
    owner.post(reverse("accounts:enter_code"), {"code": code_sent_to(VICTIM)})
    owner.post(
        reverse("accounts:set_password"),
        {"new_password1": "Chu-That-Su-2026", "new_password2": "Chu-That-Su-2026"},
    )
    return owner


def test_phone_takeover_end_to_end(time_machine, officer, procedure, mandatory_document):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    attacker = Client()
    attacker.post(
        reverse("accounts:signup"),
        {
            "full_name": "Kẻ Gian",
            "phone": VICTIM,
            "citizen_id": "",
            "email": "kegian@example.vn",
            "password1": "Ke-Gian-Mat-Khau-9",
            "password2": "Ke-Gian-Mat-Khau-9",
        },
    )
    for guess in ("000000", "111111", "222222", "333333", "444444"):
        attacker.post(reverse("accounts:enter_code"), {"code": guess})
    attacker.post(reverse("accounts:login"), {"username": VICTIM, "password": "Ke-Gian-Mat-Khau-9"})

    desk = Client()
    desk.force_login(officer)
    dossier = _desk(desk, procedure, mandatory_document)

    assert _leaks(attacker, dossier) == []
    assert "_auth_user_id" not in attacker.session

    time_machine.shift(datetime.timedelta(minutes=1))  # one code a minute per phone
    owner = _owner_proves_the_phone("accounts:claim")
    assert len(_leaks(owner, dossier)) == 4
    page = owner.get(reverse("dossiers:my_dossier", args=[dossier.pk])).content.decode()
    assert dossier.code in page


def test_an_old_unproven_account_holding_the_phone_sees_nothing_until_the_owner_claims_it(
    officer, procedure, mandatory_document
):
    squatter = UserFactory(
        citizen=True, unverified=True, phone=VICTIM, full_name="Kẻ Gian", email="kg@example.vn"
    )
    own = DossierFactory(submitted=True, applicant=squatter, procedure=procedure)
    attacker = Client()
    attacker.force_login(squatter)
    desk = Client()
    desk.force_login(officer)

    dossier = _desk(desk, procedure, mandatory_document)

    assert dossier.applicant == squatter  # the phone's record, until its owner proves it
    assert _leaks(attacker, dossier) == []
    own_page = attacker.get(reverse("dossiers:my_dossier", args=[own.pk]))
    assert own_page.status_code == 200  # what it made itself stays its own
    rows = Notification.objects.filter(recipient=squatter, source__startswith="dossier_event")
    assert {row.channel for row in rows.exclude(pk__in=_own_rows(own))} == {Channel.SMS}
    assert any(dossier.code in text for text in messages_to(VICTIM))

    owner = _owner_proves_the_phone("accounts:forgot")
    assert len(_leaks(owner, dossier)) == 4
    squatter.refresh_from_db()
    assert squatter.email == "" and squatter.phone_verified  # the record is the owner's now
    assert attacker.get(reverse("dossiers:my_dossiers")).status_code == 302  # signed out


def _own_rows(dossier: Dossier) -> list[int]:
    sources = [f"dossier_event:{pk}" for pk in dossier.events.values_list("pk", flat=True)]
    return list(Notification.objects.filter(source__in=sources).values_list("pk", flat=True))


def test_a_cccd_typed_into_someone_elses_account_does_not_draw_the_dossier(
    officer, procedure, mandatory_document
):
    thief = UserFactory(citizen=True, phone="0966000111", citizen_id="079190000123")
    desk = Client()
    desk.force_login(officer)

    dossier = _desk(desk, procedure, mandatory_document)

    assert dossier.applicant.phone == VICTIM and dossier.applicant != thief
    assert dossier.applicant_citizen_id == "079190000123"  # as the officer read it
    assert not dossier.applicant.has_usable_password()  # unclaimed: the owner claims it
    client = Client()
    client.force_login(thief)
    assert _leaks(client, dossier) == []


def test_an_unclaimed_record_takes_the_officers_details_a_verified_account_keeps_its_own(
    officer, procedure
):
    verified = UserFactory(citizen=True, phone=VICTIM, full_name="Nguyễn Thị Chủ")
    details = ApplicantDetails(full_name="Tên Khác", phone=VICTIM, address="Nơi khác")
    dossier = services.create_at_desk(officer=officer, procedure=procedure, details=details)
    assert dossier.applicant == verified
    assert User.objects.get(pk=verified.pk).full_name == "Nguyễn Thị Chủ"


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_staff_never_open_a_draft_or_its_files(client, agency, procedure, citizen, officer, who):
    """Problem 7: officers and leaders opened citizens' unsubmitted drafts and their files."""
    staff = officer if who == "officer" else UserFactory(leader=True, agency=agency)
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    submitted = DossierFactory(submitted=True, agency=agency, procedure=procedure)
    client.force_login(staff)

    for url in (
        reverse("dossiers:officer_detail", args=[draft.pk]),
        reverse("dossiers:attachment", args=[draft.attachments.first().pk]),
        reverse("dossiers:officer_action", args=[draft.pk, "accept"]),
    ):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url).status_code == 404, url
    for filters in ({}, {"state": "draft"}):
        shown = client.get(reverse("dossiers:queue"), filters).context["page"].object_list
        assert draft.pk not in [item.pk for item in shown]
    assert client.get(reverse("dossiers:officer_detail", args=[submitted.pk])).status_code == 200


def test_an_unproven_account_cannot_rate_a_dossier_made_for_its_phone(client, officer, procedure):
    squatter = UserFactory(citizen=True, unverified=True, phone=VICTIM)
    details = ApplicantDetails(full_name="Nguyễn Thị Chủ", phone=VICTIM)
    dossier = services.create_at_desk(officer=officer, procedure=procedure, details=details)
    services.record_result(dossier.pk, officer=officer, note="Nhận tại quầy.")
    services.return_result(dossier.pk, officer=officer)
    rating = reverse("satisfaction:rate_account", args=[dossier.pk])
    client.force_login(squatter)
    assert client.get(rating).status_code == 404
    squatter.phone_verified_at = squatter.date_joined
    squatter.save()
    assert client.get(rating).status_code == 200
