"""The admin's user forms. Superusers get every field; an administrator (not a superuser)
gets forms without is_superuser, is_staff, groups and permissions: a choice of the roles they
may give instead (roles.GRANTABLE_BY_ADMINISTRATOR), and an agency of their own tree."""

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm as BaseAdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import GRANTABLE_BY_ADMINISTRATOR


class AdminUserCreationForm(BaseAdminUserCreationForm):
    class Meta:
        model = User
        fields = ["phone", "full_name", "citizen_id", "agency"]


class AdminUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


def _roles_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Vai trò"),
        required=False,
        choices=[(str(role), role.label) for role in GRANTABLE_BY_ADMINISTRATOR],
        widget=forms.CheckboxSelectMultiple,
    )


class _AgencyRequired:
    def clean_agency(self) -> object:
        agency = self.cleaned_data.get("agency")
        if agency is None:
            raise forms.ValidationError(_("Vui lòng chọn cơ quan của cán bộ."))
        return agency


class StaffCreationForm(_AgencyRequired, BaseAdminUserCreationForm):
    roles = _roles_field()

    class Meta:
        model = User
        fields = ["phone", "full_name", "citizen_id", "agency"]


class StaffChangeForm(_AgencyRequired, UserChangeForm):
    roles = _roles_field()

    class Meta:
        model = User
        fields = [
            "phone",
            "password",
            "full_name",
            "citizen_id",
            "email",
            "address",
            "preferred_language",
            "notify_sms",
            "notify_email",
            "notify_in_app",
            "agency",
            "is_active",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.roles)
