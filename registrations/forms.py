from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ocop_portal.uploads import DocumentUploadField
from products.models import Certificate, ProductSet

from .models import CriteriaVersion, DocumentType, Registration, Round, ScoreSheet
from .services.dossiers import FORM_FIELDS

NONE_CHOICE = "none"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegistrationStartForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=None, empty_label=_("— choose a product —"), widget=forms.Select
    )
    kind = forms.ChoiceField(
        label=_("Kind of registration"),
        choices=Registration.Kind.choices,
        initial=Registration.Kind.FIRST,
        widget=forms.RadioSelect,
    )
    product_set = forms.ModelChoiceField(
        label=_("Product set (score sheet)"),
        queryset=None,
        required=False,
        empty_label=_("The product's own set"),
        help_text=_("Leave as it is unless the Alliance advised another set."),
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = cooperative.products.select_related("product_set").order_by("name")
        with_sheet = ScoreSheet.objects.active().filter(product_set=OuterRef("pk"))
        self.fields["product_set"].queryset = (
            ProductSet.objects.filter(Exists(with_sheet)).select_related("group__sector").order_by("position")
        )


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = FORM_FIELDS
        widgets = {
            "product_description": forms.Textarea(attrs={"rows": 4}),
            "raw_materials": forms.Textarea(attrs={"rows": 3}),
            "sales_channels": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }


class ScoringForm(forms.Form):
    """One radio choice per criterion of a sheet: an option id, or "none" (0 points); and one
    per choice of case on a sheet with alternative cases: the case that applies."""

    def __init__(self, *args, view, **kwargs):
        super().__init__(*args, **kwargs)
        self.view = view
        for choice in view.choices:
            self.fields[f"k{choice.pk}"] = forms.ChoiceField(
                label=_("Which case applies"),
                choices=[(str(case.pk), str(case)) for case in choice.cases.all()],
                required=False,
                widget=forms.RadioSelect,
            )
        for criterion in view.criteria:
            choices = [(str(o.pk), o.label) for o in criterion.options.all()] + [(NONE_CHOICE, _("None of these"))]
            self.fields[f"c{criterion.pk}"] = forms.ChoiceField(
                label=criterion.title, choices=choices, required=False, widget=forms.RadioSelect
            )

    def choices(self) -> dict:
        """{criterion_id: option_id or None} for the criteria answered in this POST."""
        result = {}
        for criterion in self.view.criteria:
            value = self.cleaned_data.get(f"c{criterion.pk}")
            if value:
                result[criterion.pk] = None if value == NONE_CHOICE else int(value)
        return result

    def cases(self) -> dict:
        """{choice-of-case id: case id} for the cases chosen in this POST."""
        return {
            choice.pk: int(self.cleaned_data[f"k{choice.pk}"])
            for choice in self.view.choices
            if self.cleaned_data.get(f"k{choice.pk}")
        }


class DocumentForm(forms.Form):
    doc_type = forms.ModelChoiceField(
        label=_("Type of document"), queryset=DocumentType.objects.filter(is_active=True), empty_label=None
    )
    file = DocumentUploadField(label=_("File"))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal_note = forms.CharField(
        label=_("Internal note (staff only)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(NoteForm):
    note = forms.CharField(label=_("Message to the cooperative"), widget=forms.Textarea(attrs={"rows": 3}))


class ResubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Your answer to the Alliance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say briefly what you added or corrected."),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("Yes, withdraw this dossier"))


class CertifyForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Decision date"), input_formats=DATE_INPUT_FORMATS, widget=DateInput())
    issuer_name = forms.CharField(
        label=_("Issued by"), max_length=200, required=False, help_text=_("Empty: UBND tỉnh Ninh Bình.")
    )
    note = forms.CharField(
        label=_("Message to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ForwardNationalForm(forms.Form):
    """The province sends a 5-star candidate to the national council."""

    ministry = forms.CharField(label=_("Sent to (ministry)"), max_length=200)
    dispatch_number = forms.CharField(label=_("Number of the province's letter"), max_length=50, required=False)
    dispatch_date = forms.DateField(
        label=_("Date of the letter"), input_formats=DATE_INPUT_FORMATS, widget=DateInput(), required=False
    )
    note = forms.CharField(
        label=_("Message to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NationalDecisionForm(forms.Form):
    """The national decision on a forwarded dossier, as the ministry issued it."""

    decision_number = forms.CharField(label=_("National decision number"), max_length=50)
    decision_date = forms.DateField(
        label=_("National decision date"), input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    ministry = forms.CharField(label=_("Issued by (ministry)"), max_length=200)
    stars = forms.TypedChoiceField(
        label=_("Stars of the national decision"),
        choices=[(5, "★★★★★"), (4, "★★★★"), (3, "★★★"), (2, _("2 stars")), (1, _("1 star"))],
        coerce=int,
    )
    score = forms.DecimalField(
        label=_("National council's score (optional)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        localize=True,
    )
    note = forms.CharField(
        label=_("Message to the cooperative"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(label=_("Legal ground"), choices=Certificate.RevocationGround.choices)
    note = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssignRoundForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.filter(is_open=True))
    registrations = forms.ModelMultipleChoiceField(
        label=_("Dossiers"),
        queryset=Registration.objects.filter(state=Registration.State.COMMUNE_CHECKED),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one commune-checked dossier.")},
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.all(), required=False)
    product_set = forms.ModelChoiceField(
        label=_("Product set"),
        queryset=ProductSet.objects.filter(group__sector__scheme__is_current=True).order_by("position"),
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2018, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Waiting on staff")), ("all", _("All states"))] + list(
            Registration.State.choices
        )


class SheetImportForm(forms.Form):
    file = forms.FileField(label=_("Score sheet file (.csv or .xlsx)"))
    version = forms.ModelChoiceField(label=_("Criteria version"), queryset=CriteriaVersion.objects.all())
    product_set = forms.ModelChoiceField(
        label=_("Product set"),
        queryset=ProductSet.objects.select_related("group__sector__scheme").order_by(
            "group__sector__scheme", "position"
        ),
    )
    replace = forms.BooleanField(label=_("Replace an earlier import of this set and version"), required=False)
    activate = forms.BooleanField(label=_("Use it for new dossiers of this set"), required=False, initial=True)
