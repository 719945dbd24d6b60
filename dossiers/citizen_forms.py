"""Forms a citizen (or a digital-team helper for them) fills in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import citizen_id_field, phone_field
from accounts.validators import normalize_phone
from agencies.models import Agency

from .fee_status import ResultDelivery


class ApplicantForm(forms.Form):
    """Step 1: who applies, where, and what they ask for. Pre-filled from the profile."""

    agency = forms.ModelChoiceField(
        label=_("Nộp tại"),
        queryset=Agency.objects.filter(level=Agency.Level.COMMUNE),
        empty_label=_("Chọn xã, phường nơi nộp hồ sơ"),
        error_messages={"required": _("Vui lòng chọn xã, phường nơi nộp hồ sơ.")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = phone_field(_("Nhận tin nhắn về hồ sơ và dùng để tra cứu."))
    citizen_id = citizen_id_field()
    address = forms.CharField(label=_("Địa chỉ thường trú"), max_length=255, required=False)
    email = forms.EmailField(label=_("Email (không bắt buộc)"), required=False)
    request_details = forms.CharField(
        label=_("Nội dung yêu cầu"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: đăng ký khai sinh cho con tên Nguyễn Văn Bình, sinh ngày 02/11/2026."),
    )

    result_delivery = forms.ChoiceField(
        label=_("Nhận kết quả"),
        choices=ResultDelivery.choices,
        initial=ResultDelivery.DESK,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Kết quả điện tử có chữ ký số của cơ quan, tải về ngay trên trang hồ sơ."),
    )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_result_delivery(self) -> str:
        return self.cleaned_data["result_delivery"] or ResultDelivery.DESK


class ConfirmForm(forms.Form):
    """A single confirmation (withdraw): the checkbox says the citizen means it."""

    confirm = forms.BooleanField(
        label=_("Tôi chắc chắn muốn rút hồ sơ này"),
        error_messages={"required": _("Vui lòng đánh dấu ô xác nhận nếu bạn muốn rút hồ sơ.")},
    )
    reason = forms.CharField(label=_("Lý do (không bắt buộc)"), required=False, max_length=500)


class FindCitizenForm(forms.Form):
    identifier = forms.CharField(
        label=_("Số CCCD hoặc số điện thoại của công dân"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class RegisterCitizenForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = phone_field()
    citizen_id = citizen_id_field()
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])
