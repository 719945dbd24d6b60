"""Users in the admin, with roles that cannot escalate.

Superusers see and change everything. An administrator who is not a superuser manages only
the officers, leaders and helpers of their own agency tree: never a superuser, an account with
admin-site access (is_staff), another administrator or themselves; they never see or set
is_superuser, is_staff, groups or permissions, only the roles in GRANTABLE_BY_ADMINISTRATOR.
Anyone outside their reach is a 404, password page included.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .admin_forms import (
    AdminUserChangeForm,
    AdminUserCreationForm,
    StaffChangeForm,
    StaffCreationForm,
)
from .models import User
from .roles import GRANTABLE_BY_ADMINISTRATOR, Role

_PERSONAL = (
    _("Thông tin cá nhân"),
    {"fields": ["full_name", "citizen_id", "email", "address", "preferred_language"]},
)
_NOTIFY = (_("Nhận thông báo"), {"fields": ["notify_sms", "notify_email", "notify_in_app"]})
_TIMES = (
    _("Thời điểm"),
    {"fields": ["last_login", "date_joined", "phone_verified_at", "email_verified_at"]},
)

_NEW = ["phone", "full_name", "citizen_id", "agency"]
_PASSWORDS = ["usable_password", "password1", "password2"]


def _restricted(request: HttpRequest) -> bool:
    return not request.user.is_superuser


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["full_name"]
    list_display = ["full_name", "phone", "citizen_id", "agency", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff", "agency"]
    search_fields = ["full_name", "phone", "citizen_id", "email"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["last_login", "date_joined", "phone_verified_at", "email_verified_at"]
    fieldsets = [
        (None, {"fields": ["phone", "password"]}),
        _PERSONAL,
        _NOTIFY,
        (_("Vai trò và cơ quan"), {"fields": ["agency", "groups", "is_active", "is_staff"]}),
        (_("Quyền đặc biệt"), {"classes": ["collapse"], "fields": ["is_superuser"]}),
        _TIMES,
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": [*_NEW, *_PASSWORDS]})]
    staff_fieldsets = [
        (None, {"fields": ["phone", "password"]}),
        _PERSONAL,
        _NOTIFY,
        (_("Vai trò và cơ quan"), {"fields": ["agency", "roles", "is_active"]}),
        _TIMES,
    ]
    staff_add_fieldsets = [(None, {"classes": ["wide"], "fields": [*_NEW, "roles", *_PASSWORDS]})]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        if not _restricted(request):
            return users
        agency = request.user.agency
        if agency is None:
            return users.none()
        return (
            users.filter(is_superuser=False, is_staff=False, agency__path__startswith=agency.path)
            .exclude(groups__name=Role.ADMINISTRATOR)
            .exclude(pk=request.user.pk)
        )

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> list:
        if not _restricted(request):
            return super().get_fieldsets(request, obj)
        return self.staff_fieldsets if obj else self.staff_add_fieldsets

    def get_form(self, request: HttpRequest, obj: User | None = None, **kwargs: object) -> type:
        if _restricted(request):
            kwargs["form"] = StaffChangeForm if obj else StaffCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_list_filter(self, request: HttpRequest) -> list[str]:
        return ["is_active", "agency"] if _restricted(request) else self.list_filter

    def get_list_display(self, request: HttpRequest) -> list[str]:
        shown = super().get_list_display(request)
        return [name for name in shown if name != "is_staff"] if _restricted(request) else shown

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "agency" and _restricted(request):
            agency = request.user.agency
            kwargs["queryset"] = Agency.objects.subtree(agency) if agency else Agency.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and _restricted(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and _restricted(request):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: object, change: bool) -> None:
        if change and "phone" in form.changed_data:  # type: ignore[attr-defined]
            obj.phone_verified_at = None  # a new number is unproven
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: object, formsets: object, change: bool):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        if _restricted(request):
            _set_grantable_roles(form.instance, form.cleaned_data.get("roles", []))  # type: ignore[attr-defined]


def _set_grantable_roles(user: User, chosen: list[str]) -> None:
    """The roles an administrator may give become exactly `chosen`; other groups stay."""
    grantable = [str(role) for role in GRANTABLE_BY_ADMINISTRATOR]
    user.groups.remove(*Group.objects.filter(name__in=grantable).exclude(name__in=chosen))
    user.groups.add(*Group.objects.filter(name__in=[name for name in chosen if name in grantable]))
