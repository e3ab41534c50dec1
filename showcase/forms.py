from django import forms
from django.utils.translation import gettext_lazy as _

from ocop_portal.validators import normalize_phone, validate_phone

from .models import Enquiry


class EnquiryForm(forms.ModelForm):
    """A buyer's enquiry. `website` is a honeypot: hidden from people, filled in by bots."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Enquiry
        fields = ["name", "organisation", "phone", "email", "quantity", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 4, "maxlength": 3000}),
        }
        labels = {"name": _("Your name")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "enquiry-%s")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "website":
                field.widget.attrs.setdefault("class", "form-control")
        self.fields["message"].help_text = _("What you need, when, and where it should be delivered.")

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.Meta.fields}

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        validate_phone(phone)
        return normalize_phone(phone)

    def clean(self):
        cleaned = super().clean()
        contact_errors = "phone" in self.errors or "email" in self.errors
        if not contact_errors and not (cleaned.get("phone") or cleaned.get("email")):
            self.add_error("phone", _("Give a phone number or an email address so the producer can answer."))
        return cleaned

    def _post_clean(self):
        # The service validates the enquiry in full once the product is known.
        pass
