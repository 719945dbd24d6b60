from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Superusers manage the whole tree; an administrator only their own agency's subtree,
    and never moves their own agency (its parent is outside their reach)."""

    list_display = ["name", "identifier", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "identifier"]
    autocomplete_fields = ["parent"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        agencies = super().get_queryset(request)
        if request.user.is_superuser:
            return agencies
        own = getattr(request.user, "agency", None)
        return agencies.subtree(own) if own else agencies.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = self.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Agency | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        own = getattr(request.user, "agency_id", None)
        if obj is not None and not request.user.is_superuser and obj.pk == own:
            readonly.append("parent")
        return readonly

    def has_add_permission(self, request: HttpRequest) -> bool:
        own = getattr(request.user, "agency_id", None)
        return super().has_add_permission(request) and (request.user.is_superuser or bool(own))
