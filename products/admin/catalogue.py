"""The admin of products and their photos (with the photos and certificates inlines)."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperatives.admin import FoldedSearchMixin
from ocop_portal.models import instance_adopt
from ocop_portal.text import search_filter

from ..admin_kit import (
    CommuneListFilter,
    ExcelImportExportMixin,
    RegistryAdminMixin,
    RegistryHistoryMixin,
    RegistryInlineMixin,
    StarsListFilter,
    YearListFilter,
    badge,
    certificate_status_badge,
    date_text,
    price_range_text,
    stars_html,
)
from ..models import (
    Certificate,
    Product,
    ProductPhoto,
)
from ..resources import ProductResource
from ..services import catalog
from ..services.certificates import certificate_delete, certificate_save
from .forms import PRODUCT_STATUS_TONES, CertificateAdminForm, PhotoAdminForm, ProductAdminForm, _thumbnail

# --- Inlines ----------------------------------------------------------------------------------


class ProductPhotoInline(RegistryInlineMixin, admin.TabularInline):
    model = ProductPhoto
    form = PhotoAdminForm
    extra = 0
    fields = ["preview", "image", "alt_text", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return _thumbnail(photo if photo.pk else None)


class CertificateInlineForm(CertificateAdminForm):
    class Meta(CertificateAdminForm.Meta):
        widgets = {
            "product_code": forms.TextInput(attrs={"size": 19, "placeholder": "37-14464-003-2026"}),
            "decision_number": forms.TextInput(attrs={"size": 16}),
            "stars": forms.NumberInput(attrs={"min": 3, "max": 5, "style": "width: 4em"}),
        }


class CertificateInline(RegistryInlineMixin, admin.TabularInline):
    """The product's certificates at a glance; the score, the validity dates and a revocation
    are edited on the certificate's own page (pencil link)."""

    model = Certificate
    form = CertificateInlineForm
    fk_name = "product"
    extra = 0
    fields = ["product_code", "stars", "decision_number", "decision_date", "status", "validity"]
    readonly_fields = ["validity"]
    show_change_link = True

    @admin.display(description=_("validity"))
    def validity(self, certificate):
        if not certificate.pk:
            return "—"
        return format_html(
            '{}<span class="registry-subline">{}</span>',
            certificate_status_badge(certificate),
            _("until %(date)s") % {"date": date_text(certificate.valid_until)},
        )


# --- Products ---------------------------------------------------------------------------------


