"""Media and private documents on S3-compatible object storage (django-storages), against moto
in server mode: a real HTTP endpoint on a free loopback port, with S3's access control.

The storages are the ones ocop_portal/settings.py builds when S3_BUCKET is set (the settings
module is run again with S3_BUCKET, S3_ENDPOINT_URL, … in the environment, and its STORAGES
and AWS_* settings are used). Shown:

- a dossier document goes to the bucket's private/ prefix with a private ACL: no grant to
  everyone, and an anonymous GET of the object is refused; the portal streams it to the
  dossier's cooperative (200, the bytes) and to nobody else (404; anonymous: the login page).
  The page lists the document by the portal's own link, never by a bucket address (the
  storage could sign a short-lived URL, but nothing hands one out);
- an Excel import's preview file waits under private/ as well, with a private ACL, and is
  confirmed from there;
- a product photo and its thumbnails go to media/ with a public-read ACL, and the URL the
  page gives is readable anonymously (no signature), as a proxy or CDN in front would read it."""

import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.core.files.storage import StorageHandler
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.test import Client
from django.urls import reverse

from cooperatives.models import Cooperative
from products.models import ProductPhoto
from registrations.models import Document, DocumentType
from tests.factories import CertificateFactory
from tests.factories.registrations import PDF_BYTES, draft_make, member_of, owner
from tests.factories.registry import admin_post_data, xlsx_upload
from tests.products.test_admin import _jpeg
from tests.products.test_import_export import COOPERATIVE_HEADERS, _confirm_fields, _import

SETTINGS = Path(__file__).resolve().parents[2] / "ocop_portal" / "settings.py"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
EVERYONE = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

pytestmark = [
    pytest.mark.skipif(not MOTO_SERVER.exists(), reason="needs moto[server] (requirements-dev.txt)"),
    pytest.mark.django_db,
]


@pytest.fixture(scope="module")
def moto_endpoint(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"moto_server did not start:\n{log.read_text(errors='replace')}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def _production_settings(monkeypatch, variables: dict) -> dict:
    """The settings module's names, as a server whose environment has `variables` reads them."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def _s3_variables(bucket, endpoint) -> dict:
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "moto-test",
        "S3_SECRET_ACCESS_KEY": "moto-test-secret",
    }


@pytest.fixture
def s3(moto_endpoint, settings, monkeypatch):
    """A fresh bucket, and the portal's storages as settings.py makes them with S3_BUCKET."""
    import boto3

    bucket = f"ocop-{uuid.uuid4().hex[:12]}"
    variables = _s3_variables(bucket, moto_endpoint)
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="moto-test",
        aws_secret_access_key="moto-test-secret",
    )
    client.create_bucket(Bucket=bucket)
    production = _production_settings(monkeypatch, variables)
    for name, value in production.items():
        if name.startswith("AWS_"):
            setattr(settings, name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        **{name: production["STORAGES"][name] for name in ("default", "private", "import_export")},
    }
    # A FileField calls its storage callable once, when its model class is made: point the
    # private ones at the S3 storage (the public ones use default_storage, reset by Django).
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and getattr(field, "_storage_callable", None):
                monkeypatch.setattr(field, "storage", field._storage_callable())
    return SimpleNamespace(client=client, bucket=bucket, endpoint=moto_endpoint)


def _grantees(s3, key) -> set[str]:
    grants = s3.client.get_object_acl(Bucket=s3.bucket, Key=key)["Grants"]
    return {grant["Grantee"].get("URI") or grant["Grantee"].get("ID") for grant in grants}


