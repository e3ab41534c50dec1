from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cooperatives.admin import FoldedSearchMixin

from .models import (
    Certificate,
    ClassificationScheme,
    Product,
    ProductGroup,
    ProductPhoto,
    ProductSet,
    QualityStandard,
    Sector,
)


class ProductPhotoInline(admin.TabularInline):
    model = ProductPhoto
    extra = 0
    fields = ["image", "alt_text", "position"]


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ["stars", "score", "decision_number", "decision_date", "valid_until", "product_code", "status"]
    show_change_link = True


@admin.register(Product)
class ProductAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "cooperative", "product_set", "stars", "status"]
    list_filter = ["status", "stars", "product_set__group__sector"]
    list_select_related = ["cooperative", "product_set"]
    autocomplete_fields = ["cooperative", "product_set"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["quality_standards"]
    inlines = [ProductPhotoInline, CertificateInline]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["product_code", "product", "stars", "decision_number", "decision_date", "valid_until", "status"]
    list_filter = ["status", "stars", "issuer"]
    list_select_related = ["product"]
    autocomplete_fields = ["product", "previous"]
    search_fields = ["product_code", "decision_number", "product__search_text"]
    date_hierarchy = "decision_date"


@admin.register(ClassificationScheme)
class ClassificationSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "valid_from", "is_current"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scheme"]
    list_filter = ["scheme"]


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sector"]
    list_filter = ["sector__scheme"]


@admin.register(ProductSet)
class ProductSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "is_service"]
    list_filter = ["group__sector__scheme", "group__sector"]
    list_select_related = ["group__sector__scheme"]
    search_fields = ["name", "code"]


@admin.register(QualityStandard)
class QualityStandardAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]
