from django.contrib.auth.models import Group

from accounts.roles import Role


def test_every_role_is_a_group_created_by_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_administrator_group_can_edit_the_catalog(db):
    admin_group = Group.objects.get(name=Role.ADMINISTRATOR)
    codenames = set(admin_group.permissions.values_list("codename", flat=True))
    assert {"change_procedure", "add_holiday", "change_agency"} <= codenames
