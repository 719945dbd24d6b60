"""Roles are Django groups; this module names them and says what each may do."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    OFFICER = "officer", _("Cán bộ một cửa")
    LEADER = "leader", _("Lãnh đạo")
    DIGITAL_HELPER = "digital_helper", _("Tổ công nghệ số cộng đồng")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# What an administrator who is not a superuser may give to people of their agency tree; never
# the administrator role itself, nor is_staff, is_superuser, groups or permissions directly.
GRANTABLE_BY_ADMINISTRATOR = (Role.OFFICER, Role.LEADER, Role.DIGITAL_HELPER)

_CATALOG_MODELS = (
    ("agencies", "agency"),
    ("procedures", "field"),
    ("procedures", "procedure"),
    ("procedures", "requireddocument"),
    ("procedures", "holiday"),
)

# "app_label.codename"; codenames of apps not migrated yet are skipped and picked up by the
# post_migrate sync once they exist.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CITIZEN: [],
    Role.OFFICER: [f"{app}.view_{m}" for app, m in _CATALOG_MODELS]
    + ["dossiers.process_dossier", "dossiers.view_dossier", "notifications.view_failed"],
    Role.LEADER: [f"{app}.view_{m}" for app, m in _CATALOG_MODELS]
    + ["dossiers.view_dossier", "reports.view_report", "satisfaction.follow_up_rating"],
    Role.DIGITAL_HELPER: ["accounts.register_citizen", "dossiers.submit_on_behalf"],
    Role.ADMINISTRATOR: [
        f"{app}.{action}_{m}"
        for app, m in _CATALOG_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    + ["accounts.view_user", "accounts.change_user", "accounts.add_user", "auth.view_group"],
}


def sync_role_groups(group_model: type, permission_model: type) -> None:
    """Create one group per role and give it exactly the permissions listed above."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".", 1)
            wanted.extend(
                permission_model.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)
