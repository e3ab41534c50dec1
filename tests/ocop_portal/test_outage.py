"""A Redis outage (cache and Celery broker) never blocks a write.

The test starts its own redis-server on a free port (not the shared one), points the cache and
the Celery broker at it, fills the public-page cache, stops the server, and makes each write that
touches the cache or the broker on its way: issuing and revoking a certificate, editing a
product, uploading a photo in the admin, signing up, sending an enquiry, importing an Excel file.
Each is saved. When Redis comes back (with its data: the pages cached before the outage are
still there), the beat task sends the emails and the cached page shows the writes."""

import datetime
import shutil
import socket
import subprocess
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import SignupRequest
from cooperatives.models import Cooperative
from ocop_portal.celery import app as celery_app
from ocop_portal.models import OutboundEmail
from ocop_portal.tasks import send_pending_emails
from products.models import Certificate, Product, ProductPhoto
from products.services.catalog import product_update
from products.services.certificates import certificate_issue, certificate_revoke
from showcase.models import Enquiry
from tests.factories import CertificateFactory, CooperativeFactory, MembershipFactory, ProductFactory
from tests.factories.registry import admin_post_data, xlsx_upload
from tests.products.test_admin import _jpeg
from tests.products.test_import_export import COOPERATIVE_HEADERS, _confirm_fields, _import
from tests.showcase.test_enquiries import VALID as ENQUIRY

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


class OwnRedis:
    """A redis-server of the test's own, with an append-only file so its data survive a restart."""

    def __init__(self, directory):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 — our own server binary, fixed arguments
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def redis_server(tmp_path, settings):
    server = OwnRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "ocop_portal.redis_cache.SharedClientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    previous = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "broker_transport_options")}
    celery_app.conf.update(
        broker_url=server.url,
        task_always_eager=False,
        broker_transport_options={"max_retries": 0, "socket_connect_timeout": 1},
        task_publish_retry=False,
    )
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield server
    if server.process.poll() is None:
        server.stop()
    celery_app.conf.update(previous, task_publish_retry=True)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def queued_tasks(server) -> int:
    import redis

    return redis.Redis.from_url(server.url).llen("celery")


def test_every_write_is_saved_while_redis_is_down_and_catches_up_when_it_returns(
    redis_server, staff_client, django_capture_on_commit_callbacks, caplog
):
    certificate = CertificateFactory(stars=4, product__cooperative__email="htx@example.vn")
    product = certificate.product
    MembershipFactory(cooperative=product.cooperative, user__email="giamdoc@example.vn")
    unrated = ProductFactory(cooperative=CooperativeFactory())
    staff = staff_client.get(reverse("admin:index")).wsgi_request.user
    visitor = Client()
    listing = reverse("showcase:catalogue") + "?stars=4"
    visitor.get(listing)
    assert visitor.get(listing)["X-Page-Cache"] == "hit"
    assert product.name in visitor.get(listing).content.decode()
    photo_page = staff_client.get(reverse("admin:products_productphoto_add"))
    mail.outbox.clear()
    OutboundEmail.objects.all().delete()

    redis_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue(
            product=unrated,
            stars=3,
            score=Decimal("62"),
            decision_number="88/QĐ-UBND",
            decision_date=datetime.date.today() - datetime.timedelta(days=1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, ground=Certificate.RevocationGround.QUALITY_VIOLATION, by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, by=staff, data={"name": "Nếp cái hoa vàng (đã sửa)"})
    with django_capture_on_commit_callbacks(execute=True):
        photo_upload = staff_client.post(
            reverse("admin:products_productphoto_add"),
            admin_post_data(photo_page, product=str(unrated.pk), image=_jpeg(), alt_text="Túi nếp 2 kg"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        signup = Client().post(
            reverse("accounts:signup"),
            {
                "full_name": "Trần Thị Bình",
                "email": "binh@example.vn",
                "phone": "0912 345 678",
                "position": "Giám đốc",
                "password1": "Lua-nep-cai-2026",
                "password2": "Lua-nep-cai-2026",
                "message": "",
                "cooperative": product.cooperative.pk,
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = visitor.post(reverse("showcase:product", kwargs={"slug": product.slug}), ENQUIRY)
    preview = _import(
        staff_client,
        "cooperatives_cooperative",
        xlsx_upload(COOPERATIVE_HEADERS, [["HTX Mây tre đan Phú Vinh", "HTX", "2700999999", "14608", "", 2021, None]]),
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = staff_client.post(
            reverse("admin:cooperatives_cooperative_process_import"), _confirm_fields(preview), follow=True
        )
    during = Client().get(listing)

    # Every write is saved.
    assert Certificate.objects.get(pk=issued.pk).stars == 3
    assert Product.objects.get(pk=unrated.pk).stars == 3
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.REVOKED
    assert Product.objects.get(pk=product.pk).name == "Nếp cái hoa vàng (đã sửa)"
    assert photo_upload.status_code == 302 and ProductPhoto.objects.filter(product=unrated).exists()
    assert signup.status_code == 302 and SignupRequest.objects.filter(email="binh@example.vn").exists()
    assert enquiry.status_code == 302 and Enquiry.objects.filter(product=product).exists()
    assert confirmed.status_code == 200 and Cooperative.objects.filter(registration_number="2700999999").exists()
    # The public page is served meanwhile, from the database.
    assert during.status_code == 200 and product.name not in during.content.decode()
    # No email went out yet: they wait in the outbox.
    assert mail.outbox == []
    pending = set(OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).values_list("pk", flat=True))
    assert len(pending) >= 3  # revocation, sign-up confirmation, enquiry
    assert "Broker unreachable" in caplog.text

    redis_server.start()
    # A minute later the beat task (every minute) sends what is still pending.
    OutboundEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    sent = send_pending_emails()

    assert sent == len(pending)
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"htx@example.vn", "binh@example.vn"} <= recipients
    assert not OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).exists()
    # The page cached before the outage survived it, yet the writes show on the cached listing.
    reader = Client()  # a new anonymous visitor (the enquirer now has a flash-message cookie)
    after = reader.get(listing)
    assert "Nếp cái hoa vàng" not in after.content.decode()
    assert unrated.name not in after.content.decode()  # 3 stars, not 4
    assert reader.get(listing)["X-Page-Cache"] == "hit"
    # Tasks are queued again once the broker is back.
    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=unrated, by=staff, data={"name": "Gà đồi Yên Thế"})
        from ocop_portal.emails import email_queue

        email_queue(
            to="htx@example.vn",
            subject="Thử",
            template="registrations/emails/certificate_revoked",
            context={"certificate": certificate},
        )
    assert queued_tasks(redis_server) >= 1
