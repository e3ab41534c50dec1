"""The catalogue facet "available at the sales centre" (registered in SalesCentreConfig.ready,
through showcase.facets' extension point): products with stock on hand at the centre now."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from showcase.facets import FlagFacet


class SalesCentreFacet(FlagFacet):
    key = "centre"
    params = ("centre",)
    title = _("OCOP sales centre")
    label = _("Available at the sales centre")
    position = 15

    def condition(self, values, context):
        from .models import ProductStock

        return Q(pk__in=ProductStock.objects.available().values("product_id"))

    def count(self, queryset, context):
        return {"1": queryset.filter(self.condition(["1"], context)).count()}
