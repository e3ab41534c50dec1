"""The admin of the classification (reference data): schemes, sectors, groups, sets, standards."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..admin_kit import (
    FoldedNameSearchMixin,
    RegistryAdminMixin,
    date_text,
)
from ..models import (
    ClassificationScheme,
    ProductGroup,
    ProductSet,
    QualityStandard,
    Sector,
)

# --- Classification (reference data) ----------------------------------------------------------


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "valid_from_display", "is_current", "sector_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sector_total=Count("sectors"))

    @admin.display(description=_("valid from"), ordering="valid_from")
    def valid_from_display(self, scheme):
        return date_text(scheme.valid_from)

    @admin.display(description=_("sectors"), ordering="sector_total")
    def sector_count(self, scheme):
        return scheme.sector_total


@admin.register(Sector)
class SectorAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "scheme", "position"]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    autocomplete_fields = ["scheme"]
    ordering = ["-scheme__is_current", "scheme", "position"]


@admin.register(ProductGroup)
class ProductGroupAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "sector", "scheme", "position"]
    list_filter = ["sector__scheme"]
    list_select_related = ["sector__scheme"]
    autocomplete_fields = ["sector"]
    ordering = ["-sector__scheme__is_current", "sector__position", "position"]

    @admin.display(description=_("scheme"), ordering="sector__scheme")
    def scheme(self, group):
        return group.sector.scheme


@admin.register(ProductSet)
class ProductSetAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "group", "sector", "is_service", "product_count"]
    list_filter = ["group__sector__scheme", ("group__sector", admin.RelatedOnlyFieldListFilter), "is_service"]
    list_select_related = ["group__sector__scheme"]
    autocomplete_fields = ["group"]
    prepopulated_fields = {"slug": ["name"]}
    # The current scheme first: also the order offered when choosing a product's set.
    ordering = ["-group__sector__scheme__is_current", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("products"))

    @admin.display(description=_("sector"), ordering="group__sector")
    def sector(self, product_set):
        return product_set.group.sector

    @admin.display(description=_("products"), ordering="product_total")
    def product_count(self, product_set):
        return product_set.product_total


@admin.register(QualityStandard)
class QualityStandardAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "product_count"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("products"))

    @admin.display(description=_("products"), ordering="product_total")
    def product_count(self, standard):
        return standard.product_total
