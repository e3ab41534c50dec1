import dataclasses

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ocop_portal.uploads import DocumentUploadField

from .metrics import Scope, registry
from .models import Plan, Target

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]
NUMBER_MESSAGE = _("Enter a number (e.g. 25 or 12,5), not text.")


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class QuickSelect(forms.Select):
    """A select written in Python, not through a template per option: the area filter lists some
    150 communes and former districts, and Django's template rendering of them took longer than
    the rest of the dashboard served from its cache. Same markup; every text escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = "".join(  # in Django's order (attrs.html), not sorted as flatatt does
            format_html(" {}", key) if item is True else format_html(' {}="{}"', key, item)
            for key, item in widget["attrs"].items()
            if item is not False
        )
        parts = [format_html('<select name="{}"{}>', widget["name"], mark_safe(attrs))]  # noqa: S308 — escaped above
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        option["value"],
                        mark_safe(" selected") if option["selected"] else "",
                        option["label"],
                    )
                )
            if group:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))  # noqa: S308 — built with format_html above


class PeriodMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The period must end on or after the day it starts."))
        return data


class FilterForm(PeriodMixin, forms.Form):
    """The dashboard's and the drill-down's filters (GET)."""

    plan = forms.ModelChoiceField(
        Plan.objects.order_by("-starts_on", "-pk"), required=False, label=_("Plan"), widget=QuickSelect
    )
    starts_on = forms.DateField(label=_("From"), required=False, input_formats=DATE_INPUTS, widget=DateInput)
    ends_on = forms.DateField(label=_("To"), required=False, input_formats=DATE_INPUTS, widget=DateInput)
    sector = forms.TypedChoiceField(label=_("Sector"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    area = forms.ChoiceField(label=_("Commune or former district"), required=False, widget=QuickSelect)

    def __init__(self, *args, sectors=(), communes=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [(s.pk, f"{s.code}. {s.name}") for s in sectors]
        self.fields["area"].choices = [
            ("", _("The whole province")),
            (_("Communes"), [(f"c:{code}", name) for code, name in communes]),
            (_("Former districts"), [(f"d:{name}", name) for name in districts]),
        ]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-sm" if "_on" in name else "form-select form-select-sm"
            )

    def scope(self) -> Scope:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        area = data.get("area") or ""
        commune = int(area[2:]) if area.startswith("c:") and area[2:].isdigit() else None
        district = area[2:] if area.startswith("d:") else ""
        return Scope(sector=data.get("sector"), commune=commune, district=district)


@dataclasses.dataclass
class Period:
    plan: Plan | None
    start: object
    end: object


def period_from(data: dict, *, default_plan, today) -> Period:
    """The plan and the dates the (valid) filters ask for; the plan's period unless dates are
    given; the current year when there is no plan at all."""
    plan = data.get("plan") or (None if data.get("starts_on") else default_plan)
    start = data.get("starts_on") or (plan.starts_on if plan else today.replace(month=1, day=1))
    end = data.get("ends_on") or (plan.ends_on if plan else today.replace(month=12, day=31))
    if end < start:
        start, end = (plan.starts_on, plan.ends_on) if plan else (today.replace(month=1, day=1), today)
    return Period(plan=plan, start=start, end=end)


class PlanForm(PeriodMixin, forms.ModelForm):
    # Checked by content (PDF, JPEG, PNG) with the size limit; stored privately.
    document_file = DocumentUploadField(label=_("Document file"), required=False)

    class Meta:
        model = Plan
        fields = [
            "name",
            "document_number",
            "document_date",
            "document_issuer",
            "document_file",
            "starts_on",
            "ends_on",
            "status",
            "notes",
        ]
        widgets = {"starts_on": DateInput, "ends_on": DateInput, "document_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on", "document_date"):
            self.fields[name].input_formats = DATE_INPUTS


class TargetForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("Metric"), choices=())

    class Meta:
        model = Target
        fields = ["metric", "wording", "target_value", "target_max", "breakdown", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "—")] + registry.choices()
        self.fields["metric"].error_messages["invalid_choice"] = _(
            "This metric does not exist. Choose one from the list."
        )
        for name in ("target_value", "target_max"):
            field = self.fields[name]
            field.localize = True
            field.widget.is_localized = True
            field.widget.input_type = "text"
            field.error_messages["invalid"] = NUMBER_MESSAGE


class ReportForm(PeriodMixin, forms.Form):
    plan = forms.ModelChoiceField(
        Plan.objects.order_by("-starts_on", "-pk"), required=False, label=_("Plan"), widget=QuickSelect
    )
    starts_on = forms.DateField(label=_("From"), required=False, input_formats=DATE_INPUTS, widget=DateInput)
    ends_on = forms.DateField(label=_("To"), required=False, input_formats=DATE_INPUTS, widget=DateInput)

    def clean(self):
        data = super().clean()
        if not data.get("plan") and not (data.get("starts_on") and data.get("ends_on")):
            raise forms.ValidationError(_("Choose a plan or give the first and the last day of the period."))
        return data
