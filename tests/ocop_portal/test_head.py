"""HEAD answers like GET on every public page (crawlers and link checkers ask HEAD first):
the walk below covers every URL pattern whose guard is public, so a new public page that
refuses HEAD (`require_GET` instead of `require_safe`) fails here."""

import pytest
from django.urls import get_resolver

from fairs.services.matchmaking import buyer_access_token, buyer_confirm_token
from ocop_portal.guards import guard_of
from tests.factories import CertificateFactory, ProductFactory
from tests.factories.fairs import BuyerFactory, EventFactory, SalesCentreFactory
from tests.factories.news import ArticleFactory
from tests.ocop_portal.test_guards import _walk

# Public patterns that are not pages: they only take a POST.
NOT_PAGES = {"i18n/setlang/", "accounts/logout/"}


@pytest.fixture
def public_urls(db):
    """A URL for every public pattern (route → URL), with real objects behind them."""
    product = ProductFactory(name="Mật ong hoa nhãn")
    CertificateFactory(product=product, stars=4)
    product.refresh_from_db()
    article = ArticleFactory()
    fair = EventFactory()
    buyer = BuyerFactory()
    SalesCentreFactory()
    code = product.qr_code.code
    return {
        "healthz": "/healthz",
        "q/<str:code>": f"/q/{code}",
        "q/<str:code>/": f"/q/{code}/",
        "robots.txt": "/robots.txt",
        "sitemap.xml": "/sitemap.xml",
        "sitemap-<slug:section>.xml": "/sitemap-products.xml",
        "": "/",
        "accounts/login/": "/accounts/login/",
        "accounts/signup/": "/accounts/signup/?q=ninh",
        "accounts/signup/sent/": "/accounts/signup/sent/",
        "accounts/signup/confirm/<str:token>/": "/accounts/signup/confirm/not-a-token/",
        "accounts/invitation/<str:token>/": "/accounts/invitation/not-a-token/",
        "accounts/password/reset/": "/accounts/password/reset/",
        "accounts/password/reset/sent/": "/accounts/password/reset/sent/",
        "accounts/password/reset/<uidb64>/<token>/": "/accounts/password/reset/MQ/set-password/",
        "accounts/password/reset/done/": "/accounts/password/reset/done/",
        "news/": "/news/",
        "news/<slug:slug>/": article.get_absolute_url(),
        "events/": "/events/",
        "events/calendar.ics": "/events/calendar.ics",
        "events/<slug:slug>/": f"/events/{fair.slug}/",
        "events/<slug:slug>/calendar.ics": f"/events/{fair.slug}/calendar.ics",
        "events/<slug:slug>/buyers/": f"/events/{buyer.event.slug}/buyers/",
        "events/<slug:slug>/buyers/thanks/": f"/events/{buyer.event.slug}/buyers/thanks/",
        "buyers/confirm/<str:token>/": f"/buyers/confirm/{buyer_confirm_token(buyer)}/",
        "buyers/<str:token>/": f"/buyers/{buyer_access_token(buyer)}/",
        "buyers/<str:token>/timetable/": f"/buyers/{buyer_access_token(buyer)}/timetable/",
        "sales-centre/": "/sales-centre/",
        "products/": "/products/?q=mat+ong",
        "products/<slug:slug>/": product.get_absolute_url(),
        "producers/": "/producers/",
        "producers/<slug:slug>/": product.cooperative.get_absolute_url(),
        "certificates/check/": "/certificates/check/?q=37",
        "ocop-in-numbers/": "/ocop-in-numbers/",
        "trainings/": "/trainings/",
        "trainings/calendar.ics": "/trainings/calendar.ics",
        # A missing course: HEAD must answer its 404 like GET does.
        "trainings/<slug:slug>/": "/trainings/no-such-course/",
        "trainings/<slug:slug>/calendar.ics": "/trainings/no-such-course/calendar.ics",
        # An unknown ticket and certificate number: their 404 pages, by HEAD as by GET.
        "trainings/tickets/<str:token>/": "/trainings/tickets/no-such-ticket/",
        "trainings/certificates/<str:code>/": "/trainings/certificates/GCN-2026-99999/",
    }


def _public_routes():
    for route, namespace, callback in _walk(get_resolver().url_patterns):
        guard = guard_of(callback)
        if namespace != "admin" and guard and guard[0] == "public" and route not in NOT_PAGES:
            yield route


def test_every_public_pattern_is_walked(public_urls):
    missing = sorted(set(_public_routes()) - set(public_urls))
    assert not missing, "public patterns without a sample URL in this test: " + ", ".join(missing)


def test_head_answers_like_get_on_every_public_page(client, public_urls):
    different = []
    for url in public_urls.values():
        for prefix in ("", "/en") if not url.startswith(("/q/", "/healthz", "/robots", "/sitemap")) else ("",):
            get = client.get(prefix + url)
            head = client.head(prefix + url)
            if head.status_code != get.status_code or head.get("Content-Type") != get.get("Content-Type"):
                different.append(f"{prefix}{url}: GET {get.status_code}, HEAD {head.status_code}")
            elif head.content:
                different.append(f"{prefix}{url}: HEAD sent a body")
            if get.status_code >= 500:
                different.append(f"{prefix}{url}: GET {get.status_code}")
    assert not different, "\n".join(different)
