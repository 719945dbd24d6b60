import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.mark.parametrize("identifier", ["0987654321", "+84 987 654 321", "001099000111"])
def test_sign_in_with_phone_or_citizen_id(client, identifier):
    user = UserFactory(phone="0987654321", citizen_id="001099000111")
    response = client.post(
        reverse("accounts:login"), {"username": identifier, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_says_so_in_vietnamese(client):
    UserFactory(phone="0987654321")
    response = client.post(
        reverse("accounts:login"), {"username": "0987654321", "password": "sai-mat-khau"}
    )
    assert response.status_code == 200
    assert "mật khẩu chưa đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_and_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Moi-Mat-Khau-9",
            "new_password2": "Moi-Mat-Khau-9",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi-Mat-Khau-9")
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_pages_are_in_vietnamese(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="vi"' in html
    assert "Số điện thoại hoặc số CCCD" in html
    assert "Đăng nhập" in html
