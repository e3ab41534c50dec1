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
