"""Shared commune computers: a sign-in ends with the browser unless a citizen asks to be
remembered; staff are never remembered and are signed out after 8 hours without a request."""

import datetime

import pytest

from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


@pytest.fixture
def now(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC), tick=False)
    return time_machine


def _sign_in(client, user, **extra):
    response = client.post(LOGIN, {"username": user.phone, "password": PASSWORD, **extra})
    assert response.status_code == 302
    return response.cookies[settings.SESSION_COOKIE_NAME]


def test_remember_me_is_off_by_default_and_the_session_ends_with_the_browser(client):
    page = client.get(LOGIN).content.decode()
    assert "Ghi nhớ đăng nhập trên máy này" in page
    assert 'name="remember"' in page and "checked" not in page.split('name="remember"')[1][:40]
    cookie = _sign_in(client, UserFactory(citizen=True))
    assert not cookie["max-age"] and not cookie["expires"]


def test_a_citizen_who_asks_is_remembered_for_two_weeks(client):
    cookie = _sign_in(client, UserFactory(citizen=True), remember="on")
    assert int(cookie["max-age"]) == 14 * 24 * 3600


def test_staff_are_never_remembered(client):
    officer = UserFactory(officer=True)
    cookie = _sign_in(client, officer, remember="on")
    assert not cookie["max-age"]


def _queue(client):
    return client.get(reverse("dossiers:queue"))


def test_staff_are_signed_out_after_eight_idle_hours(client, now):
    officer = UserFactory(officer=True, agency=AgencyFactory())
    _sign_in(client, officer)
    assert _queue(client).status_code == 200
    now.shift(datetime.timedelta(hours=7, minutes=59))
    assert _queue(client).status_code == 200  # activity: the clock starts again
    now.shift(datetime.timedelta(hours=8, seconds=1))

    response = client.get(reverse("dossiers:queue"), follow=True)

    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert "không hoạt động quá 8 giờ" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_signs_staff_out_the_same_way(client, now):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    now.shift(datetime.timedelta(hours=8, minutes=1))
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_citizens_are_not_signed_out_for_being_idle(client, now):
    citizen = UserFactory(citizen=True)
    _sign_in(client, citizen, remember="on")
    now.shift(datetime.timedelta(days=3))
    assert client.get(reverse("dossiers:my_dossiers")).status_code == 200
