from celery import shared_task


@shared_task(name="ocop_portal.send_email")
def send_email(email_id: int) -> None:
    """Send one email. A failure is recorded on the row with its retry time; the beat task
    below retries it (bounded, with backoff), so the task itself never retries."""
    from .emails import email_send

    email_send(email_id=email_id)


@shared_task(name="ocop_portal.send_pending_emails")
def send_pending_emails() -> int:
    from .emails import pending_emails_send

    return pending_emails_send()
