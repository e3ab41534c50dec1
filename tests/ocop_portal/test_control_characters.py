"""A query or code with a NUL byte or other control characters answers like the same one
without (PostgreSQL refuses a NUL in a string parameter: a 500 before the middleware)."""

import pytest

from ocop_portal.middleware import strip_control_characters
from tests.factories import CertificateFactory, ProductFactory
from tests.factories.news import ArticleFactory, TagFactory

CONTROLS = ["%00", "%01", "%1F", "%7F", "%C2%85", "%0A"]


@pytest.fixture
def product(db):
    product = ProductFactory(name="Mật ong hoa nhãn")
    CertificateFactory(product=product, stars=4, product_code="37-14608-001-2025")
    product.refresh_from_db()
    return product


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize(
    "url",
    [
        "/products/?q=m%E1%BA%ADt{c}ong",
        "/products/?q={c}&sort={c}&page={c}&stars={c}&sector={c}",
        "/en/products/?q=mat{c}ong",
        "/producers/?q={c}&kind={c}&commune={c}",
        "/news/?tag={c}&kind={c}&page={c}",
        "/certificates/check/?q=37-14608{c}-001-2025",
        "/accounts/signup/?q={c}",
        "/?q={c}",
        "/events/?q={c}",
    ],
)
def test_a_query_with_control_characters_answers_normally(client, product, url, control):
    TagFactory(slug="ocop")

    response = client.get(url.format(c=control))

    assert response.status_code == 200


def test_the_search_ignores_the_control_character(client, product):
    response = client.get("/products/?q=m%E1%BA%ADt%00ong")

    assert "Mật ong hoa nhãn" in response.content.decode()


def test_the_certificate_check_finds_the_code_around_a_nul_byte(client, product):
    response = client.get("/certificates/check/?q=%0037-14608-001-2025%00")

    assert response.status_code == 200
    assert "Mật ong hoa nhãn" in response.content.decode()


def test_a_news_tag_with_a_nul_byte_lists_that_tag(client, db):
    tag = TagFactory(slug="hoi-cho")
    ArticleFactory(title="Hội chợ mùa thu").tags.add(tag)

    response = client.get("/news/?tag=hoi-cho%00")

    assert response.status_code == 200
    assert "Hội chợ mùa thu" in response.content.decode()


@pytest.mark.parametrize("control", CONTROLS)
def test_a_qr_code_with_control_characters_opens_its_page_or_a_not_found_page(client, product, control):
    code = product.qr_code.code

    assert client.get(f"/q/{code}{control}").status_code == 200
    assert client.get(f"/q/{control}{control}").status_code == 404
    assert client.get(f"/products/{control}/").status_code == 404
    assert client.get(f"/producers/x{control}y/").status_code == 404
    assert client.get(f"/news/{control}/").status_code == 404


def test_strip_control_characters_keeps_vietnamese_letters():
    assert strip_control_characters("Mật\x00ong\x85 Đông\x7fSơn") == "Mật ong  Đông Sơn"
