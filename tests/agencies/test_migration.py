"""Agency left procedures for agencies (issue 10) without touching its table.

Rows, foreign keys and the permissions groups and users hold on agencies must all survive the
move; procedures.0003_agency_moved relabels the content type the permissions hang on.
"""

import importlib
from types import SimpleNamespace

import pytest

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency

moved = importlib.import_module("procedures.migrations.0003_agency_moved")

AGENCY_PERMISSIONS = {"add_agency", "change_agency", "delete_agency", "view_agency"}


def _migrate(targets: list[tuple[str, str | None]]) -> object:
    """Migrate the test database to `targets` and return the historical apps there."""
    executor = MigrationExecutor(connection)
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


@pytest.mark.django_db(transaction=True)
def test_rows_foreign_keys_and_permissions_survive_the_move():
    # Back to where procedures owned Agency: unapplies only state changes and the relabel.
    old = _migrate([("agencies", None)])
    old_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="procedures", model="agency"
    )
    old_agency = old.get_model("procedures", "Agency")
    province = old_agency.objects.create(
        name="Tỉnh Thử", identifier="000.00.00.T01", level="province", path="/"
    )
    commune = old_agency.objects.create(
        name="Xã Thử", identifier="000.00.01.T01", level="commune", parent=province, path="/"
    )
    old_permission = old.get_model("auth", "Permission").objects.filter(content_type=old_type)
    editors = old.get_model("auth", "Group").objects.create(name="Biên tập cơ quan")
    editors.permissions.set(old_permission.filter(codename="change_agency"))
    officer = old.get_model("accounts", "User").objects.create(
        phone="0911222333", full_name="Cán Bộ Thử", agency=commune
    )
    officer.user_permissions.set(old_permission.filter(codename="add_agency"))

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    agency_type = ContentType.objects.get_for_model(Agency)
    assert (agency_type.pk, agency_type.app_label) == (old_type.pk, "agencies")
    assert not ContentType.objects.filter(app_label="procedures", model="agency").exists()
    assert Agency.objects.get(pk=commune.pk).parent_id == province.pk
    officer = User.objects.get(pk=officer.pk)
    assert officer.agency_id == commune.pk
    assert officer.has_perm("agencies.add_agency")
    assert set(Group.objects.get(name="Biên tập cơ quan").permissions.values_list("codename")) == {
        ("change_agency",)
    }
    assert (
        Group.objects.get(name=Role.OFFICER)
        .permissions.filter(content_type=agency_type, codename="view_agency")
        .exists()
    )


@pytest.mark.django_db
def test_a_second_content_type_is_folded_into_the_moving_one():
    """A fresh database can hold both: accounts.0002 creates permissions for both states."""
    there = ContentType.objects.get(app_label="agencies", model="agency")
    moving = ContentType.objects.create(app_label="procedures", model="agency")
    for codename in AGENCY_PERMISSIONS:
        Permission.objects.create(content_type=moving, codename=codename, name=codename)
    administrators = Group.objects.get(name=Role.ADMINISTRATOR)
    assert (
        set(
            administrators.permissions.filter(content_type=there).values_list("codename", flat=True)
        )
        == AGENCY_PERMISSIONS
    )

    moved.forwards(global_apps, SimpleNamespace(connection=connection))
    ContentType.objects.clear_cache()

    agency_type = ContentType.objects.get(model="agency")
    assert (agency_type.pk, agency_type.app_label) == (moving.pk, "agencies")
    assert (
        set(
            administrators.permissions.filter(content_type=agency_type).values_list(
                "codename", flat=True
            )
        )
        == AGENCY_PERMISSIONS
    )
    assert Permission.objects.filter(content_type__model="agency").count() == 4
