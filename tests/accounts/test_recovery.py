"""Problem 5: a citizen registered at the desk could never sign in, one who forgot the password
was stuck. "Kích hoạt tài khoản" and "Quên mật khẩu" go by a code to the phone; a verified
email may receive a reset link instead."""

import re
from urllib.parse import urlsplit

import pytest

from django.core import mail
from django.urls import reverse

from accounts.services import find_or_register_citizen
from notifications.models import Channel, Notification
from notifications.tasks import send_notification
from tests.factories import PASSWORD, UserFactory
from tests.phones import code_sent_to, messages_to

pytestmark = pytest.mark.django_db

ENTER_CODE = reverse("accounts:enter_code")
SET_PASSWORD = reverse("accounts:set_password")
NEW = {"new_password1": "Tan-Thoi-Hiep-7", "new_password2": "Tan-Thoi-Hiep-7"}


def _sign_in(client, identifier, password):
    return client.post(reverse("accounts:login"), {"username": identifier, "password": password})


def _signed_in(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_a_citizen_registered_at_the_desk_claims_the_account_by_code(client):
    citizen = find_or_register_citizen(phone="0944555666", full_name="Đỗ Thị Út")
    assert not citizen.has_usable_password()

    response = client.post(reverse("accounts:claim"), {"identifier": "0944 555 666"})
    assert response.status_code == 302 and response.url == ENTER_CODE
    response = client.post(ENTER_CODE, {"code": code_sent_to("0944555666")})
    assert response.url == SET_PASSWORD
    assert "Đỗ Thị Út" in client.get(SET_PASSWORD).content.decode()
    response = client.post(SET_PASSWORD, NEW)

    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.phone_verified and citizen.check_password(NEW["new_password1"])
    assert _signed_in(client) == citizen.pk
    client.logout()
    assert _sign_in(client, "0944555666", NEW["new_password1"]).status_code == 302


def test_a_citizen_who_forgot_the_password_resets_it_by_code_given_the_cccd(client):
    citizen = UserFactory(citizen=True, phone="0912345678", citizen_id="001099012345")
    response = client.post(reverse("accounts:forgot"), {"identifier": "001099012345"}, follow=True)
    page = response.content.decode()
    assert "Nếu số CCCD này có tài khoản, chúng tôi đã gửi mã" in page
    assert "678" not in page  # where the code went is not shown for a CCCD

    client.post(ENTER_CODE, {"code": code_sent_to("0912345678")})
    client.post(SET_PASSWORD, NEW)

    citizen.refresh_from_db()
    assert citizen.check_password(NEW["new_password1"]) and not citizen.check_password(PASSWORD)
    assert _signed_in(client) == citizen.pk


@pytest.mark.parametrize("page", ["accounts:forgot", "accounts:claim"])
def test_an_unknown_phone_gets_the_same_answer_and_no_sms(client, page):
    UserFactory(citizen=True, phone="0912345678")
    answers = []
    for phone in ("0912345678", "0987654678"):
        response = client.post(reverse(page), {"identifier": phone}, follow=True)
        answers.append((response.status_code, response.redirect_chain))
        assert "*******678" in response.content.decode()
    assert answers[0] == answers[1]
    assert messages_to("0987654678") == []
    assert "Mã chưa đúng" in client.post(ENTER_CODE, {"code": "123456"}).content.decode()


def test_the_new_password_needs_a_right_code_first(client):
    response = client.get(SET_PASSWORD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:forgot")
    assert "Vui lòng yêu cầu mã mới" in response.content.decode()


def test_a_weak_new_password_is_refused_in_vietnamese(client):
    UserFactory(citizen=True, phone="0912345678")
    client.post(reverse("accounts:forgot"), {"identifier": "0912345678"})
    client.post(ENTER_CODE, {"code": code_sent_to("0912345678")})
    response = client.post(SET_PASSWORD, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    assert "Mật khẩu này hoàn toàn là số" in response.content.decode()
    assert _signed_in(client) is None


def _emails_sent() -> list:
    for pk in Notification.objects.filter(channel=Channel.EMAIL, status="pending").values_list(
        "pk", flat=True
    ):
        send_notification.run(pk)
    return mail.outbox


def test_a_reset_link_goes_only_to_a_verified_email(client):
    UserFactory(citizen=True, email="an@example.vn", email_verified_at=None)
    response = client.post(reverse("accounts:forgot"), {"email": "an@example.vn"}, follow=True)
    assert "Nếu email này đã được xác nhận" in response.content.decode()
    assert _emails_sent() == []


def test_a_verified_email_gets_a_link_that_sets_a_new_password_once(client):
    citizen = UserFactory(citizen=True, email="an@example.vn")
    citizen.email_verified_at = citizen.date_joined
    citizen.save()
    client.post(reverse("accounts:forgot"), {"email": "AN@example.vn"})
    (email,) = _emails_sent()
    link = re.search(r"https?://\S+/dat-lai-mat-khau/\S+/", email.body).group(0)
    path = urlsplit(link).path

    form_page = client.get(path, follow=True)
    assert "new_password1" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], NEW)

    citizen.refresh_from_db()
    assert citizen.check_password(NEW["new_password1"])
    assert _signed_in(client) == citizen.pk
    client.logout()
    assert "không đúng, đã dùng hoặc đã hết hạn" in client.get(path).content.decode()


def test_a_new_email_is_proven_by_the_link_sent_to_it(client):
    citizen = UserFactory(citizen=True)
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:notification_preferences"),
        {"notify_sms": "on", "email": "moi@example.vn", "preferred_language": "vi"},
        follow=True,
    )
    assert "Chúng tôi đã gửi thư để xác nhận email moi@example.vn" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.email == "moi@example.vn" and not citizen.email_verified
    (email,) = _emails_sent()
    link = re.search(r"https?://\S+/xac-minh-email/\S+/", email.body).group(0)

    client.get(urlsplit(link).path)

    citizen.refresh_from_db()
    assert citizen.email_verified


def test_an_account_made_before_verification_proves_its_phone_when_signed_in(client):
    citizen = UserFactory(citizen=True, unverified=True, phone="0912345678")
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossiers")).content.decode()
    assert "Số điện thoại của bạn chưa được xác minh" in page
    client.post(reverse("accounts:verify_phone"))
    response = client.post(ENTER_CODE, {"code": code_sent_to("0912345678")}, follow=True)
    assert "Đã xác minh số điện thoại" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.phone_verified


def test_the_per_phone_limit_is_the_same_for_a_phone_with_or_without_an_account(client, settings):
    settings.PHONE_CODE_PER_PHONE = 2
    settings.PHONE_CODE_RESEND_AFTER = 0
    UserFactory(citizen=True, phone="0912345678")
    answers = {}
    for phone in ("0912345678", "0987654321"):
        pages = [
            client.post(reverse("accounts:forgot"), {"identifier": phone}).status_code
            for _ in range(2)
        ]
        refused = client.post(reverse("accounts:forgot"), {"identifier": phone})
        answers[phone] = (pages, refused.status_code, "quá nhiều mã" in refused.content.decode())
    assert answers["0912345678"] == answers["0987654321"] == ([302, 302], 400, True)
