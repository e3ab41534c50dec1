"""The registry admin's forms for products, photos and certificates, and the thumbnail cell."""

from django import forms
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ocop_portal.uploads import ImageUploadField

from ..admin_kit import (
    AmountField,
)
from ..models import (
    Certificate,
    Product,
    ProductPhoto,
    default_valid_until,
)
from ..validators import normalize_product_code

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
