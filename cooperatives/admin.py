from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.text import search_filter

from .models import Cooperative, Membership


class FoldedSearchMixin:
    """Admin search through the folded `search_text` column: "dai hoang" finds "Đại Hoàng"."""

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(search_filter("search_text", search_term)), False


@admin.register(Cooperative)
class CooperativeAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "commune", "former_district", "status", "ocop_joined_year"]
    list_filter = ["kind", "status", "is_alliance_member", "newly_founded", "ocop_joined_year"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "cooperative", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "cooperative"]
    autocomplete_fields = ["user", "cooperative"]
    search_fields = ["user__email", "cooperative__name"]
