from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "cooperatives"
    verbose_name = _("Cooperatives")

    def ready(self):
        # Sign-up, legal-change and support requests: admin kept apart from the registry's.
        from . import admin_space  # noqa: F401
