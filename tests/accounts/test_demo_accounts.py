"""Demo accounts: one per role, passwords printed once and usable, idempotent."""

from io import StringIO

import pytest

from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from accounts.management.commands.create_demo_accounts import DEMO_ACCOUNTS
from accounts.models import User
from accounts.roles import Role
from agencies.seed import THANH_XUAN_IDENTIFIER

pytestmark = pytest.mark.django_db


def _request():
    """Sign-in checks run against a request (django-axes counts failures per client)."""
    return RequestFactory().post("/tai-khoan/dang-nhap/")


def run() -> str:
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def passwords_by_phone(output: str) -> dict[str, str]:
    """Read the printed table: `| role | name | phone | agency | password |`."""
    found = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[2].isdigit():
            found[cells[2]] = cells[4]
    return found


@pytest.fixture
def catalog():
    call_command("load_catalog", "--skip-holidays", stdout=StringIO())


def test_refuses_without_the_catalog():
    with pytest.raises(CommandError, match="load_catalog"):
        run()
    assert not User.objects.exists()


@pytest.mark.usefixtures("catalog")
def test_creates_one_account_per_role_that_signs_in_with_the_printed_password():
    output = run()

    printed = passwords_by_phone(output)
    assert set(printed) == {account.phone for account in DEMO_ACCOUNTS}
    for role in Role.values:
        assert Group.objects.get(name=role).user_set.count() == 1, role
    for phone, password in printed.items():
        assert len(password) >= 12
        user = authenticate(_request(), username=phone, password=password)
        assert user is not None, phone
        assert user.full_name and any(ord(c) > 127 for c in user.full_name)
        assert user.phone_verified, phone  # demo dossiers made at the desk reach them


@pytest.mark.usefixtures("catalog")
def test_roles_agencies_and_staff_flags():
    run()

    officer = User.objects.get(groups__name=Role.OFFICER)
    leader = User.objects.get(groups__name=Role.LEADER)
    assert officer.agency.identifier == THANH_XUAN_IDENTIFIER
    assert leader.agency.identifier == THANH_XUAN_IDENTIFIER
    assert officer.is_officer and leader.is_leader
    admin = User.objects.get(groups__name=Role.ADMINISTRATOR)
    assert admin.is_staff and admin.is_superuser
    for role in (Role.CITIZEN, Role.OFFICER, Role.LEADER, Role.DIGITAL_HELPER):
        user = User.objects.get(groups__name=role)
        assert not user.is_superuser, role
    citizen = User.objects.get(groups__name=Role.CITIZEN)
    assert citizen.agency is None


@pytest.mark.usefixtures("catalog")
def test_passwords_differ_between_accounts():
    printed = passwords_by_phone(run())
    assert len(set(printed.values())) == len(printed)


@pytest.mark.usefixtures("catalog")
def test_second_run_creates_nothing_and_prints_no_password():
    first = passwords_by_phone(run())
    hashes = dict(User.objects.values_list("phone", "password"))

    output = run()

    assert User.objects.count() == len(DEMO_ACCOUNTS)
    assert dict(User.objects.values_list("phone", "password")) == hashes
    for password in first.values():
        assert password not in output
    assert "đã có" in output
    for phone, password in first.items():
        assert authenticate(_request(), username=phone, password=password) is not None


@pytest.mark.usefixtures("catalog")
def test_an_existing_account_is_left_alone():
    User.objects.create_user(DEMO_ACCOUNTS[0].phone, "mat-khau-cu-rat-dai-2026", full_name="Ai Đó")

    printed = passwords_by_phone(run())

    user = User.objects.get(phone=DEMO_ACCOUNTS[0].phone)
    assert user.full_name == "Ai Đó"
    assert user.check_password("mat-khau-cu-rat-dai-2026")
    assert not user.groups.exists()
    assert printed[DEMO_ACCOUNTS[0].phone].startswith("(đã có")
    assert User.objects.count() == len(DEMO_ACCOUNTS)
