"""Accounts made before phones were verified are marked unverified by the migration: a phone
anyone could type counts as its holder's only after a code (accounts.0005)."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User


def _migrate(targets):
    executor = MigrationExecutor(connection)
    return executor.migrate(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_accounts_come_out_unverified_and_keep_their_password():
    old = _migrate([("accounts", "0004_agency_moved")])
    before = old.get_model("accounts", "User").objects.create(
        phone="0955555555", full_name="Đăng Ký Trước", email="truoc@example.vn", password="x"
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    account = User.objects.get(pk=before.pk)
    assert account.phone_verified_at is None and not account.phone_verified
    assert account.email_verified_at is None and not account.email_verified
    assert account.password == "x" and account.email == "truoc@example.vn"
