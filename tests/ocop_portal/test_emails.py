"""Sending the outbox through a real SMTP server (aiosmtpd on a local port): the row is claimed
and committed before the SMTP call, the call has a timeout, an error is recorded with the time
of the next attempt, attempts are bounded, and no email is ever sent twice."""

import asyncio
import datetime
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.db import connections, transaction
from django.utils import timezone

from ocop_portal.emails import email_send, pending_emails_send
from ocop_portal.models import OutboundEmail
from ocop_portal.tasks import send_email

pytestmark = pytest.mark.django_db
Status = OutboundEmail.Status


class Recorder:
    """Accepts every message, or answers `reply` to DATA, or hangs on DATA until released."""

    def __init__(self):
        self.messages = []
        self.reply = None
        self.hang = False
        self.data_received = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.data_received.set()
        if self.hang:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Released too late"
        if self.reply:
            return self.reply
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    recorder = Recorder()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    settings.EMAIL_MAX_ATTEMPTS = 3
    yield recorder
    recorder.release.set()
    controller.stop()


def outbox_row(**kwargs):
    return OutboundEmail.objects.create(
        to=["giamdoc@htx.vn"], subject="Hồ sơ OCOP đã được tiếp nhận", body="Xin chào", **kwargs
    )


def test_email_is_sent_once_through_a_real_smtp_server(smtp):
    email = outbox_row()

    assert email_send(email_id=email.pk) is True
    assert email_send(email_id=email.pk) is False
    assert pending_emails_send(older_than_seconds=0) == 0

    email.refresh_from_db()
    assert email.status == Status.SENT and email.attempts == 1 and email.sent_at is not None
    assert len(smtp.messages) == 1
    assert smtp.messages[0].rcpt_tos == ["giamdoc@htx.vn"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_hanging_server_costs_one_attempt_and_holds_no_lock(smtp):
    smtp.hang = True
    email = outbox_row()
    results = []
    sender = threading.Thread(target=lambda: (results.append(email_send(email_id=email.pk)), connections.close_all()))
    sender.start()
    assert smtp.data_received.wait(10)

    # While the SMTP server hangs, the row is committed as claimed and nobody holds its lock:
    # another sender (a second worker, the beat task) sees it taken and does not send it.
    with transaction.atomic():
        row = OutboundEmail.objects.select_for_update(nowait=True).get(pk=email.pk)
    second_sender = email_send(email_id=email.pk)
    sender.join(15)

    assert row.status == Status.SENDING and row.attempts == 1
    assert second_sender is False
    assert results == [False]  # the timeout (EMAIL_TIMEOUT) ended the first attempt
    email.refresh_from_db()
    assert email.status == Status.PENDING
    assert "timed out" in email.last_error
    assert email.next_attempt_at > timezone.now()
    assert smtp.messages == []


def test_a_failing_server_is_retried_with_backoff_then_given_up(smtp):
    smtp.reply = "554 5.7.1 Message rejected"
    email = outbox_row()

    assert email_send(email_id=email.pk) is False
    email.refresh_from_db()
    first_delay = email.next_attempt_at - email.updated_at
    assert email.status == Status.PENDING and "554" in email.last_error
    assert pending_emails_send(older_than_seconds=0) == 0  # not due yet: nothing is attempted

    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert pending_emails_send(older_than_seconds=0) == 0
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at - email.updated_at > first_delay  # the wait doubles

    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    pending_emails_send(older_than_seconds=0)
    email.refresh_from_db()
    assert email.status == Status.FAILED and email.attempts == 3  # EMAIL_MAX_ATTEMPTS
    assert email.next_attempt_at is None
    assert pending_emails_send(older_than_seconds=0) == 0


def test_an_email_that_failed_once_is_sent_once_when_the_server_recovers(smtp):
    smtp.reply = "451 4.3.0 Try again later"
    email = outbox_row()
    send_email(email.pk)  # the Celery task records the failure, it does not raise

    smtp.reply = None
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert pending_emails_send(older_than_seconds=0) == 1
    assert pending_emails_send(older_than_seconds=0) == 0

    email.refresh_from_db()
    assert email.status == Status.SENT and email.attempts == 2
    assert len(smtp.messages) == 1


def test_a_claim_left_by_a_dead_sender_is_marked_failed_not_sent_again(smtp, settings):
    email = outbox_row(status=Status.SENDING, attempts=1, claimed_at=timezone.now() - datetime.timedelta(hours=1))

    assert pending_emails_send(older_than_seconds=0) == 0

    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.last_error
    assert smtp.messages == []


def test_staff_can_send_a_failed_email_again_from_the_admin(admin_client):
    failed = outbox_row(status=Status.FAILED, attempts=3, last_error="554")
    sent = outbox_row(status=Status.SENT, attempts=1, sent_at=timezone.now())

    response = admin_client.post(
        "/admin/ocop_portal/outboundemail/",
        {"action": "queue_again", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.status == Status.PENDING and failed.attempts == 0
    assert sent.status == Status.SENT
    assert "1" in response.content.decode()
