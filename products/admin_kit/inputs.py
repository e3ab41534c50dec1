"""Form inputs as Vietnamese staff type them (dates dd/mm/yyyy, đồng, decimals with a comma) and
the mixins that give every registry admin page and inline these inputs and the registry's look."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.db import models

from ocop_portal.text import fold, fold_terms, format_thousands

from ..excel import DATE_INPUT_FORMATS, parse_amount

REGISTRY_CSS = "products/admin-registry.css"


class AmountField(forms.IntegerField):
    """An amount of đồng typed as staff write it: 25000, 25.000 or "25.000 đ". (Django's own
    integer input would read "25.000" as 25.)"""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "vIntegerField"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid")

    def prepare_value(self, value):
        return format_thousands(value) if isinstance(value, int) else value


class RegistryFormMixin:
    """Dates typed and shown as dd/mm/yyyy in every registry form and inline (Django's default
    input formats would read 03/04/2026 as 4 March), decimals with a comma."""

    formfield_overrides = {
        models.DateField: {"widget": AdminDateWidget(format="%d/%m/%Y"), "input_formats": DATE_INPUT_FORMATS},
        # Scores as Vietnamese write them: 75,5.
        models.DecimalField: {"localize": True},
        # "ocop.vn" typed without a scheme becomes https://ocop.vn.
        models.URLField: {"assume_scheme": "https"},
    }


class RegistryAdminMixin(RegistryFormMixin):
    list_per_page = 50

    @property
    def media(self):
        return super().media + forms.Media(css={"all": [REGISTRY_CSS]})


class RegistryInlineMixin(RegistryFormMixin):
    pass


class FoldedNameSearchMixin:
    """Search without diacritics on small reference tables (provinces, sectors, product sets…)
    that have no stored search column: the few rows are folded in Python."""

    search_fields = ["name"]
    folded_search_fields = ("name", "code")

    def get_search_results(self, request, queryset, search_term):
        terms = fold_terms(search_term)
        if not terms:
            return queryset, False
        ids = [
            pk
            for pk, *values in self.model.objects.values_list("pk", *self.folded_search_fields)
            if all(term in fold(" ".join(str(value) for value in values)) for term in terms)
        ]
        return queryset.filter(pk__in=ids), False