@admin.register(Product)
class ProductAdmin(
    RegistryAdminMixin, ExcelImportExportMixin, RegistryHistoryMixin, FoldedSearchMixin, SimpleHistoryAdmin
):
    form = ProductAdminForm
    resource_classes = [ProductResource]
    import_help = _(
        "A row updates the product with the same web address (slug), or the same name at the same producer; "
        "otherwise it adds a product. The producer is written by name or registration number, the product set "
        "by its code (e.g. 03)."
    )
    # Six narrow columns fit beside the menu and the filters; the status shows under the name
    # only when the product is not on sale (the status filter lists them all).
    list_display = ["photo", "name_display", "producer_display", "stars_display", "price_display"]
    list_display_links = ["name_display"]
    list_filter = [
        "status",
        StarsListFilter,
        ("product_set__group__sector", admin.RelatedOnlyFieldListFilter),
        ("product_set", admin.RelatedOnlyFieldListFilter),
        CommuneListFilter.on("cooperative__commune"),
        "cooperative__kind",
        YearListFilter.on("certified_at", _("year certified"), "certified_year"),
    ]
    list_select_related = ["cooperative__commune", "product_set__group__sector__scheme"]
    search_help_text = _("Product, producer, commune or former district; diacritics optional.")
    autocomplete_fields = ["cooperative", "product_set"]
    readonly_fields = ["stars_display", "certified_on"]
    inlines = [ProductPhotoInline, CertificateInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "cooperative", "product_set", "status"]}),
        (_("Sale"), {"fields": ["unit", "packaging", "price_min", "price_max", "where_to_buy"]}),
        (_("Presentation"), {"fields": ["description", "story", "ingredients", "specification"]}),
        (_("Quality and traceability"), {"fields": ["quality_standards", "barcode"]}),
        (_("OCOP rating (from the valid certificate)"), {"fields": ["stars_display", "certified_on"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "pk"), to_attr="ordered_photos")
            )
        )

    def save_model(self, request, obj, form, change):
        """Through the catalogue's services, as the space and the import do (the slug rule, the
        QR code of a new product, the public pages)."""
        data = {field: getattr(obj, field) for field in catalog.STAFF_PRODUCT_FIELDS}
        if change:
            saved = catalog.product_update(product=obj, by=request.user, data=data)
        else:
            del data["cooperative"]
            saved = catalog.product_create(cooperative=obj.cooperative, by=request.user, data=data)
        instance_adopt(obj, saved)

    def save_formset(self, request, form, formset, change):
        if formset.model is Certificate:
            certificates_formset_save(formset, by=request.user)
            return
        super().save_formset(request, form, formset, change)
        if formset.model is ProductPhoto:
            for photo_form in formset.forms:
                photo = photo_form.instance
                if photo.pk and "image" in photo_form.changed_data:
                    catalog.photo_image_replace(photo=photo)

    @admin.display(description=_("photo"))
    def photo(self, product):
        photos = getattr(product, "ordered_photos", None)
        return _thumbnail(photos[0] if photos else None)

    @admin.display(description=_("product"), ordering="name")
    def name_display(self, product):
        status = ""
        if product.status != Product.Status.ACTIVE:
            status = format_html(" {}", badge(product.get_status_display(), PRODUCT_STATUS_TONES[product.status]))
        return format_html('{}{}<span class="registry-subline">{}</span>', product.name, status, product.product_set)

    @admin.display(description=_("producer"), ordering="cooperative__name")
    def producer_display(self, product):
        cooperative = product.cooperative
        place = cooperative.commune.name if cooperative.commune else ""
        if cooperative.former_district:
            former = _("before 2025: %(district)s") % {"district": cooperative.former_district}
            place = f"{place} ({former})" if place else former
        return format_html('{}<span class="registry-subline">{}</span>', cooperative.name, place)

    @admin.display(description=_("OCOP stars"), ordering="stars")
    def stars_display(self, product):
        return stars_html(product.stars)

    @admin.display(description=_("certified on"))
    def certified_on(self, product):
        return date_text(product.certified_at)

    @admin.display(description=_("price"), ordering="price_min")
    def price_display(self, product):
        return format_html(
            '<span class="registry-nowrap">{}</span>', price_range_text(product.price_min, product.price_max)
        )


def certificates_formset_save(formset, *, by) -> None:
    """The certificates inline writes each row through certificate_save / certificate_delete,
    so the product's stars and the public pages follow as they do from the certificate's page."""
    for certificate in formset.save(commit=False):
        certificate_save(certificate=certificate, by=by)
    for certificate in formset.deleted_objects:
        certificate_delete(certificate=certificate, by=by)


@admin.register(ProductPhoto)
class ProductPhotoAdmin(RegistryAdminMixin, admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["preview", "product", "alt_text_display", "position"]
    list_display_links = ["preview", "product"]
    list_filter = [("alt_text", admin.EmptyFieldListFilter)]
    list_select_related = ["product"]
    search_fields = ["product__search_text"]
    search_help_text = _("Product name; diacritics optional.")
    autocomplete_fields = ["product"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(search_filter("product__search_text", search_term)), False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            catalog.photo_image_replace(photo=obj)

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return _thumbnail(photo)

    @admin.display(description=_("alternative text"), ordering="alt_text")
    def alt_text_display(self, photo):
        return photo.alt_text or badge(_("missing"), "warn")
