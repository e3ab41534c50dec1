import re

import pytest
from django.urls import reverse

from news.models import Article
from tests.factories import CertificateFactory, ProductFactory
from tests.factories.news import ArticleFactory


@pytest.fixture
def site(certified_product):
    ArticleFactory(title="Tin đã đăng", slug="tin-da-dang")
    ArticleFactory(title="Bản nháp", slug="ban-nhap", status=Article.Status.DRAFT)
    ProductFactory(slug="chua-chung-nhan")
    return certified_product


def _locations(xml):
    return re.findall(r"<loc>(.*?)</loc>", xml)


def test_sitemap_index_points_to_each_section(client, site):
    xml = client.get("/sitemap.xml").content.decode()

    assert {loc.rsplit("/", 1)[1] for loc in _locations(xml)} == {
        "sitemap-pages.xml",
        "sitemap-products.xml",
        "sitemap-producers.xml",
        "sitemap-news.xml",
    }


def test_sitemap_lists_certified_products_producers_and_published_news_in_both_languages(client, site):
    products = _locations(client.get("/sitemap-products.xml").content.decode())
    producers = client.get("/sitemap-producers.xml").content.decode()
    news = _locations(client.get("/sitemap-news.xml").content.decode())

    assert products == [
        f"http://testserver/products/{site.slug}/",
        f"http://testserver/en/products/{site.slug}/",
    ]
    assert f"<loc>http://testserver/producers/{site.cooperative.slug}/</loc>" in producers
    assert 'hreflang="en"' in producers and 'hreflang="x-default"' in producers
    assert news == ["http://testserver/news/tin-da-dang/", "http://testserver/en/news/tin-da-dang/"]


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    for path in ["/admin/", "/space/", "/accounts/", "/dossiers/", "/en/space/"]:
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text


def test_public_pages_have_a_title_description_canonical_and_opengraph(client, site):
    for url in [reverse("home"), reverse("showcase:catalogue"), reverse("showcase:producers"), reverse("news:list")]:
        html = client.get(url).content.decode()
        assert re.search(r"<title>[^<]{5,}</title>", html), url
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{url}">' in html, url
        assert '<meta property="og:title"' in html and '<meta property="og:image"' in html, url


def test_filtered_catalogue_points_canonical_to_the_plain_listing_and_is_not_indexed(client, site):
    html = client.get(reverse("showcase:catalogue"), {"q": "gao", "page": "1"}).content.decode()

    assert '<link rel="canonical" href="http://127.0.0.1:8000/products/">' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_pages_have_landmarks_breadcrumbs_and_labelled_search(client, site):
    html = client.get(reverse("showcase:catalogue")).content.decode()

    assert '<main id="main"' in html and "<header" in html and "<footer" in html
    assert 'aria-label="Đường dẫn"' in html
    assert '<label for="catalogue-q"' in html
    assert 'class="visually-hidden-focusable skip-link" href="#main"' in html
    assert "<script>" not in html  # no inline script


def test_structured_data_is_the_only_script_block_and_not_executable(client, site):
    html = client.get(site.get_absolute_url()).content.decode()

    scripts = re.findall(r"<script([^>]*)>", html)
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert inline == [' type="application/ld+json"']


def test_news_and_expired_products_are_not_in_the_product_sitemap(client, db):
    CertificateFactory(status="expired", product=ProductFactory(slug="het-han"))

    assert "het-han" not in client.get("/sitemap-products.xml").content.decode()


def test_default_opengraph_image_is_a_real_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find("img/og-default.png")
