"""The leaders' target on the staff's home: the share of participating cooperatives whose leader
was trained this year, the untrained leaders and a one-click invitation to an open course."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .forms import InviteForm
from .selectors import leader_coverage


def panels(*, request) -> list[dict]:
    from .views.staff import default_period

    start, end = default_period()
    coverage = leader_coverage(start=start, end=end)
    untrained = [row for row in coverage["rows"] if not row["trained"]]
    return [
        {
            "title": _("Trainings: leaders of participating cooperatives trained this year"),
            "template": "trainings/staff/panel.html",
            "context": {
                "coverage": coverage,
                "untrained": untrained,
                "invite_form": InviteForm(),
                "start": start,
                "end": end,
                "url": reverse("trainings:staff_leaders"),
                "courses_url": reverse("trainings:staff_courses"),
            },
        }
    ]