def _anonymous_get(url) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — the loopback moto server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_dossier_document_on_s3_is_private_and_streamed_only_to_its_cooperative(s3, client):
    registration = draft_make(complete=False)
    client.force_login(owner(registration))
    client.post(
        f"/dossiers/{registration.pk}/documents/",
        {"doc_type": DocumentType.objects.get(code="label").pk, "file": SimpleUploadedFile("nhãn.pdf", PDF_BYTES)},
    )
    document = Document.objects.get()
    key = f"private/{document.file.name}"

    assert s3.client.get_object(Bucket=s3.bucket, Key=key)["Body"].read() == PDF_BYTES
    assert not _grantees(s3, key) & EVERYONE
    assert _anonymous_get(f"{s3.endpoint}/{s3.bucket}/{key}")[0] == 403
    # What the storage would hand out is a signed, expiring URL; the portal hands out none.
    signed = document.file.url
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and query["X-Amz-Expires"] == ["300"]
    assert _anonymous_get(signed) == (200, PDF_BYTES)  # a valid signature, for 5 minutes
    page = client.get(f"/dossiers/{registration.pk}/documents/").content.decode()
    assert f"/dossiers/documents/{document.pk}/" in page and s3.endpoint not in page

    download = client.get(f"/dossiers/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"
    client.force_login(member_of())  # another cooperative
    assert client.get(f"/dossiers/documents/{document.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/dossiers/documents/{document.pk}/")["Location"].startswith("/accounts/login/")


def test_an_excel_import_preview_waits_privately_in_the_bucket(s3, staff_client):
    preview = _import(
        staff_client,
        "cooperatives_cooperative",
        xlsx_upload(COOPERATIVE_HEADERS, [["HTX Mây tre đan Phú Vinh", "HTX", "2700999999", "14608", "", 2021, None]]),
    )
    fields = _confirm_fields(preview)
    key = f"private/django-import-export/{fields['import_file_name']}"

    assert not _grantees(s3, key) & EVERYONE
    assert _anonymous_get(f"{s3.endpoint}/{s3.bucket}/{key}")[0] == 403

    staff_client.post(reverse("admin:cooperatives_cooperative_process_import"), fields)

    assert Cooperative.objects.filter(registration_number="2700999999").exists()


def test_a_product_photo_on_s3_is_public_with_its_thumbnails(s3, staff_client, django_capture_on_commit_callbacks):
    product = CertificateFactory(stars=4).product
    page = staff_client.get(reverse("admin:products_productphoto_add"))
    with django_capture_on_commit_callbacks(execute=True):  # the thumbnail task, inline in tests
        staff_client.post(
            reverse("admin:products_productphoto_add"),
            admin_post_data(page, product=str(product.pk), image=_jpeg(), alt_text="Túi nếp 2 kg"),
        )
    photo = ProductPhoto.objects.get(product=product)

    url = photo.image.url
    assert url.startswith(f"{s3.endpoint}/{s3.bucket}/media/") and "X-Amz-Signature" not in url
    status, body = _anonymous_get(url)
    assert status == 200 and body.startswith(b"\xff\xd8")  # a JPEG, readable by anyone
    assert "http://acs.amazonaws.com/groups/global/AllUsers" in _grantees(s3, f"media/{photo.image.name}")
    assert photo.thumbnail and _anonymous_get(photo.thumbnail.url)[0] == 200
    assert url in Client().get(product.get_absolute_url()).content.decode()


def test_with_a_custom_domain_only_public_media_use_it(moto_endpoint, monkeypatch, settings):
    """S3_CUSTOM_DOMAIN (a CDN or the proxy in front of the bucket) serves public media; a URL of
    a private file stays a signed one at the endpoint, never an unsigned one on that domain."""
    variables = {**_s3_variables("ocop-domain", moto_endpoint), "S3_CUSTOM_DOMAIN": "media.ocop.example.vn"}
    production = _production_settings(monkeypatch, variables)
    for name, value in production.items():
        if name.startswith("AWS_"):
            setattr(settings, name, value)
    built = StorageHandler(production["STORAGES"])

    assert built["default"].url("products/nep.jpg") == "https://media.ocop.example.vn/media/products/nep.jpg"
    private = urlsplit(built["private"].url("registrations/1/ho-so.pdf"))
    assert f"{private.scheme}://{private.netloc}" == moto_endpoint
    assert "X-Amz-Signature" in parse_qs(private.query)
