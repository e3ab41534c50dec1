from django.contrib import admin

from ocop_portal.text import search_filter

from .models import Commune, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type"]
    search_fields = ["name", "code"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division_type", "province"]
    list_filter = ["division_type", "province"]
    list_select_related = ["province"]
    search_fields = ["name"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        if search_term.isdigit():
            return queryset.filter(code=int(search_term)), False
        return queryset.filter(search_filter("search_text", search_term)), False
