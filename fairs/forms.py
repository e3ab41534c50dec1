from django import forms
from django.utils.translation import gettext_lazy as _

from ocop_portal.uploads import ImageUploadField
from ocop_portal.validators import normalize_phone, validate_phone
from products.admin_kit import AmountField

from . import eligibility
from .models import Application, Buyer, Event, Meeting
from .services.applications import MAX_BOOTH_STAFF, SupportWanted

BOOTH_STAFF_ROWS = 3


def _unbound(args, kwargs) -> bool:
    """No data given (GET): the form shows the record's current values."""
    return (args[0] if args else kwargs.get("data")) is None


class ProductChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, verdicts=None, **kwargs):
        self.verdicts = verdicts or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, product):
        verdict = self.verdicts.get(product.pk)
        if verdict is None:
            return product.name
        if verdict.stars:
            return f"{product.name} — {'★' * verdict.stars}"
        if verdict.eligible and verdict.in_pipeline:
            return f"{product.name} — {_('OCOP dossier under review')}"
        return f"{product.name} — {_('not eligible')}"


class ApplicationForm(forms.Form):
    """Apply for a booth (or change an application): the cooperative's products, the booth type,
    the support asked for, who staffs the booth, notes. The service checks eligibility."""

    booth_type = forms.ModelChoiceField(
        label=_("Booth type"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    products = ProductChoiceField(
        label=_("Products to show"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("One of the chosen products is not a product of your cooperative.")},
        help_text=_("Only products with an OCOP certificate valid on the first day of the event can be shown."),
    )
    notes = forms.CharField(
        label=_("Notes for the Alliance"), required=False, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
    )

    def __init__(self, *args, event: Event, cooperative, application: Application | None = None, **kwargs):
        if application is not None and _unbound(args, kwargs):
            kwargs["initial"] = self.initial_from(application)
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["booth_type"].queryset = event.booth_types.all()
        if event.booth_types.count() == 1:
            self.fields["booth_type"].initial = event.booth_types.first().pk
        candidates = list(eligibility.candidate_products(cooperative))
        self.verdicts = {v.product.pk: v for v in eligibility.verdicts(event=event, products=candidates)}
        self.fields["products"].queryset = eligibility.candidate_products(cooperative)
        self.fields["products"].verdicts = self.verdicts
        self.supports = list(event.supports.all())
        for support in self.supports:
            self.fields[f"support_{support.pk}"] = forms.BooleanField(
                label=f"{support.get_kind_display()} — {support.rule_label}", required=False
            )
            if support.needs_cost:
                self.fields[f"support_{support.pk}_cost"] = AmountField(
                    label=_("Expected cost of %(support)s (VND)") % {"support": support.get_kind_display().lower()},
                    required=False,
                )
        for index in range(BOOTH_STAFF_ROWS):
            self.fields[f"person_{index}_name"] = forms.CharField(
                label=_("Name"), required=False, max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
            )
            self.fields[f"person_{index}_phone"] = forms.CharField(
                label=_("Phone"), required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
            )

    @staticmethod
    def initial_from(application: Application) -> dict:
        initial = {
            "booth_type": application.booth_type_id,
            "products": [shown.product_id for shown in application.shown_products.all()],
            "notes": application.notes,
        }
        for request in application.support_requests.all():
            initial[f"support_{request.support_id}"] = True
            initial[f"support_{request.support_id}_cost"] = request.cost_vnd
        for index, person in enumerate(application.booth_staff[:BOOTH_STAFF_ROWS]):
            initial[f"person_{index}_name"] = person.get("name", "")
            initial[f"person_{index}_phone"] = person.get("phone", "")
        return initial

    def clean(self):
        cleaned = super().clean()
        for index in range(BOOTH_STAFF_ROWS):
            phone = cleaned.get(f"person_{index}_phone", "")
            if phone:
                try:
                    validate_phone(phone)
                except forms.ValidationError as error:
                    self.add_error(f"person_{index}_phone", error)
                else:
                    cleaned[f"person_{index}_phone"] = normalize_phone(phone)
        return cleaned

    @property
    def people_fields(self):
        return [(self[f"person_{i}_name"], self[f"person_{i}_phone"]) for i in range(BOOTH_STAFF_ROWS)]

    @property
    def support_fields(self):
        return [
            (self[f"support_{s.pk}"], self[f"support_{s.pk}_cost"] if s.needs_cost else None) for s in self.supports
        ]

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "booth_type": data["booth_type"],
            "products": list(data["products"]),
            "supports": [
                SupportWanted(support_id=s.pk, cost_vnd=data.get(f"support_{s.pk}_cost"))
                for s in self.supports
                if data.get(f"support_{s.pk}")
            ],
            "booth_staff": [
                {"name": data.get(f"person_{i}_name", ""), "phone": data.get(f"person_{i}_phone", "")}
                for i in range(BOOTH_STAFF_ROWS)
            ][:MAX_BOOTH_STAFF],
            "notes": data.get("notes", ""),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Application.Status.ACCEPTED, _("Accept")),
            (Application.Status.RESERVE, _("Reserve list")),
            (Application.Status.REFUSED, _("Refuse")),
        ]
    )
    note = forms.CharField(label=_("Note to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OutcomeForm(forms.Form):
    sales_vnd = AmountField(label=_("Sales at the event (VND)"), required=False)
    contracts_count = forms.IntegerField(label=_("Orders or contracts signed"), min_value=0, required=False)
    contracts_value_vnd = AmountField(label=_("Their total value (VND)"), required=False)
    contract_buyers = forms.CharField(
        label=_("Buyers of the orders and contracts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who ordered or signed, one per line."),
    )
    new_buyers = forms.IntegerField(label=_("New buyers contacted"), min_value=0, required=False)
    note = forms.CharField(label=_("Short note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, report=None, **kwargs):
        if report is not None and _unbound(args, kwargs):
            kwargs["initial"] = {field: getattr(report, field) for field in self.base_fields}
        super().__init__(*args, **kwargs)
        for name in ("contracts_count", "new_buyers"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})


class OutcomeCorrectionForm(OutcomeForm):
    reason = forms.CharField(label=_("What was corrected and why"), max_length=255)


class BoothPlanForm(forms.Form):
    booth_plan = ImageUploadField(label=_("Booth plan (image)"))


class BuyerForm(forms.ModelForm):
    """The public registration of a buyer. `website` is a honeypot: hidden from people."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Buyer
        fields = ["company", "kind", "contact_name", "position", "email", "phone", "province", "wants", "volumes"]
        widgets = {
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "wants": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("— choose —")), *Buyer.Kind.choices]

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        validate_phone(phone)
        return normalize_phone(phone)

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.Meta.fields}

    def _post_clean(self):
        # The service validates the buyer in full (event, unique email).
        pass


class BuyerPicksForm(forms.Form):
    exhibitors = forms.ModelMultipleChoiceField(
        label=_("Producers you want to meet"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, exhibitors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exhibitors"].queryset = exhibitors
        self.fields["exhibitors"].label_from_instance = lambda application: application.cooperative.name


class ScheduleSettingsForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["meeting_day", "meeting_start", "meeting_end", "slot_minutes", "table_count"]
        widgets = {
            "meeting_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "meeting_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "meeting_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("meeting_day", "meeting_start", "meeting_end", "table_count"):
            self.fields[name].required = True
        self.fields["meeting_day"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def _post_clean(self):
        # The scheduling service checks the settings against the event.
        pass


class MeetingMoveForm(forms.Form):
    table_number = forms.IntegerField(label=_("Table"), min_value=1)
    starts_at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class MeetingOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Meeting.Outcome.choices)
    contract_value_vnd = AmountField(label=_("Contract value (VND)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
