from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_role_groups

    sync_role_groups(Group.objects.db_manager(using).model, Permission)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        # Permissions of apps migrated later (dossiers, reports) join their roles here.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
