"""The trainings panel of the cooperative's dashboard (collected by the space's dashboard)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Registration
from .selectors import open_courses_for

PANEL_LATEST = 3


def panels(*, cooperative, user) -> list[dict]:
    """Courses open for registration and the cooperative's standing registrations (two queries)."""
    today = timezone.localdate()
    mine = list(
        Registration.objects.filter(cooperative=cooperative, status__in=Registration.ACTIVE_STATUSES)
        .filter(course__sessions__date__gte=today)
        .distinct()
        .select_related("course", "person")
        .order_by("course_id", "person__full_name")[:PANEL_LATEST]
    )
    return [
        {
            "title": _("Trainings"),
            "template": "trainings/space/panel.html",
            "context": {
                "mine": mine,
                "open_courses": list(open_courses_for(cooperative, today=today)[:PANEL_LATEST]),
                "url": reverse("trainings:space"),
            },
        }
    ]
