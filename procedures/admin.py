from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import holiday_sync
from .models import Field, FileKind, Holiday, Procedure, RequiredDocument


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class RequiredDocumentForm(forms.ModelForm):
    accepted_kinds = forms.MultipleChoiceField(
        label=_("Loại tệp chấp nhận"),
        choices=FileKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = RequiredDocument
        fields = ["name", "quantity", "is_mandatory", "blank_form", "accepted_kinds", "order"]


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    form = RequiredDocumentForm
    extra = 1


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "national_code",
        "field",
        "online_level",
        "processing_amount",
        "processing_unit",
        "is_active",
    ]
    list_filter = ["field", "online_level", "processing_unit", "is_active"]
    search_fields = ["name", "national_code"]
    list_select_related = ["field"]
    inlines = [RequiredDocumentInline]
    fieldsets = [
        (None, {"fields": ["name", "national_code", "field", "online_level", "is_active"]}),
        (
            _("Thời hạn giải quyết"),
            {"fields": ["processing_amount", "processing_unit", "same_day_cutoff"]},
        ),
        (_("Phí, lệ phí"), {"fields": ["fee_vnd", "fee_exempt", "fee_note"]}),
        (_("Kết quả và căn cứ"), {"fields": ["result_form", "legal_basis"]}),
    ]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "is_manual"]
    list_filter = ["kind", "is_manual"]
    date_hierarchy = "date"
    search_fields = ["name"]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        year = holiday_sync.missing_next_year()
        if year is not None:
            messages.warning(
                request,
                gettext(
                    "Bảng ngày nghỉ lễ chưa có năm %(year)s: ngày hẹn trả rơi vào năm đó sẽ "
                    "không tính được. Chạy lệnh load_catalog hoặc chờ tác vụ đồng bộ hằng năm, "
                    "rồi kiểm tra lại các ngày nghỉ bù."
                )
                % {"year": year},
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.is_manual = True  # an administrator's correction survives a reload of the calendar
        super().save_model(request, obj, form, change)
