"""Sign-up proves the phone with a code; it answers the same whether or not anything is known."""

import datetime
import re

import pytest

from django.urls import reverse

from accounts.models import PhoneCode, User
from accounts.roles import Role
from notifications.models import Channel, Notification
from tests.factories import PASSWORD, UserFactory
from tests.phones import code_sent_to, messages_to

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:signup")
ENTER_CODE = reverse("accounts:enter_code")


def _sign_up(client, ip="10.0.0.1", **overrides):
    data = {
        "full_name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "citizen_id": "093186001234",
        "email": "",
        "password1": "Hau-Giang-2026",
        "password2": "Hau-Giang-2026",
    }
    data.update(overrides)
    return client.post(SIGN_UP, data, REMOTE_ADDR=ip)


def _signed_in(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_the_code_creates_a_signed_in_verified_citizen(client):
    response = _sign_up(client)
    assert response.status_code == 302 and response.url == ENTER_CODE
    assert _signed_in(client) is None  # nothing is the person's before the code
    page = client.get(ENTER_CODE).content.decode()
    assert "*******678" in page

    response = client.post(ENTER_CODE, {"code": code_sent_to("0912345678")})

    assert response.status_code == 302
    user = User.objects.get(phone="0912345678")
    assert _signed_in(client) == user.pk
    assert user.full_name == "Trần Thị Bình" and user.citizen_id == "093186001234"
    assert user.phone_verified and user.check_password("Hau-Giang-2026")
    assert user.has_role(Role.CITIZEN)


def _answer(client, **data) -> tuple[int, str, str]:
    """What a sign-up answers, with the last digits of the typed phone and the CSRF token out."""
    response = _sign_up(client, **data)
    page = client.get(response.get("Location") or SIGN_UP).content.decode()
    main = page.partition("<main")[2].partition("</main>")[0].replace(data["phone"][-3:], "XXX")
    return response.status_code, response.get("Location"), re.sub(r'value="[^"]{64}"', "", main)


def test_a_known_phone_or_id_gets_the_same_answer_as_a_new_one(client):
    """Problem 6: sign-up told anyone "this phone / this ID already has an account"."""
    owner = UserFactory(citizen=True, phone="0912345678", citizen_id="093186001234")

    known_phone = _answer(client, phone="0912345678", citizen_id="")
    known_id = _answer(client, phone="0933000111", citizen_id="093186001234")
    nothing_known = _answer(client, phone="0944000222", citizen_id="079190000001")

    assert known_phone == known_id == nothing_known
    assert "đã có tài khoản" not in known_phone[2]
    owner.refresh_from_db()
    assert owner.full_name == "Nguyễn Văn An" and owner.check_password(PASSWORD)


def test_sign_up_is_limited_per_client(client, settings):
    settings.PHONE_CODE_PER_CLIENT = 3
    for n in range(3):
        assert _sign_up(client, phone=f"091000000{n}").status_code == 302
    response = _sign_up(client, phone="0910000009")
    assert response.status_code == 200
    assert "quá nhiều mã" in response.content.decode()
    assert messages_to("0910000009") == []
    assert _sign_up(client, phone="0910000009", ip="10.0.0.2").status_code == 302


def test_codes_are_limited_per_phone_whoever_asks(client, settings, time_machine):
    settings.PHONE_CODE_PER_PHONE = 3
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    for n in range(3):
        assert _sign_up(client, ip=f"10.0.1.{n}").status_code == 302
        if n < 2:  # a second code within a minute is refused, from anywhere
            early = _sign_up(client, ip="10.0.2.1")
            assert "Vui lòng chờ 60 giây" in early.content.decode()
        time_machine.shift(datetime.timedelta(seconds=61))
    refused = _sign_up(client, ip="10.0.3.1")
    assert "Số này đã nhận quá nhiều mã" in refused.content.decode()
    assert len(messages_to("0912345678")) == 3
    time_machine.shift(datetime.timedelta(hours=1))
    assert _sign_up(client, ip="10.0.3.1").status_code == 302


def test_five_wrong_codes_close_it(client):
    _sign_up(client)
    right = code_sent_to("0912345678")
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        page = client.post(ENTER_CODE, {"code": wrong}).content.decode()
        assert f"Bạn còn {left} lần thử" in page
    assert "nhập sai quá nhiều lần" in client.post(ENTER_CODE, {"code": wrong}).content.decode()

    page = client.post(ENTER_CODE, {"code": right}).content.decode()

    assert "không còn dùng được" in page
    assert _signed_in(client) is None
    assert not User.objects.get(phone="0912345678").phone_verified


def test_a_code_expires_after_five_minutes(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    _sign_up(client)
    code = code_sent_to("0912345678")
    time_machine.shift(datetime.timedelta(minutes=5))
    assert "Mã đã hết hạn" in client.post(ENTER_CODE, {"code": code}).content.decode()
    assert _signed_in(client) is None


def test_a_new_code_replaces_the_old_one(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    _sign_up(client)
    first = code_sent_to("0912345678")
    time_machine.shift(datetime.timedelta(seconds=61))
    assert client.post(reverse("accounts:resend_code")).status_code == 302
    second = code_sent_to("0912345678")
    assert first != second  # one chance in a million that this fails
    assert "Mã chưa đúng" in client.post(ENTER_CODE, {"code": first}).content.decode()
    client.post(ENTER_CODE, {"code": second})
    assert _signed_in(client) == User.objects.get(phone="0912345678").pk


def test_the_code_is_stored_hashed_never_logged_and_its_sms_blanked_once_used(client, caplog):
    caplog.set_level("DEBUG")
    _sign_up(client)
    code = code_sent_to("0912345678")
    row = PhoneCode.objects.get()
    assert code not in row.code_hash and len(row.code_hash) > 60
    sms = Notification.objects.get(channel=Channel.SMS, address="0912345678")
    assert code in sms.body and sms.status == "sent"

    client.post(ENTER_CODE, {"code": code})

    sms.refresh_from_db()
    assert sms.body == ""
    assert code not in caplog.text


def test_the_sms_says_what_the_code_is_for_in_one_segment(client):
    _sign_up(client)
    (text,) = messages_to("0912345678")
    assert text.isascii() and len(text) <= 160
    assert "ma xac minh" in text and "5 phut" in text


def test_after_the_code_a_phone_with_an_account_is_told_to_sign_in(client):
    owner = UserFactory(citizen=True, phone="0912345678", full_name="Lê Thị Hoa")
    _sign_up(client)
    response = client.post(ENTER_CODE, {"code": code_sent_to("0912345678")}, follow=True)
    assert "Số điện thoại này đã có tài khoản" in response.content.decode()
    assert _signed_in(client) is None
    owner.refresh_from_db()
    assert owner.full_name == "Lê Thị Hoa" and owner.check_password(PASSWORD)


def test_an_id_held_by_another_account_is_left_off(client):
    UserFactory(citizen=True, citizen_id="093186001234")
    _sign_up(client)
    response = client.post(ENTER_CODE, {"code": code_sent_to("0912345678")}, follow=True)
    assert "chưa được ghi vào tài khoản này" in response.content.decode()
    user = User.objects.get(phone="0912345678")
    assert user.citizen_id is None and user.phone_verified


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại gồm 10 chữ số"),
        ("citizen_id", "12345", "gồm đúng 12 chữ số"),
        ("password2", "khac-mat-khau", "Hai mật khẩu không khớp nhau"),
        ("password1", "20262026", "Mật khẩu này hoàn toàn là số"),
    ],
)
def test_bad_input_is_refused_and_sends_nothing(client, field, value, message):
    data = {field: value, **({"password2": value} if field == "password1" else {})}
    response = _sign_up(client, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists() and not PhoneCode.objects.exists()
