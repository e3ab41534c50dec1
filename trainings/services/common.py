import datetime

from django.utils import timezone

from ..models import TrainingLog


def today() -> datetime.date:
    return timezone.localdate()


def log(course, action, *, registration=None, by=None, note: str = "") -> TrainingLog:
    actor = by if getattr(by, "is_authenticated", False) else None
    return TrainingLog.objects.create(course=course, registration=registration, action=action, actor=actor, note=note)


def public_pages_changed() -> None:
    """The public course pages and the home page's upcoming block show the change (best
    effort: a cache error never undoes the write)."""
    from showcase.cache import public_pages_invalidate

    public_pages_invalidate()
