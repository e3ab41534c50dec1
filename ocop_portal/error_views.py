"""The error pages (400, 403, 404, 500) in the portal's layout and the visitor's language,
with a search box and the ways on. Each falls back to a plain page when the layout itself
cannot be drawn (the database down, a bad Host header), so an error never hides behind another."""

import logging

from django.http import HttpResponse
from django.template import loader
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _plain(status: int, title: str) -> HttpResponse:
    """A page that needs neither the database nor the request's host."""
    again = _("Please try again in a few minutes.")
    home = _("Back to the home page")
    html = (
        f'<!doctype html><html lang="{escape(get_language() or "vi")}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title></head>"
        '<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">'
        f"<h1>{escape(title)}</h1><p>{escape(again)}</p>"
        f'<p><a href="/">{escape(home)}</a></p></body></html>'
    )
    return HttpResponse(html, status=status)


def _page(request, status: int, template: str, title: str, context=None) -> HttpResponse:
    try:
        content = loader.render_to_string(template, context or {}, request=request)
    except Exception:  # noqa: BLE001 — whatever broke the layout, the visitor still gets a page
        logger.exception("The %s page could not be drawn in the layout", status)
        return _plain(status, title)
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, "400.html", _("Bad request"))


def permission_denied(request, exception=None):
    return _page(request, 403, "403.html", _("Access denied"))


def page_not_found(request, exception=None):
    return _page(request, 404, "404.html", _("Page not found"), {"request_path": request.path})


def server_error(request):
    return _page(request, 500, "500.html", _("Something went wrong"))


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (usually a page left open too long)."""
    return _page(request, 403, "403_csrf.html", _("The form has expired"))
