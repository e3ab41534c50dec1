"""Panels this app adds to the cooperative's dashboard (collected by the space's dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Enquiry

PANEL_LATEST = 3


def panels(*, cooperative, user) -> list[dict]:
    """One panel: the cooperative's new buyer enquiries (two queries)."""
    new = Enquiry.objects.filter(cooperative=cooperative, status=Enquiry.Status.NEW)
    latest = list(new.select_related("product").order_by("-created_at", "-pk")[:PANEL_LATEST])
    new_count = new.count()
    return [
        {
            "title": _("Buyer enquiries"),
            "template": "showcase/space/panel_enquiries.html",
            "context": {
                "new_count": new_count,
                "latest": latest,
                "url": reverse("showcase:space_enquiries") + "?status=new",
            },
        }
    ]
