from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative
from ocop_portal.emails import email_queue
from ocop_portal.validators import normalize_phone, registration_number_validator, validate_phone
from places.models import Commune

from .models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email or the password is wrong. Both are checked exactly; try again."),
    }


class PhoneField(forms.CharField):
    """A Vietnamese phone number, stored without spaces or dots."""

    default_validators = [validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("e.g. 0912 345 678"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_phone(super().to_python(value))


class NewPasswordMixin(forms.Form):
    """Two password fields checked against the portal's password rules."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not too common."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> User:
        """An unsaved user with the form's details, for the similarity check."""
        return User(email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", ""))

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords are not the same."), code="password_mismatch")
        return second

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password2", error)


class SignupSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name of your cooperative"),
        max_length=100,
        required=False,
        help_text=_("Accents are not needed: “dai hoang” finds “Đại Hoàng”."),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. htx nong nghiep khanh trung")}),
    )


class SignupForm(NewPasswordMixin, forms.Form):
    """The account request. With `new_cooperative=True` the main details of a cooperative not
    yet in the registry are asked too; otherwise the chosen cooperative comes in a hidden field."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("You will log in with it; we send a confirmation link to it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneField(label=_("Phone number"))
    position = forms.CharField(
        label=_("Your position in the cooperative"),
        max_length=100,
        required=False,
        help_text=_("e.g. director, accountant"),
    )
    cooperative = forms.ModelChoiceField(
        queryset=Cooperative.objects.active(), required=False, widget=forms.HiddenInput
    )
    new_name = forms.CharField(label=_("Cooperative's name"), max_length=255, required=False)
    new_kind = forms.ChoiceField(
        label=_("Type"), choices=Cooperative.Kind.choices, initial=Cooperative.Kind.COOPERATIVE, required=False
    )
    new_registration_number = forms.CharField(
        label=_("Registration / tax number"),
        max_length=20,
        required=False,
        validators=[registration_number_validator],
        help_text=_("10 digits, e.g. 2700123456; leave empty if not known yet."),
    )
    new_commune = forms.ModelChoiceField(
        label=_("Commune / ward"), queryset=Commune.objects.none(), required=False, empty_label=_("— choose —")
    )
    new_street_address = forms.CharField(label=_("Street address"), max_length=255, required=False)
    new_legal_representative = forms.CharField(label=_("Legal representative"), max_length=150, required=False)
    new_main_products = forms.CharField(
        label=_("Main products"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. glutinous rice, sedge mats, herbal tea"),
    )
    message = forms.CharField(
        label=_("Message to the Alliance (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    NEW_FIELDS = [
        "new_name",
        "new_kind",
        "new_registration_number",
        "new_commune",
        "new_street_address",
        "new_legal_representative",
        "new_main_products",
    ]

    def __init__(self, *args, new_cooperative: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_cooperative = new_cooperative
        if new_cooperative:
            del self.fields["cooperative"]
            self.fields["new_commune"].queryset = Commune.objects.in_portal_province().order_by("name")
            for name in ("new_name", "new_kind", "new_commune"):
                self.fields[name].required = True
        else:
            for name in self.NEW_FIELDS:
                del self.fields[name]
            self.fields["cooperative"].required = True
            self.fields["cooperative"].error_messages["required"] = _("Choose your cooperative in the search first.")
        order = ["full_name", "email", "phone", "position", "password1", "password2"]
        self.order_fields(
            order + [name for name in self.fields if name not in order and name != "message"] + ["message"]
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def new_cooperative_data(self) -> dict | None:
        if not self.new_cooperative:
            return None
        return {name.removeprefix("new_"): self.cleaned_data[name] for name in self.NEW_FIELDS}


class InvitationAcceptForm(NewPasswordMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = PhoneField(label=_("Phone number"), required=False)

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self) -> User:
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email"))
    full_name = forms.CharField(label=_("Colleague's name"), max_length=150, required=False)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through the outbox (email_queue) with the portal's public
    address in the link."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        email_queue(
            to=to_email,
            subject=_("Reset your password on the OCOP portal"),
            template="accounts/email/password_reset",
            context={"user": user, "uid": context["uid"], "token": context["token"], "site_url": settings.SITE_URL},
            language=user.preferred_language,
        )
