from celery import shared_task


@shared_task(name="fairs.reminders_daily")
def reminders_daily() -> int:
    """Every morning: remind the exhibitors of events starting within three days (once each)."""
    from .services.applications import reminders_send

    return len(reminders_send())
