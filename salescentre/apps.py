from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesCentreConfig(AppConfig):
    name = "salescentre"
    verbose_name = _("OCOP sales centre")
