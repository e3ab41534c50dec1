"""Queueing email through the outbox (OutboundEmail) and Celery."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .broker import task_queue_on_commit
from .models import OutboundEmail

logger = logging.getLogger(__name__)


def absolute_url(name: str, *, language: str = "vi", **kwargs) -> str:
    """The full address of a named URL, for links in emails (in the email's language)."""
    from django.urls import reverse

    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def email_queue(
    *, to, subject: str, template: str, context: dict | None = None, language: str = "vi", reply_to=()
) -> OutboundEmail | None:
    """Render `template` (`<name>.txt`, and `<name>.html` if present) and store an email to `to`
    (answers go to `reply_to` when given, e.g. the buyer who wrote an enquiry).

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
    email = OutboundEmail.objects.create(
        to=recipients,
        reply_to=[address for address in ([reply_to] if isinstance(reply_to, str) else list(reply_to)) if address],
        subject=subject,
        body=body,
        html_body=html_body,
    )
    from .tasks import send_email

    # Broker down: the row stays pending and the beat task sends it.
    task_queue_on_commit(send_email, email.pk)
    return email


def _retry_delay(attempts: int) -> timezone.timedelta:
    """Wait 1, 2, 4, 8… minutes after each failed attempt, at most an hour."""
    return timezone.timedelta(seconds=min(60 * 2 ** (attempts - 1), 3600))


def _claim(email_id: int) -> OutboundEmail | None:
    """Take the email for this sender, in a transaction of its own that commits at once, so the
    row is not locked while the SMTP server is talked to and no other sender can take it."""
    now = timezone.now()
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutboundEmail.Status.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .first()
        )
        if email is None:
            return None
        email.status = OutboundEmail.Status.SENDING
        email.attempts += 1
        email.claimed_at = now
        email.save(update_fields=["status", "attempts", "claimed_at", "updated_at"])
    return email


def email_send(*, email_id: int) -> bool:
    """Send one pending email that is due. Safe to run twice, and from several workers at
    once: an email is sent at most once.

    Side effects: claims the row (committed), then SMTP outside any transaction with
    settings.EMAIL_TIMEOUT; marks the row sent, or records the error and when to try again
    (pending with `next_attempt_at`), or failed after settings.EMAIL_MAX_ATTEMPTS."""
    email = _claim(email_id)
    if email is None:
        return False
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        email.to,
        reply_to=email.reply_to or None,
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 — any SMTP or network error: record it, try later
        retry = email.attempts < settings.EMAIL_MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.SENDING).update(
            status=OutboundEmail.Status.PENDING if retry else OutboundEmail.Status.FAILED,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + _retry_delay(email.attempts) if retry else None,
            updated_at=timezone.now(),
        )
        logger.warning("Email %s not sent (attempt %s): %s", email.pk, email.attempts, exc)
        return False
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now(), next_attempt_at=None, updated_at=timezone.now()
    )
    return True


def pending_emails_send(*, older_than_seconds: int = 60) -> int:
    """Send the emails that are due: never tried for `older_than_seconds` (the broker was down
    when they were queued), or whose retry time has come. A claim older than
    settings.EMAIL_STALE_CLAIM_SECONDS (the sender died mid-send) is marked failed rather than
    retried: the message may have gone out, and it must never go out twice."""
    now = timezone.now()
    OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENDING,
        claimed_at__lt=now - timezone.timedelta(seconds=settings.EMAIL_STALE_CLAIM_SECONDS),
    ).update(
        status=OutboundEmail.Status.FAILED,
        last_error=gettext("Interrupted while sending; not retried so that it is never sent twice."),
        updated_at=now,
    )
    cutoff = now - timezone.timedelta(seconds=older_than_seconds)
    ids = list(
        OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True, created_at__lte=cutoff) | Q(next_attempt_at__lte=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:200]
    )
    return sum(1 for pk in ids if email_send(email_id=pk))
