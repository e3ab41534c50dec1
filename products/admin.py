import datetime

from django import forms
from django.contrib import admin
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from cooperatives.admin import FoldedSearchMixin
from ocop_portal.models import instance_adopt
from ocop_portal.text import search_filter
from ocop_portal.uploads import ImageUploadField

from .admin_kit import (
    EXPIRY_WARNING_DAYS,
    AmountField,
    CommuneListFilter,
    ExcelImportExportMixin,
    FoldedNameSearchMixin,
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
from .models import (
    Certificate,
    ClassificationScheme,
    Product,
    ProductGroup,
    ProductPhoto,
    ProductSet,
    QualityStandard,
    Sector,
    default_valid_until,
)
from .resources import CertificateResource, ProductResource
from .services import catalog
from .services.certificates import certificate_delete, certificate_revoke, certificate_save
from .validators import normalize_product_code

PRODUCT_STATUS_TONES = {
    Product.Status.ACTIVE: "ok",
    Product.Status.DRAFT: "info",
    Product.Status.ARCHIVED: "muted",
}


def _thumbnail(photo, *, large=False):
    if photo is None or not photo.image:
        return format_html('<span class="registry-muted">{}</span>', _("no photo"))
    source = photo.thumbnail_fallback or photo.image
    return format_html(
        '<img src="{}" alt="{}" class="registry-thumb{}" loading="lazy">',
        source.url,
        photo.alt_text,
        " registry-thumb--large" if large else "",
    )


# --- Forms ------------------------------------------------------------------------------------


class ProductAdminForm(forms.ModelForm):
    # Wider than the 14 digits stored: spaces typed between the digit groups are removed.
    barcode = forms.CharField(
        label=capfirst(Product._meta.get_field("barcode").verbose_name), max_length=30, required=False
    )
    price_min = AmountField(label=capfirst(Product._meta.get_field("price_min").verbose_name), required=False)
    price_max = AmountField(label=capfirst(Product._meta.get_field("price_max").verbose_name), required=False)

    class Meta:
        model = Product
        fields = [
            "name",
            "slug",
            "cooperative",
            "product_set",
            "status",
            "unit",
            "packaging",
            "price_min",
            "price_max",
            "where_to_buy",
            "description",
            "story",
            "ingredients",
            "specification",
            "quality_standards",
            "barcode",
        ]
        widgets = {"quality_standards": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Part of the public web address and of the QR code: never change it once labels are printed. "
            "Empty: made from the name."
        )

    def clean_barcode(self):
        return (self.cleaned_data.get("barcode") or "").replace(" ", "")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The lowest price cannot exceed the highest price."))
        return cleaned


class CertificateAdminForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = [
            "product",
            "product_code",
            "stars",
            "score",
            "previous",
            "decision_number",
            "decision_date",
            "issuer",
            "issuer_name",
            "valid_from",
            "valid_until",
            "status",
            "revocation_ground",
            "revocation_note",
            "revoked_on",
        ]

    def clean_product_code(self):
        return normalize_product_code(self.cleaned_data.get("product_code"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Certificate.Status.REVOKED and not (
            cleaned.get("revocation_ground")
            or ("revocation_ground" not in self.fields and self.instance.revocation_ground)
        ):
            if "revocation_ground" in self.fields:
                self.add_error("revocation_ground", _("A revoked certificate needs a revocation ground: choose one."))
            else:
                self.add_error(
                    "status",
                    _("To revoke a certificate, open it (pencil link) and choose the revocation ground there."),
                )
        # The model's defaults, applied now so that they are checked and shown if wrong.
        decision_date = cleaned.get("decision_date")
        if "valid_from" in self.fields and decision_date and not cleaned.get("valid_from"):
            cleaned["valid_from"] = decision_date
        valid_from = cleaned.get("valid_from") or self.instance.valid_from or decision_date
        if "valid_until" in self.fields and valid_from and not cleaned.get("valid_until"):
            cleaned["valid_until"] = default_valid_until(valid_from)
        valid_until = cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("The end of validity must come after its start."))
        return cleaned


class PhotoAdminForm(forms.ModelForm):
    image = ImageUploadField(label=capfirst(ProductPhoto._meta.get_field("image").verbose_name))

    class Meta:
        model = ProductPhoto
        fields = ["product", "image", "alt_text", "position"]


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


# --- Certificates -----------------------------------------------------------------------------


class ValidityListFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [
            ("valid", pgettext_lazy("certificate validity", "Valid")),
            ("expiring", _("Expires within 180 days")),
            ("expired", pgettext_lazy("certificate validity", "Expired")),
            ("revoked", pgettext_lazy("certificate validity", "Revoked")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        valid = Q(status=Certificate.Status.VALID, valid_until__gte=today)
        if self.value() == "valid":
            return queryset.filter(valid)
        if self.value() == "expiring":
            return queryset.filter(valid, valid_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS))
        if self.value() == "expired":
            return queryset.filter(
                Q(status=Certificate.Status.EXPIRED) | Q(status=Certificate.Status.VALID, valid_until__lt=today)
            )
        if self.value() == "revoked":
            return queryset.filter(status=Certificate.Status.REVOKED)
        return queryset


class CertificateStarsFilter(StarsListFilter):
    include_unrated = False


@admin.register(Certificate)
class CertificateAdmin(RegistryAdminMixin, ExcelImportExportMixin, RegistryHistoryMixin, SimpleHistoryAdmin):
    form = CertificateAdminForm
    resource_classes = [CertificateResource]
    import_help = _(
        "A row updates the certificate with the same product code; otherwise it adds one. The product is found "
        "by its web address (slug), or by its name and producer. Empty validity dates: from the decision date, "
        "for the period of the criteria in force (36 months), to the same day of the last month."
    )
    list_display = ["code_display", "product_display", "stars_display", "decision_display", "status_display"]
    list_filter = [
        ValidityListFilter,
        CertificateStarsFilter,
        "issuer",
        YearListFilter.on("decision_date", _("decision year"), "decision_year"),
        ("product__product_set__group__sector", admin.RelatedOnlyFieldListFilter),
        CommuneListFilter.on("product__cooperative__commune"),
    ]
    list_select_related = ["product__cooperative"]
    search_fields = ["product_code"]
    search_help_text = _("Product code, decision number, product or producer; diacritics optional.")
    autocomplete_fields = ["product", "previous"]
    fieldsets = [
        (None, {"fields": ["product", "product_code", "stars", "score", "previous"]}),
        (_("Decision"), {"fields": ["decision_number", "decision_date", "issuer", "issuer_name"]}),
        (_("Validity"), {"fields": ["valid_from", "valid_until", "status"]}),
        (_("Revocation"), {"fields": ["revocation_ground", "revocation_note", "revoked_on"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Revoking a valid certificate goes through the service, so the cooperative is told by
        email like any other revocation; the other edits of the form are saved with it."""
        was_valid = change and form.initial.get("status") == Certificate.Status.VALID
        if not (was_valid and obj.status == Certificate.Status.REVOKED):
            certificate_save(certificate=obj, by=request.user)
            return
        ground, note, revoked_on = obj.revocation_ground, obj.revocation_note, obj.revoked_on
        obj.status, obj.revocation_ground, obj.revocation_note, obj.revoked_on = Certificate.Status.VALID, "", "", None
        certificate_save(certificate=obj, by=request.user)
        revoked = certificate_revoke(certificate=obj, ground=ground, by=request.user, note=note, on=revoked_on)
        obj.status, obj.revocation_ground, obj.revocation_note, obj.revoked_on = (
            revoked.status,
            revoked.revocation_ground,
            revoked.revocation_note,
            revoked.revoked_on,
        )

    def delete_model(self, request, obj):
        certificate_delete(certificate=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for certificate in queryset:
            certificate_delete(certificate=certificate, by=request.user)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        return (
            queryset.filter(
                Q(product_code__icontains=term)
                | Q(decision_number__icontains=term)
                | search_filter("product__search_text", term)
            ),
            False,
        )

    @admin.display(description=_("product"), ordering="product__name")
    def product_display(self, certificate):
        return format_html(
            '{}<span class="registry-subline">{}</span>', certificate.product.name, certificate.product.cooperative.name
        )

    @admin.display(description=_("stars"), ordering="stars")
    def stars_display(self, certificate):
        return stars_html(certificate.stars)

    @admin.display(description=_("decision"), ordering="decision_date")
    def decision_display(self, certificate):
        return format_html(
            '{}<span class="registry-subline">{}</span>',
            certificate.decision_number,
            date_text(certificate.decision_date),
        )

    @admin.display(description=_("product code"), ordering="product_code")
    def code_display(self, certificate):
        return format_html('<span class="registry-nowrap">{}</span>', certificate.product_code)

    @admin.display(description=_("validity"), ordering="valid_until")
    def status_display(self, certificate):
        return format_html(
            '{}<span class="registry-subline">{}</span>',
            certificate_status_badge(certificate),
            _("until %(date)s") % {"date": date_text(certificate.valid_until)},
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
    list_display = ["code", "name", "scheme", "position"]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    autocomplete_fields = ["scheme"]
    ordering = ["-scheme__is_current", "scheme", "position"]


@admin.register(ProductGroup)
class ProductGroupAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "sector", "scheme", "position"]
    list_filter = ["sector__scheme"]
    list_select_related = ["sector__scheme"]
    autocomplete_fields = ["sector"]
    ordering = ["-sector__scheme__is_current", "sector__position", "position"]

    @admin.display(description=_("scheme"), ordering="sector__scheme")
    def scheme(self, group):
        return group.sector.scheme


@admin.register(ProductSet)
class ProductSetAdmin(RegistryAdminMixin, FoldedNameSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "group", "sector", "is_service", "product_count"]
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
