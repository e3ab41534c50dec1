import json
import re

import pytest
from django.urls import reverse

from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory
from tests.factories.news import ArticleFactory
from tests.factories.showcase import EnquiryFactory

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def evil(db):
    cooperative = CooperativeFactory(name=f"HTX {EVIL}", description=EVIL)
    product = ProductFactory(
        name=EVIL, cooperative=cooperative, description=EVIL, story=EVIL, where_to_buy=EVIL, unit="<b>kg</b>"
    )
    CertificateFactory(product=product, decision_number=f"1/{EVIL}")
    product.refresh_from_db()
    article = ArticleFactory(title=EVIL, summary=EVIL, body=f"<p>An toàn</p>{EVIL}<img src=x onerror=alert(2)>")
    article.related_products.add(product)
    return product, article


def test_user_text_is_shown_as_text_on_every_public_page(client, evil):
    product, article = evil
    urls = [
        reverse("home"),
        reverse("showcase:catalogue"),
        reverse("showcase:catalogue") + "?q=script",
        product.get_absolute_url(),
        product.qr_code.get_absolute_url(),
        reverse("showcase:producers"),
        product.cooperative.get_absolute_url(),
        reverse("showcase:certificate_check") + "?q=" + product.certificates.get().product_code,
        reverse("news:list"),
        article.get_absolute_url(),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert EVIL not in html, url
        assert "alert(1)" not in html or ESCAPED in html or "\\u003Cscript\\u003E" in html, url
        assert "onerror" not in html, url


def test_product_name_is_text_in_title_heading_and_meta_tags(client, evil):
    product, _article = evil

    html = client.get(product.get_absolute_url()).content.decode()

    assert f"<title>{ESCAPED} — HTX {ESCAPED}" in html
    assert f'<h1 class="h2 mb-2">{ESCAPED}</h1>' in html
    assert f'<meta property="og:title" content="{ESCAPED}">' in html


def test_json_ld_escapes_markup_yet_keeps_the_exact_name(client, evil):
    product, _article = evil

    html = client.get(product.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)

    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == EVIL
    assert json.loads(block)["manufacturer"]["name"] == f"HTX {EVIL}"


def test_space_enquiry_list_escapes_what_buyers_write(client, evil):
    from tests.factories import MembershipFactory

    product, _article = evil
    member = MembershipFactory(cooperative=product.cooperative)
    EnquiryFactory(product=product, name=EVIL, message=EVIL, organisation=EVIL, quantity=EVIL)
    client.force_login(member.user)

    html = client.get(reverse("showcase:space_enquiries")).content.decode()

    assert EVIL not in html
    assert ESCAPED in html


def test_search_query_is_escaped_when_shown_back(client, db):
    html = client.get(reverse("showcase:catalogue"), {"q": '"><script>alert(1)</script>'}).content.decode()

    assert "<script>alert(1)" not in html
