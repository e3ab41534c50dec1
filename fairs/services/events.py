"""Writes on the events themselves that staff make outside the admin form."""

from django.db import transaction

from ocop_portal.guards import require_staff
from showcase.cache import public_pages_invalidate

from ..models import Event


def _save(event: Event, fields: list[str], *, by) -> None:
    event._history_user = by  # django-simple-history records who changed it
    event.save(update_fields=[*fields, "updated_at"])
    public_pages_invalidate()


def booth_plan_set(*, event: Event, image, by) -> Event:
    """Store the booth plan picture (already checked and re-encoded by ocop_portal.uploads).
    Side effects: the file, the event's history, the public pages."""
    require_staff(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.booth_plan.save(image.name, image, save=False)
        _save(locked, ["booth_plan"], by=by)
    return locked


def outcomes_publish(*, event: Event, published: bool, by) -> Event:
    """Show (or hide) the event's outcome totals on its public page."""
    require_staff(by)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        locked.outcomes_published = published
        _save(locked, ["outcomes_published"], by=by)
    return locked
