from django.contrib import admin

from .models import MonthlyReport, PlanTarget


@admin.register(PlanTarget)
class PlanTargetAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "month", "online_target"]
    list_filter = ["year"]
    search_fields = ["agency__name", "agency__identifier"]
    autocomplete_fields = ["agency"]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    """Frozen reports are records: read them here, make new versions from the dashboard."""

    list_display = ["agency", "month", "version", "created_at", "created_by", "emailed_at"]
    list_filter = ["month"]
    search_fields = ["agency__name", "agency__identifier"]
    readonly_fields = [
        "agency",
        "month",
        "version",
        "figures",
        "pdf",
        "created_at",
        "created_by",
        "emailed_at",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
