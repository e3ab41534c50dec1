import re

import pytest
from django.test import Client
from django.urls import reverse

from showcase.models import Enquiry
from tests.factories import CertificateFactory, MembershipFactory
from tests.factories.news import ArticleFactory


@pytest.fixture
def public_urls(certified_product):
    ArticleFactory(title="Tin OCOP")
    return [
        reverse("home"),
        reverse("showcase:catalogue"),
        reverse("showcase:catalogue") + "?q=gao&stars=4",
        certified_product.get_absolute_url(),
        certified_product.qr_code.get_absolute_url(),
        reverse("showcase:producers"),
        certified_product.cooperative.get_absolute_url(),
        reverse("showcase:certificate_check") + "?q=37-14608",
        reverse("news:list"),
        "/en" + reverse("showcase:catalogue"),
    ]


def test_a_cached_anonymous_page_runs_no_query(client, public_urls, django_assert_num_queries):
    for url in public_urls:
        first = client.get(url)
        assert first.status_code == 200 and first["X-Page-Cache"] == "miss", url
        with django_assert_num_queries(0):
            again = Client().get(url)
        assert again["X-Page-Cache"] == "hit", url
        assert (
            again.content.decode().split("csrfmiddlewaretoken")[0]
            == first.content.decode().split("csrfmiddlewaretoken")[0]
        )


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_cached_product_page_gives_each_visitor_a_working_csrf_token(certified_product):
    url = certified_product.get_absolute_url()
    Client().get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(url)
    token = _token(page.content.decode())
    response = visitor.post(
        url,
        {"name": "An", "phone": "0912345678", "message": "Cần mua 100 kg.", "csrfmiddlewaretoken": token},
    )

    assert page["X-Page-Cache"] == "hit"
    assert "csrftoken" in page.cookies
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1


def test_two_visitors_of_a_cached_page_get_different_tokens(certified_product):
    url = certified_product.get_absolute_url()
    Client().get(url)

    first = _token(Client().get(url).content.decode())
    second = _token(Client().get(url).content.decode())

    assert first != second


def test_signed_in_users_are_never_served_the_cached_page(client, certified_product):
    url = reverse("showcase:catalogue")
    Client().get(url)
    member = MembershipFactory()
    client.force_login(member.user)

    response = client.get(url)

    assert "X-Page-Cache" not in response
    assert "Đăng xuất" in response.content.decode()


def test_a_change_to_a_product_shows_at_once_despite_the_cache(client, certified_product):
    url = reverse("showcase:catalogue")
    assert certified_product.name in client.get(url).content.decode()

    certified_product.name = "Tên đã sửa"
    certified_product.save()
    CertificateFactory(stars=5)

    assert "Tên đã sửa" in client.get(url).content.decode()


def test_page_cache_is_kept_apart_per_language(client, certified_product):
    url = reverse("showcase:catalogue")

    vietnamese = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()

    assert "Sản phẩm OCOP" in vietnamese
    assert "OCOP products" in english and "Sản phẩm OCOP" not in english.split("<main")[1]


def test_page_cache_can_be_turned_off(client, certified_product, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0

    client.get(reverse("showcase:catalogue"))
    response = client.get(reverse("showcase:catalogue"))

    assert "X-Page-Cache" not in response


class _BrokenCache:
    """A cache whose server is down: every call raises as django-redis/redis-py does."""

    def __getattr__(self, name):
        import redis

        def fail(*args, **kwargs):
            raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


def test_public_pages_invalidate_when_the_cache_is_down_logs_a_warning_and_does_not_raise(
    monkeypatch, caplog, db, django_capture_on_commit_callbacks
):
    from showcase import cache as page_cache

    monkeypatch.setattr(page_cache, "cache", _BrokenCache())

    with django_capture_on_commit_callbacks(execute=True):
        page_cache.public_pages_invalidate()

    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "Public page cache not invalidated (cache unavailable)")
    ] * 2  # now and after the commit


def test_issuing_a_certificate_when_the_cache_is_down_saves_it(monkeypatch, db, django_capture_on_commit_callbacks):
    import datetime
    from decimal import Decimal

    from products.models import Certificate
    from products.services.certificates import certificate_issue
    from showcase import cache as page_cache
    from tests.factories import ProductFactory

    product = ProductFactory()
    monkeypatch.setattr(page_cache, "cache", _BrokenCache())

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(
            product=product,
            stars=4,
            score=Decimal("75"),
            decision_number="9/QĐ-UBND",
            decision_date=datetime.date.today() - datetime.timedelta(days=1),
        )

    assert Certificate.objects.filter(pk=certificate.pk).exists()
    product.refresh_from_db()
    assert product.stars == 4


def test_the_nightly_expiry_refreshes_the_cached_pages_at_once(client, certified_product):
    import datetime

    from products.models import Certificate
    from products.services import certificates_expire

    url = reverse("showcase:catalogue") + "?stars=4"
    client.get(url)
    assert certified_product.name in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Its validity ended yesterday; until tonight's run the row still says "valid", 4 stars.
    Certificate.objects.filter(product=certified_product).update(
        valid_until=datetime.date.today() - datetime.timedelta(days=1)
    )

    certificates_expire()

    assert certified_product.name not in client.get(url).content.decode()


def test_deleting_a_photo_in_the_admin_takes_it_off_the_cached_product_page(admin_client, certified_product):
    """No service sees the admin's deletion (nor the rows a deletion cascades to):
    showcase/signals.py makes the cached pages stale for them."""
    from tests.factories.products import ProductPhotoFactory

    photo = ProductPhotoFactory(product=certified_product, alt_text="Ảnh sắp xoá")
    visitor = Client()
    url = certified_product.get_absolute_url()
    assert "Ảnh sắp xoá" in visitor.get(url).content.decode()
    assert "Ảnh sắp xoá" in visitor.get(url).content.decode()  # now from the cache

    response = admin_client.post(reverse("admin:products_productphoto_delete", args=[photo.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert "Ảnh sắp xoá" not in visitor.get(url).content.decode()
