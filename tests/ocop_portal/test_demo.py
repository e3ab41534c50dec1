"""`manage.py load_demo` end to end, as `make run` calls it: twice, with the photo files."""

import io
from pathlib import Path

from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Max
from django.test import RequestFactory
from PIL import Image

from accounts.demo import ACCOUNTS
from accounts.models import User
from cooperatives.demo_data import PRODUCERS
from cooperatives.models import Cooperative
from products.demo_data import CERTIFICATES, PRODUCTS
from products.models import Certificate, Product, ProductPhoto

MODELS = [
    "cooperatives.Cooperative",
    "cooperatives.HistoricalCooperative",
    "products.Product",
    "products.HistoricalProduct",
    "products.ProductPhoto",
    "products.Certificate",
    "products.HistoricalCertificate",
    "accounts.User",
    "cooperatives.Membership",
]


def snapshot(media_root) -> dict:
    state = {}
    for label in MODELS:
        model = apps.get_model(label)
        fields = {f.name for f in model._meta.fields}
        state[label] = (
            model.objects.count(),
            model.objects.aggregate(last=Max("updated_at"))["last"] if "updated_at" in fields else None,
        )
    state["passwords"] = sorted(apps.get_model("accounts.User").objects.values_list("email", "password"))
    state["files"] = sorted(str(path) for path in Path(media_root).rglob("*") if path.is_file())
    return state


def test_load_demo_twice_loads_everything_once_and_changes_nothing(db, settings, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-lan-dau-2026")
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("HOST", raising=False)
    first, second = io.StringIO(), io.StringIO()

    # Act
    call_command("load_demo", stdout=first)
    after_first = snapshot(settings.MEDIA_ROOT)
    call_command("load_demo", stdout=second)

    # Assert: the second run changed nothing, not even a timestamp, a history row or a file.
    assert snapshot(settings.MEDIA_ROOT) == after_first
    # Everything this part loads is there once (other apps' demos may add rows of their own).
    assert Cooperative.objects.filter(slug__in=[p.slug for p in PRODUCERS]).count() == len(PRODUCERS)
    assert Product.objects.filter(slug__in=[p.slug for p in PRODUCTS]).count() == len(PRODUCTS)
    assert Certificate.objects.filter(product_code__in=[c.product_code for c in CERTIFICATES]).count() == len(
        CERTIFICATES
    )
    assert User.objects.filter(email__in=[a.email for a in ACCOUNTS]).count() == len(ACCOUNTS)
    photo_count = ProductPhoto.objects.filter(product__slug__in=[p.slug for p in PRODUCTS]).count()
    assert photo_count == sum(p.photos for p in PRODUCTS)
    assert len([f for f in after_first["files"] if "/products/" in f]) == 3 * photo_count  # image, WebP, JPEG
    # Both runs end with the address and the logins; the password works.
    for output in (first.getvalue(), second.getvalue()):
        assert output.rstrip().endswith("=" * 78)  # the login block is the last thing printed
        block = output.split("=" * 78)[-2]
        assert all(account.email in block for account in ACCOUNTS)
        assert "http://127.0.0.1:8000/" in output
        assert "http://127.0.0.1:8000/admin/" in output
        assert all(account.email in output for account in ACCOUNTS)
    request = RequestFactory().post("/accounts/login/")  # django-axes needs the request
    assert authenticate(request, email="admin@demo.ocop.vn", password="Demo-lan-dau-2026") is not None
    # Every product has its 1–2 tidy placeholder photos, with thumbnails and Vietnamese alt text.
    photos = list(ProductPhoto.objects.select_related("product").order_by("product__slug", "position"))
    per_product = {}
    for photo in photos:
        per_product.setdefault(photo.product.slug, []).append(photo.position)
    assert per_product == {p.slug: list(range(p.photos)) for p in PRODUCTS}
    for photo in photos:
        assert photo.alt_text.startswith("Ảnh minh họa")
        assert photo.product.name in photo.alt_text
        assert photo.thumbnail.name.endswith(".webp") and photo.thumbnail_fallback.name.endswith(".jpg")
        with photo.image.open("rb") as handle:
            image = Image.open(handle)
            assert (image.format, image.size) == ("JPEG", (1200, 900))
