from django.contrib import admin

from .models import BankTransaction, FreeCase, GatewayOrder, Payment


@admin.register(FreeCase)
class FreeCaseAdmin(admin.ModelAdmin):
    list_display = ["reason", "procedure", "legal_basis"]
    list_filter = ["procedure__field"]
    search_fields = ["reason", "procedure__name"]
    autocomplete_fields = ["procedure"]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["pk", "dossier", "amount", "method", "reference", "received_at", "refunded_at"]
    list_filter = ["method"]
    search_fields = ["dossier__code", "reference", "payer_name"]
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(BankTransaction)
class BankTransactionAdmin(admin.ModelAdmin):
    list_display = ["transaction_id", "amount", "description", "outcome", "problem", "received_at"]
    list_filter = ["outcome", "problem", "source"]
    search_fields = ["transaction_id", "description"]
    readonly_fields = [f.name for f in BankTransaction._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(GatewayOrder)
class GatewayOrderAdmin(admin.ModelAdmin):
    list_display = ["txn_ref", "dossier", "amount", "status", "response_code", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in GatewayOrder._meta.fields]
