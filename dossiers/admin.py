from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import (
    Attachment,
    Dossier,
    DossierEvent,
    HelperConsent,
    HelperLookup,
    SupplementRequest,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["created_at", "kind", "from_state", "to_state", "actor", "note", "details"]
    readonly_fields = fields
    ordering = ["created_at", "pk"]
    verbose_name = _("sự kiện")
    verbose_name_plural = _("quá trình xử lý (nhật ký)")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["required_document", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields


class SupplementRequestInline(ReadOnlyInline):
    model = SupplementRequest
    fields = ["requested_at", "requested_by", "note", "other_missing", "deadline", "fulfilled_at"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only: a dossier changes only through the services (its state machine)."""

    list_display = ["code", "procedure", "agency", "applicant_name", "state", "channel", "due_at"]
    list_filter = ["state", "channel", "agency", "procedure__field"]
    search_fields = ["code", "applicant_name", "applicant_phone", "applicant_citizen_id"]
    list_select_related = ["procedure", "agency"]
    date_hierarchy = "created_at"
    inlines = [EventInline, SupplementRequestInline, AttachmentInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Dossier | None = None) -> list[str]:
        return [field.name for field in Dossier._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(HelperLookup)
class HelperLookupAdmin(ReadOnlyAdmin):
    """The log of digital-team helpers' searches: who, when, what was typed, who was found."""

    list_display = ["searched_at", "helper", "query", "found"]
    list_select_related = ["helper", "found"]
    search_fields = ["query", "helper__phone", "helper__full_name"]
    date_hierarchy = "searched_at"


@admin.register(HelperConsent)
class HelperConsentAdmin(ReadOnlyAdmin):
    list_display = ["asked_at", "helper", "citizen", "confirmed_at", "dossier"]
    list_select_related = ["helper", "citizen", "dossier"]
    search_fields = ["helper__phone", "citizen__phone", "dossier__code"]
