from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesCentreConfig(AppConfig):
    name = "salescentre"
    verbose_name = _("OCOP sales centre")

    def ready(self):
        from showcase.facets import register_facet

        from .facets import SalesCentreFacet

        register_facet(SalesCentreFacet())
