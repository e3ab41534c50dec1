"""The error pages: in the portal's layout and the visitor's language, with a search box;
a broken layout still gives a plain page, never a second error."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from ocop_portal import error_views
from ocop_portal.guards import public_view
from ocop_portal.urls import urlpatterns as portal_urlpatterns


@public_view
def _broken(request):
    raise RuntimeError("boom")


@public_view
def _forbidden(request):
    raise PermissionDenied


@public_view
def _suspicious(request):
    raise SuspiciousOperation("bad")


urlpatterns = [
    path("test-errors/500/", _broken),
    path("test-errors/403/", _forbidden),
    path("test-errors/400/", _suspicious),
    *portal_urlpatterns,
]
handler400 = "ocop_portal.error_views.bad_request"
handler403 = "ocop_portal.error_views.permission_denied"
handler404 = "ocop_portal.error_views.page_not_found"
handler500 = "ocop_portal.error_views.server_error"


def _page(response) -> str:
    return response.content.decode()


def _assert_layout_with_search(html: str):
    assert 'class="site-header"' in html and 'class="site-footer' in html
    assert 'role="search"' in html and 'name="q"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_a_missing_page_is_a_404_in_the_layout_in_vietnamese(client, db):
    response = client.get("/khong-co-trang-nay/")

    html = _page(response)
    assert response.status_code == 404
    assert 'lang="vi"' in html and "Không tìm thấy trang" in html
    _assert_layout_with_search(html)
    assert 'action="/products/"' in html


def test_a_missing_page_under_en_is_in_english(client, db):
    response = client.get("/en/products/no-such-product/")

    html = _page(response)
    assert response.status_code == 404
    assert 'lang="en"' in html and "Page not found" in html
    assert 'action="/en/products/"' in html
    _assert_layout_with_search(html)


@pytest.mark.urls(__name__)
def test_a_server_error_is_a_500_in_the_layout(client, db):
    client.raise_request_exception = False

    response = client.get("/test-errors/500/")

    html = _page(response)
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in html
    _assert_layout_with_search(html)


@pytest.mark.urls(__name__)
def test_forbidden_and_bad_requests_have_their_pages(client, db):
    forbidden = client.get("/test-errors/403/")
    bad = client.get("/test-errors/400/")

    assert forbidden.status_code == 403 and "Không có quyền truy cập" in _page(forbidden)
    assert bad.status_code == 400 and "Yêu cầu không hợp lệ" in _page(bad)
    _assert_layout_with_search(_page(forbidden))
    _assert_layout_with_search(_page(bad))


def test_a_form_sent_without_its_csrf_token_explains_it(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/en/accounts/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "The form has expired" in _page(response)
    _assert_layout_with_search(_page(response))


def test_when_the_layout_cannot_be_drawn_a_plain_page_is_served(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(error_views.loader, "render_to_string", broken)

    response = error_views.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "<h1>" in _page(response) and "/" in _page(response)


def test_a_mistyped_qr_code_explains_how_to_check_a_certificate(client, db):
    response = client.get("/q/zzzzz9")

    html = _page(response)
    assert response.status_code == 404
    assert "zzzzz9" in html
    assert 'action="/certificates/check/"' in html
    assert "số quyết định" in html.lower()


def test_a_mistyped_qr_code_speaks_the_browser_language(client, db):
    response = client.get("/q/zzzzz9", HTTP_ACCEPT_LANGUAGE="en")

    html = _page(response)
    assert response.status_code == 404
    assert 'lang="en"' in html and "Check the certificate by its number" in html
    assert 'action="/en/certificates/check/"' in html


def test_a_qr_code_is_escaped_on_the_not_found_page(client, db):
    response = client.get("/q/%3Cscript%3E")

    assert "<script>" not in _page(response)
    assert "&lt;script&gt;" in _page(response)
