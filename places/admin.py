from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ocop_portal.text import search_filter
from products.admin_kit import FoldedNameSearchMixin, RegistryAdminMixin

from .models import Commune, Province
from .selectors import portal_first_ordering, portal_province_code


@admin.register(Province)
class ProvinceAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "division_type", "commune_count"]
    search_help_text = _("Name or official code; diacritics optional.")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(commune_total=Count("communes"))

    @admin.display(description=_("communes / wards"), ordering="commune_total")
    def commune_count(self, province):
        return province.commune_total


@admin.register(Commune)
class CommuneAdmin(RegistryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "division_type", "province", "cooperative_count"]
    list_filter = ["province", "division_type"]
    list_select_related = ["province"]
    search_fields = ["name"]
    search_help_text = _("Name (diacritics optional) or official code, e.g. khanh trung or 14608.")

    def get_queryset(self, request):
        # The portal province's communes first: also the order of the autocomplete in forms.
        return super().get_queryset(request).annotate(cooperative_total=Count("cooperatives"))

    def get_ordering(self, request):
        # The portal province's communes first: also the order of the autocomplete in forms.
        return [portal_first_ordering(), "name"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if self._is_autocomplete(request) and not term:
            # Choosing a producer's commune: start with the portal province's 129 units.
            return queryset.filter(province_id=portal_province_code()), False
        if not term:
            return queryset, False
        if term.isdigit():
            return queryset.filter(code=int(term)), False
        return queryset.filter(search_filter("search_text", term)), False

    @staticmethod
    def _is_autocomplete(request) -> bool:
        match = getattr(request, "resolver_match", None)
        return bool(match and match.url_name == "autocomplete")

    @admin.display(description=_("producers"), ordering="cooperative_total")
    def cooperative_count(self, commune):
        return commune.cooperative_total
