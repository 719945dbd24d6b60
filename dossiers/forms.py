"""Forms of the officer's actions. Each carries the dossier version the officer saw."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import normalize_phone, validate_citizen_id, validate_phone
from motcua.widgets import PlainSelect
from procedures.cache import filter_choices
from procedures.models import Procedure, RequiredDocument

from .applicants import ApplicantDetails
from .events import StopReason
from .models import Channel, Dossier
from .results import may_return_online
from .workflow import State


class VersionedForm(forms.Form):
    """An officer's action on one dossier, carrying the version of the page the officer saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier

    @property
    def seen_version(self) -> int:
        return self.cleaned_data["version"]


class AcceptForm(VersionedForm):
    pass


class ReturnResultForm(VersionedForm):
    pass


class RejectForm(VersionedForm):
    reasons = forms.CharField(
        label=_("Lý do từ chối tiếp nhận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RequestDocumentsForm(VersionedForm):
    missing = forms.ModelMultipleChoiceField(
        label=_("Giấy tờ còn thiếu hoặc chưa đạt"),
        queryset=RequiredDocument.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_missing = forms.CharField(
        label=_("Giấy tờ khác cần bổ sung"), required=False, max_length=1000
    )
    note = forms.CharField(
        label=_("Hướng dẫn cho công dân"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    deadline = forms.DateField(
        label=_("Hạn bổ sung"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        documents = dossier.procedure.required_documents.all()
        missing = self.fields["missing"]
        missing.queryset = documents
        # Drawn from the documents as read (the officer's page prefetches them): the field's
        # own choices would read them again, through a server-side cursor, at every render.
        missing.widget.choices = [(doc.pk, missing.label_from_instance(doc)) for doc in documents]
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(days=7)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("missing") and not (cleaned.get("other_missing") or "").strip():
            raise forms.ValidationError(_("Vui lòng chọn ít nhất một giấy tờ còn thiếu."))
        return cleaned


class ApologyForm(VersionedForm):
    new_due_date = forms.DateField(
        label=_("Ngày hẹn trả mới"), widget=forms.DateInput(attrs={"type": "date"})
    )
    new_due_time = forms.TimeField(
        label=_("Giờ hẹn"),
        initial=datetime.time(16, 0),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trễ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def new_due_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(
            self.cleaned_data["new_due_date"], self.cleaned_data["new_due_time"]
        )
        return timezone.make_aware(naive)


class ExtendSupplementForm(VersionedForm):
    deadline = forms.DateField(
        label=_("Hạn bổ sung mới"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Ghi chú cho công dân"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        self.fields["deadline"].initial = timezone.localdate() + datetime.timedelta(days=7)


class StopForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Lý do dừng xử lý"), choices=StopReason.choices)
    reasons = forms.CharField(
        label=_("Lý do cụ thể (ghi trên thông báo gửi công dân)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        if dossier.state == State.MISSING_DOCUMENTS:
            self.fields["reason"].initial = StopReason.SUPPLEMENT_OVERDUE


class RecordResultForm(VersionedForm):
    result_file = forms.FileField(label=_("Tệp kết quả (PDF hoặc ảnh)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú (ví dụ: nhận bản giấy tại quầy một cửa)"), required=False, max_length=500
    )
    return_now = forms.BooleanField(
        label=_("Trả kết quả điện tử ngay cho công dân"), required=False
    )

    def __init__(self, *args: object, dossier: Dossier, **kwargs: object) -> None:
        super().__init__(*args, dossier=dossier, **kwargs)
        if not self.is_bound and not may_return_online(dossier):
            # Only level 4 (or a citizen who asked for an electronic result) gets the signed
            # result at once; a crafted post that asks for it anyway is refused by the service.
            del self.fields["return_now"]


class QueueFilterForm(forms.Form):
    """The queue's filters; the catalog's choices come from its cache (no query per page)."""

    q = forms.CharField(label=_("Tìm mã hồ sơ, tên, số điện thoại, CCCD"), required=False)
    field = forms.TypedChoiceField(
        label=_("Lĩnh vực"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    procedure = forms.TypedChoiceField(
        label=_("Thủ tục"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    channel = forms.ChoiceField(
        label=_("Kênh"),
        required=False,
        choices=[("", _("Tất cả")), *Channel.choices],
        widget=PlainSelect,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        fields, procedures = filter_choices()
        self.fields["field"].choices = [("", _("Tất cả")), *fields]
        self.fields["procedure"].choices = [("", _("Tất cả")), *procedures]


class DeskDossierForm(forms.Form):
    """A walk-in or postal dossier typed in by the officer."""

    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.active().select_related("field")
    )
    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[(Channel.DIRECT, Channel.DIRECT.label), (Channel.POSTAL, Channel.POSTAL.label)],
        initial=Channel.DIRECT,
    )
    full_name = forms.CharField(label=_("Họ và tên người nộp"), max_length=150)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=15, validators=[validate_phone])
    citizen_id = forms.CharField(
        label=_("Số CCCD"), max_length=12, required=False, validators=[validate_citizen_id]
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    request_details = forms.CharField(
        label=_("Nội dung yêu cầu"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def applicant_details(self) -> ApplicantDetails:
        return ApplicantDetails.from_form(self.cleaned_data)
