from celery import shared_task


@shared_task(name="trainings.session_reminders")
def session_reminders() -> int:
    """Every morning: remind the participants of the sessions held tomorrow (once per session)."""
    from .services import reminders_send

    return len(reminders_send())
