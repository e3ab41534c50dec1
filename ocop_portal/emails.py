"""Queueing email through the outbox (OutboundEmail) and Celery."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboundEmail

logger = logging.getLogger(__name__)


def absolute_url(name: str, *, language: str = "vi", **kwargs) -> str:
    """The full address of a named URL, for links in emails (in the email's language)."""
    from django.urls import reverse

    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def email_queue(
    *, to, subject: str, template: str, context: dict | None = None, language: str = "vi"
) -> OutboundEmail | None:
    """Render `template` (`<name>.txt`, and `<name>.html` if present) and store an email to `to`.

    Side effects: writes one OutboundEmail row in the caller's transaction and, once that
    transaction commits, queues the Celery task that sends it. If the broker cannot be reached
    the row stays pending and the beat task sends it later. Returns None when nobody is to
    be written to.
    """
    recipients = [address for address in ([to] if isinstance(to, str) else list(to)) if address]
    if not recipients:
        return None
    ctx = {"site_url": settings.SITE_URL, "portal": settings.PORTAL, **(context or {})}
    with translation.override(language):
        body = render_to_string(f"{template}.txt", ctx)
        try:
            html_body = render_to_string(f"{template}.html", ctx)
        except Exception:  # noqa: BLE001 — the HTML part is optional
            html_body = ""
        subject = " ".join(str(subject).split())
    email = OutboundEmail.objects.create(to=recipients, subject=subject, body=body, html_body=html_body)
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    from .tasks import send_email

    try:
        send_email.delay(email_id)
    except Exception:  # noqa: BLE001 — broker down: the beat task will pick the row up
        logger.warning("Broker unreachable, email %s left pending for the beat task", email_id)


def email_send(*, email_id: int) -> bool:
    """Send one pending email. Safe to run twice: a sent email is never sent again.

    Side effects: SMTP; marks the row sent (or counts the failed attempt)."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutboundEmail.Status.SENT:
            return False
        message = EmailMultiAlternatives(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to)
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        email.attempts += 1
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001
            email.last_error = str(exc)[:2000]
            email.status = OutboundEmail.Status.FAILED if email.attempts >= 10 else OutboundEmail.Status.PENDING
            email.save(update_fields=["attempts", "last_error", "status", "updated_at"])
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "status", "sent_at", "updated_at"])
        return True


def pending_emails_send(*, older_than_seconds: int = 60) -> int:
    """Send the emails still pending after `older_than_seconds` (the broker was down)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:200]
    )
    return sum(1 for pk in ids if email_send(email_id=pk))
