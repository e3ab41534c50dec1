"""Middleware of the portal's own."""

import re

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.utils.html import escape
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls. PostgreSQL refuses a NUL byte in a string parameter (a 500
# on any page that filters by what the visitor typed); the others are never meant in a search
# box, a code or an address.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def strip_control_characters(text: str) -> str:
    """`text` with every control character replaced by a space (the pages squeeze spaces)."""
    return CONTROL_CHARACTERS.sub(" ", text)


def _has_control(query: QueryDict) -> bool:
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(value) for value in values)
        for key, values in query.lists()
    )


class ControlCharactersMiddleware:
    """A query string or address with control characters answers like the same one without:
    "mật ong%00" searches for "mật ong", "/q/NB-123%00" opens that label's page. Form fields
    need nothing here (Django's form fields already refuse a NUL byte)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("QUERY_STRING") and _has_control(request.GET):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(strip_control_characters(key), [strip_control_characters(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        if CONTROL_CHARACTERS.search(request.path_info):
            request.path_info = CONTROL_CHARACTERS.sub("", request.path_info)
            request.path = CONTROL_CHARACTERS.sub("", request.path)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is larger than the largest the portal accepts
    (settings.MAX_REQUEST_BODY_BYTES), before a byte of it is read: nobody can make a worker
    read (and spool to disk) a gigabyte. The proxy's `client_max_body_size` is the same limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            limit = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
            message = _("The files sent are too large: at most %(limit)s MB in one go.") % {"limit": limit}
            return HttpResponse(
                f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>413</title><p>{escape(message)}</p></html>',
                status=413,
            )
        return self.get_response(request)
