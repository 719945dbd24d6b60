from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AdminUserCreationForm as BaseAdminUserCreationForm
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User
from .validators import normalize_phone


class SignInForm(AuthenticationForm):
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


class SignUpForm(forms.ModelForm):
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

    class Meta:
        model = User
        fields = ["full_name", "phone", "citizen_id", "email"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "citizen_id": forms.TextInput(attrs={"inputmode": "numeric"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "phone": {"unique": _("Số điện thoại này đã có tài khoản. Vui lòng đăng nhập.")},
            "citizen_id": {"unique": _("Số CCCD này đã có tài khoản. Vui lòng đăng nhập.")},
        }

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["phone"])
        if User.objects.filter(phone=phone).exists():
            raise forms.ValidationError(
                _("Số điện thoại này đã có tài khoản. Vui lòng đăng nhập."), code="unique"
            )
        return phone

    def clean_citizen_id(self) -> str | None:
        return self.cleaned_data.get("citizen_id") or None

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        password = self.cleaned_data.get("password1")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


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


class AdminUserCreationForm(BaseAdminUserCreationForm):
    class Meta:
        model = User
        fields = ["phone", "full_name", "citizen_id", "agency"]


class AdminUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
