from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcopPortalConfig(AppConfig):
    name = "ocop_portal"
    verbose_name = _("Portal")
