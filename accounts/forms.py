from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User
from .validators import (
    is_citizen_id,
    normalize_phone,
    validate_citizen_id,
    validate_phone,
)


def phone_field(help_text: str = "") -> forms.CharField:
    """A phone number as people type it ('0912 345 678', '+84…'); forms normalise it."""
    return forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=help_text,
    )


def citizen_id_field() -> forms.CharField:
    return forms.CharField(
        label=_("Số CCCD"),
        max_length=12,
        required=False,
        validators=[validate_citizen_id],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class SignInForm(AuthenticationForm):
    """Sign in by phone or CCCD; "remember me" keeps a citizen signed in after the browser
    closes (never staff: see accounts.sessions)."""

    username = forms.CharField(
        label=_("Số điện thoại hoặc số CCCD"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "numeric"}
        ),
    )
    error_messages = {
        "invalid_login": _(
            "Số điện thoại/CCCD hoặc mật khẩu chưa đúng. Vui lòng kiểm tra lại, "
            "hoặc đăng ký nếu bạn chưa có tài khoản."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ bộ phận một cửa."),
    }
    remember = forms.BooleanField(
        label=_("Ghi nhớ đăng nhập trên máy này"),
        required=False,
        help_text=_("Đừng chọn trên máy dùng chung (ở xã, quán internet)."),
    )


class SignUpForm(forms.Form):
    """Who signs up; nothing here is checked against existing accounts (the answer is the
    same for a known phone or CCCD: a code is sent to the phone)."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = phone_field(_("Chúng tôi gửi mã xác minh gồm 6 chữ số đến số này."))
    citizen_id = citizen_id_field()
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        elif p1:
            someone = User(
                full_name=cleaned.get("full_name", ""),
                phone=cleaned.get("phone", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, someone)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác minh"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
        error_messages={"required": _("Vui lòng nhập mã gồm 6 chữ số.")},
    )


class IdentifierForm(forms.Form):
    """The phone (or CCCD) of the account to reset or claim."""

    identifier = forms.CharField(
        label=_("Số điện thoại hoặc số CCCD"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )

    def clean_identifier(self) -> str:
        identifier = self.cleaned_data["identifier"].strip()
        if is_citizen_id(identifier):
            return identifier
        validate_phone(identifier)
        return normalize_phone(identifier)


class EmailResetForm(forms.Form):
    email = forms.EmailField(
        label=_("Email đã xác nhận của tài khoản"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NotificationPreferencesForm(forms.ModelForm):
    """How a person wants to hear about their dossiers; email needs an address."""

    class Meta:
        model = User
        fields = ["notify_sms", "notify_email", "notify_in_app", "email", "preferred_language"]
        labels = {
            "notify_sms": _("Tin nhắn SMS đến số điện thoại của tôi"),
            "notify_email": _("Thư điện tử (email)"),
            "notify_in_app": _("Thông báo trên trang này"),
            "preferred_language": _("Ngôn ngữ của thông báo"),
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("notify_email") and not cleaned.get("email"):
            self.add_error("email", _("Vui lòng nhập email để nhận thông báo qua thư điện tử."))
        return cleaned
