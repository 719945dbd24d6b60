"""Problem 3: an administrator (not a superuser) could make itself superuser in
/admin/accounts/user/ and reset the real superuser's password.

Now only superusers see or change is_superuser, is_staff, groups and permissions, or touch a
superuser; an administrator manages the officers of its own agency tree (and that tree's
agencies), nothing else."""

import pytest

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from tests.factories import PASSWORD, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    province = AgencyFactory(level=Agency.Level.PROVINCE, name="UBND tỉnh Thử")
    commune = AgencyFactory(parent=province, name="UBND xã Thử")
    other = AgencyFactory(level=Agency.Level.PROVINCE, name="UBND tỉnh Khác")
    return {"province": province, "commune": commune, "other": other}


@pytest.fixture
def administrator(tree):
    return UserFactory(
        is_staff=True, role=Role.ADMINISTRATOR, agency=tree["province"], full_name="Võ Quốc Bảo"
    )


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, full_name="Siêu Quản Trị")


def _change(user):
    return f"/admin/accounts/user/{user.pk}/change/"


def _escalating_post(user, agency):
    """Every field of the old change form, set to what an attacker wants."""
    return {
        "phone": user.phone,
        "full_name": user.full_name,
        "citizen_id": user.citizen_id or "",
        "email": "",
        "address": "",
        "preferred_language": "vi",
        "notify_sms": "on",
        "notify_in_app": "on",
        "agency": agency.pk,
        "groups": [Group.objects.get(name=Role.ADMINISTRATOR).pk],
        "roles": [Role.OFFICER],
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
    }


def test_an_administrator_cannot_make_itself_superuser(client, administrator, tree):
    client.force_login(administrator)
    client.post(_change(administrator), _escalating_post(administrator, tree["province"]))
    administrator.refresh_from_db()
    assert not administrator.is_superuser


def test_an_administrator_cannot_raise_an_officer_of_its_tree(client, administrator, tree):
    officer = UserFactory(officer=True, agency=tree["commune"])
    client.force_login(administrator)
    page = client.get(_change(officer)).content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    assert 'name="is_staff"' not in page and 'name="roles"' in page

    response = client.post(_change(officer), _escalating_post(officer, tree["commune"]))

    assert response.status_code == 302
    officer = User.objects.get(pk=officer.pk)
    assert not officer.is_superuser and not officer.is_staff
    assert officer.roles == {Role.OFFICER}


def test_an_administrator_cannot_touch_the_superusers_password(client, administrator, superuser):
    client.force_login(administrator)
    url = f"/admin/accounts/user/{superuser.pk}/password/"
    assert client.get(url).status_code == 404
    client.post(url, {"password1": "Chiem-Quyen-2026", "password2": "Chiem-Quyen-2026"})
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)
    assert client.get(_change(superuser)).status_code == 302  # "does not exist" for them


def test_an_administrator_sees_only_officers_of_its_own_tree(client, administrator, tree):
    mine = UserFactory(officer=True, agency=tree["commune"], full_name="Cán Bộ Của Tôi")
    theirs = UserFactory(officer=True, agency=tree["other"], full_name="Cán Bộ Tỉnh Khác")
    UserFactory(citizen=True, full_name="Công Dân Thường")
    client.force_login(administrator)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "Cán Bộ Của Tôi" in listing
    assert "Cán Bộ Tỉnh Khác" not in listing and "Công Dân Thường" not in listing
    assert client.get(f"/admin/accounts/user/{theirs.pk}/password/").status_code == 404
    assert client.get(f"/admin/accounts/user/{mine.pk}/password/").status_code == 200


def _add(client, agency, roles):
    return client.post(
        "/admin/accounts/user/add/",
        {
            "phone": "0977111222",
            "full_name": "Cán Bộ Mới",
            "citizen_id": "",
            "agency": agency.pk,
            "roles": roles,
            "usable_password": "true",
            "password1": "Can-Bo-Moi-2026",
            "password2": "Can-Bo-Moi-2026",
        },
    )


def test_an_administrator_adds_an_officer_to_its_tree_only(client, administrator, tree):
    client.force_login(administrator)
    assert _add(client, tree["commune"], [Role.ADMINISTRATOR]).status_code == 200
    assert _add(client, tree["other"], [Role.OFFICER]).status_code == 200
    assert not User.objects.filter(phone="0977111222").exists()

    assert _add(client, tree["commune"], [Role.OFFICER]).status_code == 302

    officer = User.objects.get(phone="0977111222")
    assert officer.roles == {Role.OFFICER} and officer.agency == tree["commune"]
    assert not officer.is_staff and not officer.is_superuser


def test_an_administrator_manages_the_agencies_of_its_tree_only(client, tree):
    commune_admin = UserFactory(is_staff=True, role=Role.ADMINISTRATOR, agency=tree["commune"])
    client.force_login(commune_admin)
    listing = client.get("/admin/agencies/agency/").context["cl"].result_list
    assert list(listing) == [tree["commune"]]
    assert client.get(f"/admin/agencies/agency/{tree['other'].pk}/change/").status_code == 302
    page = client.get(f"/admin/agencies/agency/{tree['commune'].pk}/change/").content.decode()
    assert 'name="parent"' not in page  # their own agency stays where it is in the tree


def test_a_superuser_still_manages_everything(client, superuser, administrator):
    client.force_login(superuser)
    page = client.get(_change(administrator)).content.decode()
    assert 'name="is_superuser"' in page and 'name="groups"' in page
