"""The admin of OCOP certificates."""

import datetime

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.text import search_filter

from ..admin_kit import (
    EXPIRY_WARNING_DAYS,
    CommuneListFilter,
    ExcelImportExportMixin,
    RegistryAdminMixin,
    RegistryHistoryMixin,
    StarsListFilter,
    YearListFilter,
    certificate_status_badge,
    date_text,
    stars_html,
)
from ..models import (
    Certificate,
)
from ..resources import CertificateResource
from ..services.certificates import certificate_delete, certificate_revoke, certificate_save
from .forms import CertificateAdminForm

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
