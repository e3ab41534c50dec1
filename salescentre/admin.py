"""The sales centre in the admin: its public details and photos (checked by content); the ledger
and the stock are read-only here — movements are entered on the staff's ledger page
(salescentre/views.py), never edited."""

from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.uploads import ImageUploadField
from products.admin_kit import RegistryAdminMixin, RegistryInlineMixin

from .models import ProductStock, SalesCentre, SalesCentrePhoto, StockMovement


class PhotoForm(forms.ModelForm):
    image = ImageUploadField(label=capfirst(_("image")))

    class Meta:
        model = SalesCentrePhoto
        fields = ["image", "alt_text", "position"]


class PhotoInline(RegistryInlineMixin, admin.TabularInline):
    model = SalesCentrePhoto
    form = PhotoForm
    extra = 0


class CentreForm(forms.ModelForm):
    map_url = forms.URLField(label=capfirst(_("map link")), required=False, assume_scheme="https")

    class Meta:
        model = SalesCentre
        fields = [
            "name",
            "slug",
            "address",
            "opening_hours",
            "phone",
            "email",
            "map_url",
            "description",
            "opened_on",
            "closed_on",
        ]


@admin.register(SalesCentre)
class SalesCentreAdmin(RegistryAdminMixin, SimpleHistoryAdmin):
    form = CentreForm
    list_display = ["name", "address", "opened_on", "ledger_link"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PhotoInline]

    @admin.display(description=_("Consignment ledger"))
    def ledger_link(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', reverse("salescentre:ledger"), _("Open the ledger"))


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnly):
    list_display = [
        "occurred_on",
        "kind",
        "product",
        "cooperative",
        "delta",
        "unit_price_vnd",
        "created_by",
        "reverses",
    ]
    list_filter = ["kind", "cooperative"]
    list_select_related = ["product", "cooperative", "created_by", "reverses"]
    search_fields = ["product__name", "cooperative__name", "note"]
    date_hierarchy = "occurred_on"


@admin.register(ProductStock)
class ProductStockAdmin(ReadOnly):
    list_display = ["product", "cooperative", "on_hand", "agreed_price_vnd"]
    list_select_related = ["product", "cooperative"]
    search_fields = ["product__name", "cooperative__name"]
