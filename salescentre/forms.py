from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative
from products.admin_kit import AmountField
from products.models import Product

from .models import StockMovement


class ProductField(forms.ModelChoiceField):
    def label_from_instance(self, product):
        return f"{product.name} — {product.cooperative.name}"


class MovementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Movement"), choices=[("", _("— choose —")), *StockMovement.Kind.choices])
    product = ProductField(
        label=_("Product"),
        queryset=Product.objects.exclude(status=Product.Status.ARCHIVED)
        .select_related("cooperative")
        .order_by("cooperative__name", "name"),
    )
    quantity = forms.IntegerField(label=_("Quantity"), widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    unit_price_vnd = AmountField(
        label=_("Unit price (VND)"),
        required=False,
        help_text=_(
            "Received: the price agreed with the cooperative. Sold: the selling price. Empty for returns and damage."
        ),
    )
    occurred_on = forms.DateField(
        label=_("Date"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class ReverseForm(forms.Form):
    note = forms.CharField(label=_("Why is it reversed?"), max_length=255)


class StatementChoiceForm(forms.Form):
    cooperative = forms.ModelChoiceField(label=_("Producer"), queryset=Cooperative.objects.order_by("name"))
    month = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    )
