"""The dossiers panel of the cooperative's dashboard (cooperatives collects every app's
`space_panels.panels`)."""

from django.utils.translation import gettext as _

from .models import Registration


def panels(*, cooperative, user) -> list[dict]:
    """The dossiers waiting on the cooperative: drafts to finish and dossiers returned to it."""
    registrations = list(
        Registration.objects.filter(cooperative=cooperative)
        .needing_cooperative()
        .select_related("product")
        .order_by("state_changed_at", "pk")[:10]
    )
    return [
        {
            "title": _("OCOP dossiers waiting for you"),
            "template": "registrations/space_panel.html",
            "context": {"registrations": registrations},
        }
    ]
