"""Problem 2: a digital-team helper opened /thu-tuc/<id>/nop/?cho=<any user id> and saw that
person's name, phone, CCCD, address and email (officers included), and could submit in their
name. Now a helper sees a masked card, every search is logged, and `?cho=` needs the consent
the citizen gives by the code sent to their phone, for one dossier."""

import datetime

import pytest

from django.urls import reverse

from accounts.models import User
from dossiers.consent import HelperConsent, HelperLookup
from dossiers.models import Dossier
from tests.factories import DossierFactory, UserFactory
from tests.phones import code_sent_to, give_consent, messages_to

pytestmark = pytest.mark.django_db

HOME = reverse("dossiers:helper_home")


@pytest.fixture
def helper(db):
    return UserFactory(helper=True, full_name="Phạm Thị Lan")


@pytest.fixture
def citizen(db):
    return UserFactory(
        citizen=True,
        full_name="Nguyễn Văn Bình",
        phone="0912345678",
        citizen_id="001099012345",
        address="Số 9 đường Lê Lợi",
        email="binh@example.vn",
    )


def _start(procedure, person):
    return f"{reverse('dossiers:submit', args=[procedure.pk])}?cho={person.pk}"


def test_cho_without_consent_shows_nothing_of_anyone(client, helper, citizen, officer, procedure):
    client.force_login(helper)
    for person in (officer, citizen):
        response = client.get(_start(procedure, person))
        assert response.status_code == 404
        page = response.content.decode()
        for secret in (person.full_name, person.phone, person.citizen_id):
            assert secret not in page
    posted = client.post(
        _start(procedure, citizen),
        {"cho": citizen.pk, "agency": officer.agency_id, "full_name": "X", "phone": citizen.phone},
    )
    assert posted.status_code == 404
    assert not Dossier.objects.exists()


def test_a_search_shows_a_masked_card_and_is_logged(client, helper, citizen):
    client.force_login(helper)
    page = client.get(HOME, {"identifier": "001099012345"}).content.decode()
    assert "N*** V*** Bình" in page and "*******678" in page and "*********345" in page
    card = page.split('class="card success"')[1].split("</section>")[0]
    for secret in ("Nguyễn Văn Bình", "0912345678", "001099012345", "Lê Lợi", "binh@example.vn"):
        assert secret not in card
    (lookup,) = HelperLookup.objects.all()
    assert (lookup.helper, lookup.query, lookup.found) == (helper, "001099012345", citizen)


def test_staff_are_never_found(client, helper, officer):
    client.force_login(helper)
    page = client.get(HOME, {"identifier": officer.phone}).content.decode()
    assert "Không tìm thấy công dân này" in page
    assert HelperLookup.objects.get().found is None


def test_with_the_citizens_code_the_helper_prepares_one_dossier(
    client, helper, citizen, agency, procedure
):
    client.force_login(helper)
    response = client.post(reverse("dossiers:helper_ask_consent"), {"citizen": citizen.pk})
    consent = HelperConsent.objects.get()
    assert response.url == reverse("dossiers:helper_consent", args=[consent.pk])
    (sms,) = messages_to(citizen.phone)
    assert "Pham Thi Lan" in sms and "nop mot ho so thay ban" in sms
    assert client.get(_start(procedure, citizen)).status_code == 404  # not yet confirmed

    wrong = client.post(response.url, {"code": "000000"})
    assert "Mã chưa đúng" in wrong.content.decode()
    client.post(response.url, {"code": code_sent_to(citizen.phone)})
    page = client.get(response.url).content.decode()
    assert _start(procedure, citizen) in page.replace("&amp;", "&")

    form = client.get(_start(procedure, citizen))
    assert form.status_code == 200 and "Nguyễn Văn Bình" in form.content.decode()
    created = client.post(
        _start(procedure, citizen),
        {
            "cho": citizen.pk,
            "agency": agency.pk,
            "full_name": "Nguyễn Văn Bình",
            "phone": citizen.phone,
        },
    )
    assert created.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.applicant, dossier.submitted_by) == (citizen, helper)
    assert dossier.helper_consent == consent
    assert client.get(_start(procedure, citizen)).status_code == 404  # one dossier per consent


def test_a_new_citizen_is_registered_then_asked(client, helper, agency, procedure):
    client.force_login(helper)
    response = client.post(
        reverse("dossiers:helper_register"),
        {"full_name": "Đỗ Thị Út", "phone": "0944 555 666", "citizen_id": "", "address": ""},
    )
    citizen = User.objects.get(phone="0944555666")
    assert not citizen.has_usable_password() and not citizen.phone_verified
    client.post(response.url, {"code": code_sent_to("0944555666")})
    client.post(
        _start(procedure, citizen),
        {"cho": citizen.pk, "agency": agency.pk, "full_name": "Đỗ Thị Út", "phone": "0944555666"},
    )
    dossier = Dossier.objects.get(applicant=citizen)
    assert client.get(reverse("dossiers:documents", args=[dossier.pk])).status_code == 200
    assert HelperLookup.objects.get().found == citizen


def test_a_consent_not_used_in_time_expires(client, helper, citizen, procedure, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC), tick=False)
    give_consent(helper, citizen)
    client.force_login(helper)
    assert client.get(_start(procedure, citizen)).status_code == 200
    time_machine.shift(datetime.timedelta(hours=2, seconds=1))
    assert client.get(_start(procedure, citizen)).status_code == 404


def test_searches_are_limited_per_helper(client, helper, settings):
    settings.HELPER_LOOKUP_RATE_LIMIT = 3
    client.force_login(helper)
    for n in range(3):
        client.get(HOME, {"identifier": f"09000000{n:02d}"})
    page = client.get(HOME, {"identifier": "0900000099"}).content.decode()
    assert "Bạn đã tra cứu quá nhiều lần" in page
    assert HelperLookup.objects.count() == 3


def test_the_helper_sees_only_the_dossiers_they_submitted(client, helper, agency, procedure):
    mine = DossierFactory(submitted=True, agency=agency, procedure=procedure, submitted_by=helper)
    other = DossierFactory(submitted=True, agency=agency, procedure=procedure)
    client.force_login(helper)
    assert client.get(reverse("dossiers:my_dossier", args=[mine.pk])).status_code == 200
    assert client.get(reverse("dossiers:my_dossier", args=[other.pk])).status_code == 404
    citizen = UserFactory(citizen=True)
    client.force_login(citizen)
    assert client.get(HOME).status_code == 404
