from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FreeCase


class CashForm(forms.Form):
    payer_name = forms.CharField(label=_("Người nộp"), max_length=150)
    reference = forms.CharField(
        label=_("Số biên lai giấy (nếu có)"), max_length=100, required=False
    )


class ExemptForm(forms.Form):
    free_case = forms.ModelChoiceField(
        label=_("Trường hợp miễn phí"), queryset=FreeCase.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("Lý do (nếu không có trong danh sách)"), max_length=300, required=False
    )

    def __init__(self, *args: object, procedure_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["free_case"].queryset = FreeCase.objects.filter(procedure_id=procedure_id)

    def clean(self) -> dict:
        data = super().clean()
        case = data.get("free_case")
        data["reason"] = (case.reason if case else "") or data.get("reason", "").strip()
        if not data["reason"]:
            raise forms.ValidationError(_("Vui lòng chọn trường hợp miễn phí hoặc ghi lý do."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), max_length=500)


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Tệp sao kê (CSV)"),
        help_text=_("Các cột: mã giao dịch, số tiền, nội dung chuyển khoản, ngày giao dịch."),
    )
