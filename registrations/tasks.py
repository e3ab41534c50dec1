from celery import shared_task


@shared_task(name="registrations.certificates_daily")
def certificates_daily() -> dict:
    """Every night: mark expired certificates (the products lose their stars) and send the
    re-rating reminders (180 and 120 days before expiry). Safe to run twice."""
    from products.services.certificates import certificate_reminders_send, certificates_expire

    expired = certificates_expire()
    reminded = certificate_reminders_send()
    return {"expired": len(expired), "reminded": len(reminded)}
