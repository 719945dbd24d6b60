from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["full_name"]
    list_display = ["full_name", "phone", "citizen_id", "agency", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff", "agency"]
    search_fields = ["full_name", "phone", "citizen_id", "email"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["phone", "password"]}),
        (
            _("Thông tin cá nhân"),
            {"fields": ["full_name", "citizen_id", "email", "address", "preferred_language"]},
        ),
        (_("Nhận thông báo"), {"fields": ["notify_sms", "notify_email", "notify_in_app"]}),
        (_("Vai trò và cơ quan"), {"fields": ["agency", "groups", "is_active", "is_staff"]}),
        (_("Quyền đặc biệt"), {"classes": ["collapse"], "fields": ["is_superuser"]}),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "phone",
                    "full_name",
                    "citizen_id",
                    "agency",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        )
    ]
