"""The layout parts rendered once for anonymous visitors (ocop_portal/layout.py, base.html)."""

import re

import pytest
from django.test import RequestFactory, override_settings

from ocop_portal import layout
from tests.factories import MembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

ACTIVE = re.compile(r'<a class="nav-link active" href="([^"]+)"')


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    """Every request renders its page, so the layout parts (not the page cache) answer."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    layout.layout_parts_clear()
    yield
    layout.layout_parts_clear()


def _nav(html: str) -> str:
    return html[html.index('<ul class="navbar-nav me-auto">') : html.index("</nav>")]


@pytest.mark.parametrize(
    "path, active",
    [
        ("/", "/"),
        ("/products/", "/products/"),
        ("/producers/", "/producers/"),
        ("/news/", "/news/"),
        ("/events/", "/events/"),
        ("/trainings/", "/trainings/"),
        ("/certificates/check/", "/certificates/check/"),
        ("/en/products/", "/en/products/"),
    ],
)
def test_each_page_marks_its_own_navigation_entry_after_other_pages_were_served(client, path, active):
    for other in ("/", "/products/", "/producers/", "/news/", "/events/", "/trainings/", "/en/"):
        assert client.get(other).status_code == 200

    html = client.get(path).content.decode()

    assert ACTIVE.findall(_nav(html)) == [active]


def test_a_page_without_a_navigation_entry_marks_none(client):
    client.get("/products/")

    html = client.get("/products/?q=mat+ong").content.decode()
    assert ACTIVE.findall(_nav(html)) == ["/products/"]  # same path, same entry
    html = client.get("/nothing-here/").content.decode()
    assert ACTIVE.findall(_nav(html)) == []


def test_the_english_pages_get_the_english_layout(client):
    client.get("/")

    html = client.get("/en/").content.decode()

    assert ">Producers</a>" in html and ">Nhà sản xuất</a>" not in html
    assert 'href="/en/accounts/login/"' in html


def test_signed_in_visitors_get_their_own_links_after_anonymous_ones(client):
    client.get("/")
    client.force_login(StaffUserFactory())

    html = client.get("/").content.decode()

    assert 'href="/dossiers/staff/"' in html and "Đăng xuất" in html
    assert 'href="/accounts/login/"' not in html
    # the logout form's CSRF token is the visitor's own
    assert "csrfmiddlewaretoken" in html


def test_a_cooperative_user_sees_the_space_link_and_the_footer_changes_with_the_settings(client, settings):
    client.get("/")
    with override_settings(PORTAL={**settings.PORTAL, "ADDRESS": "Số 1 đường Thử, Hoa Lư"}):
        html = client.get("/").content.decode()
    assert "Số 1 đường Thử, Hoa Lư" in html[html.index("<footer") :]
    client.force_login(MembershipFactory().user)
    assert 'href="/space/"' in client.get("/").content.decode()


def test_a_part_is_rendered_once_for_anonymous_visitors_and_never_stored_with_a_token(client):
    from django.contrib.auth.models import AnonymousUser
    from django.urls import resolve

    def anonymous(path):
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.resolver_match = resolve(request.path)
        return {"request": request}

    calls = []

    def render(html):
        def _render():
            calls.append(html)
            return html

        return _render

    context = anonymous("/products/")
    assert layout.layout_part("t", context, render("<p>a</p>")) == "<p>a</p>"
    assert layout.layout_part("t", anonymous("/products/?page=2"), render("<p>b</p>")) == "<p>a</p>"
    assert calls == ["<p>a</p>"]
    # another navigation entry's path, or a page of another app, has its own copy
    assert layout.layout_part("t", anonymous("/producers/"), render("<p>c</p>")) == "<p>c</p>"
    assert layout.layout_part("t", anonymous("/events/"), render("<p>d</p>")) == "<p>d</p>"
    assert layout.layout_part("t", anonymous("/trainings/"), render("<p>e</p>")) == "<p>e</p>"
    assert calls == ["<p>a</p>", "<p>c</p>", "<p>d</p>", "<p>e</p>"]

    token = '<input name="csrfmiddlewaretoken" value="x">'
    layout.layout_part("form", context, render(token))
    layout.layout_part("form", context, render(token))
    assert calls[-2:] == [token, token]
