"""Problem 4: 60 wrong passwords, then the right one, signed in (also on /admin/login/).

django-axes now counts failures per account and per client: after 10 within 15 minutes both
are locked for 15 minutes, on every sign-in form; a success resets the count."""

import datetime

import pytest

from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.phones import code_sent_to

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def now(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    return time_machine


def _try(client, url, username, password, ip="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", [LOGIN, ADMIN_LOGIN])
def test_ten_failures_lock_the_account_even_for_the_right_password(client, now, url):
    UserFactory(phone="0987654321", is_staff=True)
    for _ in range(9):
        assert _try(client, url, "0987654321", "sai-mat-khau").status_code == 200

    tenth = _try(client, url, "0987654321", "sai-mat-khau")
    right = _try(client, url, "0987654321", PASSWORD)

    assert tenth.status_code == 429 and right.status_code == 429
    page = right.content.decode()
    assert "tạm khóa trong 15 phút" in page and "Đã nhập sai mật khẩu 10 lần" in page
    assert not _signed_in(client)


def test_the_lock_lasts_fifteen_minutes(client, now):
    UserFactory(phone="0987654321")
    for _ in range(10):
        _try(client, LOGIN, "0987654321", "sai-mat-khau")
    now.shift(datetime.timedelta(minutes=14))
    assert _try(client, LOGIN, "0987654321", PASSWORD).status_code == 429
    now.shift(datetime.timedelta(minutes=1, seconds=1))
    assert _try(client, LOGIN, "0987654321", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_every_spelling_of_the_account_counts_against_it_from_any_client(client, now):
    UserFactory(phone="0987654321", citizen_id="001099000111")
    spellings = ["0987654321", "+84 987 654 321", "0987.654.321", "001099000111", "84987654321"]
    for n in range(10):
        _try(client, LOGIN, spellings[n % len(spellings)], "sai-mat-khau", ip=f"10.0.1.{n}")
    assert _try(client, LOGIN, "001099000111", PASSWORD, ip="10.0.2.1").status_code == 429


def test_one_client_is_locked_after_ten_failures_on_any_accounts(client, now):
    for n in range(10):
        _try(client, LOGIN, f"09000000{n:02d}", "sai-mat-khau")
    UserFactory(phone="0987654321")
    assert _try(client, LOGIN, "0987654321", PASSWORD).status_code == 429
    assert _try(client, LOGIN, "0987654321", PASSWORD, ip="10.0.9.9").status_code == 302


def test_a_success_resets_the_count(client, now):
    UserFactory(phone="0987654321")
    for _ in range(9):
        _try(client, LOGIN, "0987654321", "sai-mat-khau")
    assert _try(client, LOGIN, "0987654321", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(9):
        _try(client, LOGIN, "0987654321", "sai-mat-khau")
    assert _try(client, LOGIN, "0987654321", PASSWORD).status_code == 302


def test_resetting_the_password_by_code_lifts_the_accounts_lock(client, now):
    UserFactory(citizen=True, phone="0987654321")
    for n in range(10):
        _try(client, LOGIN, "0987654321", "sai-mat-khau", ip=f"10.0.1.{n}")
    client.post(reverse("accounts:forgot"), {"identifier": "0987654321"}, REMOTE_ADDR="10.0.3.1")
    client.post(reverse("accounts:enter_code"), {"code": code_sent_to("0987654321")})
    client.post(
        reverse("accounts:set_password"),
        {"new_password1": "Tan-Thoi-Hiep-7", "new_password2": "Tan-Thoi-Hiep-7"},
    )
    client.post(reverse("accounts:logout"))
    assert _try(client, LOGIN, "0987654321", "Tan-Thoi-Hiep-7", ip="10.0.3.1").status_code == 302
