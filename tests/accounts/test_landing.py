"""After signing in, each role lands on its own page; a `next` link still wins."""

import pytest

from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, user, **query):
    url = reverse("accounts:login")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"username": user.phone, "password": PASSWORD})


@pytest.mark.parametrize(
    ("traits", "landing"),
    [
        ({"officer": True}, "dossiers:queue"),
        ({"leader": True}, "reports:dashboard"),
        ({"helper": True}, "dossiers:helper_home"),
        ({"role": Role.ADMINISTRATOR, "is_staff": True}, "admin:index"),
        ({"citizen": True}, "home"),
    ],
)
def test_each_role_lands_on_its_page(client, traits, landing):
    response = _sign_in(client, UserFactory(**traits))
    assert response.status_code == 302
    assert response.url == reverse(landing)


def test_a_next_link_wins_over_the_landing(client):
    response = _sign_in(client, UserFactory(officer=True), next=reverse("dossiers:lookup"))
    assert response.url == reverse("dossiers:lookup")
