import datetime
import json
import re

import pytest

from products.models import Certificate, QualityStandard
from tests.factories import CertificateFactory, ProductFactory, ProductPhotoFactory


def _ld_json(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def product(db):
    product = ProductFactory(
        name="Nếp nhung lùn Khánh Nhạc",
        description="Nếp dẻo, thơm.",
        story="Giống nếp cổ của làng.",
        specification="Túi 2 kg hút chân không.",
        ingredients="100% nếp nhung",
        packaging="Túi 2 kg",
        price_min=40000,
        price_max=55000,
        where_to_buy="Cửa hàng OCOP của Liên minh HTX.",
        barcode="8930000000019",
    )
    product.quality_standards.add(QualityStandard.objects.get_or_create(code="vietgap", name="VietGAP")[0])
    CertificateFactory(
        product=product,
        stars=4,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(2025, 3, 1),
        product_code="37-14608-001-2025",
    )
    ProductPhotoFactory(product=product, alt_text="Bao nếp nhung", position=0)
    ProductPhotoFactory(product=product, alt_text="Hạt nếp", position=1)
    product.refresh_from_db()
    return product


def test_product_page_shows_certificate_producer_and_details(client, product):
    response = client.get(product.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    for text in [
        "Nếp nhung lùn Khánh Nhạc",
        "Sản phẩm OCOP 4 sao",
        "Còn hiệu lực",
        "37-14608-001-2025",
        "Số 1234/QĐ-UBND ngày 01/03/2025",
        "từ 01/03/2025 đến 01/03/2028",
        "Giống nếp cổ của làng.",
        "Túi 2 kg hút chân không.",
        "40.000\u00a0₫ – 55.000\u00a0₫",
        "VietGAP",
        "Cửa hàng OCOP của Liên minh HTX.",
        product.cooperative.name,
        "Xã Khánh Trung",
    ]:
        assert text in html, text
    assert f'href="{product.qr_code.get_absolute_url()}"' in html
    assert "<svg" in html  # the QR symbol, drawn on the server


def test_product_page_gallery_has_thumbnails_lazy_loading_and_alt_text(client, product):
    html = client.get(product.get_absolute_url()).content.decode()

    assert 'alt="Bao nếp nhung"' in html
    assert 'alt="Hạt nếp"' in html
    assert html.count('loading="lazy"') >= 2
    assert html.count("js-gallery-thumb") == 2


def test_product_page_json_ld_is_a_product_with_the_certificate_as_award(client, product):
    data = _ld_json(client.get(product.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Nếp nhung lùn Khánh Nhạc"
    assert data["url"] == "http://127.0.0.1:8000" + product.get_absolute_url()
    assert data["award"] == (
        "Sản phẩm OCOP 4 sao — Quyết định số 1234/QĐ-UBND ngày 01/03/2025, mã sản phẩm 37-14608-001-2025"
    )
    assert data["sku"] == "37-14608-001-2025"
    assert data["gtin"] == "8930000000019"
    assert data["manufacturer"]["name"] == product.cooperative.name
    assert data["manufacturer"]["address"]["addressLocality"] == "Xã Khánh Trung"
    assert data["offers"] == {
        "@type": "AggregateOffer",
        "priceCurrency": "VND",
        "lowPrice": 40000,
        "highPrice": 55000,
    }
    assert len(data["image"]) == 2 and data["image"][0].startswith("http://127.0.0.1:8000/media/")


def test_product_page_in_english_has_english_interface_and_hreflang_links(client, product):
    url = product.get_absolute_url()

    html = client.get("/en" + url).content.decode()

    assert "OCOP 4-star product" in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/en{url}">' in html
    assert f'hreflang="vi" href="http://127.0.0.1:8000{url}"' in html
    assert f'hreflang="en" href="http://127.0.0.1:8000/en{url}"' in html
    assert 'hreflang="x-default"' in html
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/' in html


def test_product_page_of_an_expired_certificate_says_so_without_award(client, db):
    certificate = CertificateFactory(status=Certificate.Status.EXPIRED, decision_date=datetime.date(2021, 1, 5))

    html = client.get(certificate.product.get_absolute_url()).content.decode()

    assert "Giấy chứng nhận OCOP của sản phẩm này đã hết hiệu lực." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "award" not in _ld_json(html)


def test_product_page_is_404_for_drafts_and_never_rated_products(client, db):
    draft = CertificateFactory(product=ProductFactory(status="draft")).product
    unrated = ProductFactory()

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(unrated.get_absolute_url()).status_code == 404


def test_product_page_query_count_does_not_grow_with_photos(client, django_assert_max_num_queries, product):
    with django_assert_max_num_queries(9):
        client.get(product.get_absolute_url() + "?a")
    ProductPhotoFactory.create_batch(5, product=product)
    with django_assert_max_num_queries(9):
        client.get(product.get_absolute_url() + "?b")


def test_product_page_shows_its_classification_and_the_producers_other_products(client, product, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    product_set = product.product_set
    html = client.get(product.get_absolute_url()).content.decode()
    assert f"{product_set.group.sector.label} · {product_set.label}" in html  # from the cached tree
    assert "Sản phẩm khác của" not in html  # the producer has no other product yet

    other = CertificateFactory(product=ProductFactory(name="Gạo tám xoan", cooperative=product.cooperative)).product
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Gạo tám xoan" in html  # a new product of the producer shows at once
    others = client.get(other.get_absolute_url()).context["other_products"]
    assert [card.pk for card in others] == [product.pk]  # the page's own product is left out


def test_product_page_runs_four_queries_once_the_shared_parts_are_cached(
    client, product, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(product.get_absolute_url())
    # the product with its producer and QR code, its photos, standards and certificates
    with django_assert_num_queries(4):
        client.get(product.get_absolute_url())
