from django.contrib import admin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "identifier", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "identifier"]
    autocomplete_fields = ["parent"]
