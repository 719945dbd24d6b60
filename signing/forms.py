from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        help_text=_("Tệp kết quả điện tử bạn nhận được (PDF có chữ ký số)."),
    )

    def clean_document(self) -> bytes:
        upload = self.cleaned_data["document"]
        if upload.size > settings.SIGNING_VERIFY_MAX_BYTES:
            raise ValidationError(_("Tệp quá lớn để kiểm tra."))
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("Tệp này không phải là tệp PDF."))
        return data
