from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Enquiry, FeaturedProduct, ProductCode


@admin.register(FeaturedProduct)
class FeaturedProductAdmin(admin.ModelAdmin):
    list_display = ["product", "position", "note"]
    list_editable = ["position"]
    list_select_related = ["product"]
    autocomplete_fields = ["product"]


@admin.register(ProductCode)
class ProductCodeAdmin(admin.ModelAdmin):
    """Codes are created automatically and never change: printed labels depend on them."""

    list_display = ["code", "product", "created_at"]
    list_select_related = ["product"]
    search_fields = ["code", "product__name"]
    readonly_fields = ["code", "product", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "organisation", "product", "cooperative", "status"]
    list_filter = ["status", "created_at"]
    list_select_related = ["product", "cooperative"]
    search_fields = ["name", "organisation", "email", "phone", "message", "cooperative__name", "product__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["cooperative", "product", "language", "created_at", "updated_at", "handled_at", "handled_by"]
    fieldsets = [
        (None, {"fields": ["cooperative", "product", "status"]}),
        (_("Buyer"), {"fields": ["name", "organisation", "phone", "email"]}),
        (_("Request"), {"fields": ["quantity", "message", "language"]}),
        (_("Follow-up"), {"fields": ["handled_at", "handled_by", "created_at", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        return False
