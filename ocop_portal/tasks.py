from celery import shared_task


@shared_task(name="ocop_portal.send_email", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_email(email_id: int) -> None:
    from .emails import email_send

    email_send(email_id=email_id)


@shared_task(name="ocop_portal.send_pending_emails")
def send_pending_emails() -> int:
    from .emails import pending_emails_send

    return pending_emails_send()
