import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _sign_up(client, **overrides):
    data = {
        "full_name": "Trần Thị Bình",
        "phone": "0912 345 678",
        "citizen_id": "093186001234",
        "email": "",
        "password1": "Hau-Giang-2026",
        "password2": "Hau-Giang-2026",
    }
    data.update(overrides)
    return client.post(reverse("accounts:signup"), data)


def test_sign_up_creates_a_signed_in_citizen_with_a_normalised_phone(client):
    response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(phone="0912345678")
    assert user.full_name == "Trần Thị Bình"
    assert user.has_role(Role.CITIZEN)
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sign_up_with_a_taken_phone_keeps_the_typed_values_and_creates_nothing(client):
    UserFactory(phone="0912345678")
    response = _sign_up(client, phone="+84912345678")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số điện thoại này đã có tài khoản" in html
    assert 'value="Trần Thị Bình"' in html
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại gồm 10 chữ số"),
        ("citizen_id", "12345", "gồm đúng 12 chữ số"),
        ("password2", "khac-mat-khau", "Hai mật khẩu không khớp nhau"),
    ],
)
def test_sign_up_refuses_bad_input_with_a_vietnamese_message(client, field, value, message):
    response = _sign_up(client, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


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
