from django.contrib import admin

from .models import SignedDocument


@admin.register(SignedDocument)
class SignedDocumentAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "signer", "signed_at"]
    search_fields = ["reference", "sha256"]
    readonly_fields = ["token", "sha256", "title", "reference", "signer", "signed_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
