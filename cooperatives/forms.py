"""Forms of the cooperative's space. They validate and hand clean values to the services;
none of them saves anything itself."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import PhoneField
from ocop_portal.uploads import (
    DocumentUploadField,
    ImageUploadField,
    MultipleDocumentUploadField,
    MultipleImageUploadField,
)
from places.models import Commune
from products.models import Product, ProductSet, QualityStandard
from products.services.catalog import PRODUCT_FIELDS

from .models import Cooperative, SupportRequest
from .services import LEGAL_FIELDS, PROFILE_FIELDS


class ProfileForm(forms.ModelForm):
    """Contact details apply at once; a change of name, registration number or type becomes a
    request to the Alliance staff (cooperatives.services.cooperative_profile_update)."""

    phone = PhoneField(label=_("Phone"), required=False)
    logo = ImageUploadField(label=_("Logo"), required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    legal_document = DocumentUploadField(
        label=_("Supporting document for a legal change"),
        required=False,
        help_text=_(
            "Only if you change the name, registration number or type: e.g. the new business registration certificate (PDF or photo)."
        ),
    )

    class Meta:
        model = Cooperative
        fields = [*LEGAL_FIELDS, *PROFILE_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "name": _(
                "A change of name, registration number or type is checked by the Alliance staff before it applies."
            ),
            "members_count": _("Number of members of the cooperative."),
            "leader_name": _("The director or head of the cooperative."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.in_portal_province().order_by("name")
        self.fields["commune"].empty_label = _("— choose —")
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def _post_clean(self):
        # The service validates and saves; the instance (the user's cooperative) stays untouched.
        pass

    def clean_registration_number(self):
        number = self.cleaned_data.get("registration_number", "")
        if number and Cooperative.objects.filter(registration_number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another producer already has this registration number."), code="unique")
        return number

    def profile_data(self) -> dict:
        data = {field: self.cleaned_data[field] for field in PROFILE_FIELDS if field in self.cleaned_data}
        if data.get("logo") is None:  # nothing uploaded, nothing cleared
            data.pop("logo", None)
        return data

    def legal_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in LEGAL_FIELDS if field in self.cleaned_data}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo is False:  # "clear" ticked
            return ""
        return logo


class ProductSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class ProductForm(forms.ModelForm):
    photos = MultipleImageUploadField(label=_("Photos"), required=False, max_files=12)
    photos_alt = forms.CharField(
        label=_("What the photos show"),
        max_length=255,
        required=False,
        help_text=_("A short description for people who cannot see the photos, e.g. “Bag of glutinous rice 2 kg”."),
    )
    product_set = ProductSetChoiceField(
        label=_("Product set (OCOP classification)"), queryset=ProductSet.objects.none()
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Product.Status.ACTIVE, _("On sale")), (Product.Status.DRAFT, _("Draft (not shown to the public)"))],
        initial=Product.Status.ACTIVE,
    )
    quality_standards = forms.ModelMultipleChoiceField(
        label=_("Quality certifications"),
        queryset=QualityStandard.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Product
        fields = [*PRODUCT_FIELDS, "quality_standards"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "story": forms.Textarea(attrs={"rows": 4}),
            "ingredients": forms.Textarea(attrs={"rows": 2}),
            "specification": forms.Textarea(attrs={"rows": 2}),
            "where_to_buy": forms.Textarea(attrs={"rows": 2}),
            "price_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1000}),
            "price_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1000}),
            "barcode": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "barcode": _("The 13 digits under the barcode, e.g. 8931234567895 (optional)."),
            "price_min": _("In đồng, e.g. 50000."),
        }

    def __init__(self, *args, with_photos: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        sets = ProductSet.objects.select_related("group__sector").filter(group__sector__scheme__is_current=True)
        if self.instance.pk and self.instance.product_set_id:
            sets = ProductSet.objects.select_related("group__sector").filter(pk=self.instance.product_set_id) | sets
        field = self.fields["product_set"]
        field.queryset = sets.order_by("group__sector__position", "position")
        field.empty_label = _("— choose —")
        grouped: dict[str, list] = {}
        for product_set in field.queryset:
            sector = product_set.group.sector
            grouped.setdefault(f"{sector.code}. {sector.name}", []).append(
                (product_set.pk, field.label_from_instance(product_set))
            )
        field.widget.choices = [("", field.empty_label), *grouped.items()]
        if self.instance.pk and self.instance.status == Product.Status.ARCHIVED:
            del self.fields["status"]
        if not with_photos:
            del self.fields["photos"]
            del self.fields["photos_alt"]

    def product_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in PRODUCT_FIELDS if field in self.cleaned_data}


class PhotoUploadForm(forms.Form):
    photos = MultipleImageUploadField(label=_("Add photos"), max_files=12)
    photos_alt = forms.CharField(label=_("What the photos show"), max_length=255, required=False)


class SupportRequestForm(forms.ModelForm):
    attachments = MultipleDocumentUploadField(label=_("Documents (optional)"), required=False)

    class Meta:
        model = SupportRequest
        fields = ["kind", "subject", "product", "amount", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "amount": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 1000000}),
        }
        help_texts = {
            "description": _("What you need, for which product, by when."),
            "amount": _("Only for a loan: the amount in đồng, e.g. 200000000."),
        }

    def __init__(self, *args, cooperative: Cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(cooperative=cooperative).exclude(
            status=Product.Status.ARCHIVED
        )
        self.fields["product"].required = False
        self.fields["product"].empty_label = _("— none —")
        self.fields["kind"].choices = [("", _("— choose —")), *SupportRequest.Kind.choices]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == SupportRequest.Kind.LOAN and not cleaned.get("amount"):
            self.add_error("amount", _("Enter the amount of the loan."))
        return cleaned

    def _post_clean(self):
        # The service validates the request itself; the form only checks the fields.
        pass


class AttachmentsForm(forms.Form):
    attachments = MultipleDocumentUploadField(label=_("Add documents"))
