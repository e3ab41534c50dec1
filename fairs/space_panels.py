"""The trade-promotion panel of the cooperative's dashboard (collected by the space's dashboard)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Application
from .selectors import open_events

PANEL_LATEST = 3


def panels(*, cooperative, user) -> list[dict]:
    """Events open for applications the cooperative has not applied to, and its coming events
    (two queries)."""
    today = timezone.localdate()
    mine = list(
        Application.objects.filter(cooperative=cooperative, event__ends_on__gte=today)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("event")
        .order_by("event__starts_on", "pk")
    )
    applied = {a.event_id for a in mine}
    to_apply = [e for e in open_events(today=today)[:10] if e.pk not in applied][:PANEL_LATEST]
    return [
        {
            "title": _("Fairs and trade promotion"),
            "template": "fairs/space/panel.html",
            "context": {"mine": mine[:PANEL_LATEST], "to_apply": to_apply, "url": reverse("fairs:space")},
        }
    ]
