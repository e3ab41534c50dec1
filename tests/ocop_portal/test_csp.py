"""The Content-Security-Policy: on every page, scripts only from the portal or with the
response's nonce, no third-party origin, no framing; cached public pages keep a valid nonce."""

import re

from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from showcase.cache import public_page


def _policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def test_every_page_has_the_policy(client, db):
    for url in [reverse("home"), reverse("accounts:login"), "/admin/login/"]:
        policy = _policy(client.get(url))

        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'"
        assert all(source in ("'self'",) or source.startswith("'nonce-") for source in policy["script-src"])
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert not any("http" in source for sources in policy.values() for source in sources)


def test_no_template_has_an_inline_script_without_a_nonce_or_an_event_attribute():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag and "application/ld+json" not in tag:
                offenders.append(f"{path.relative_to(root)}: {tag}")
        offenders += [f"{path.relative_to(root)}: {m}" for m in re.findall(r'\son[a-z]+="', text)]

    assert offenders == []


def test_a_cached_page_carries_the_nonce_of_its_own_response(settings, db):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">let a = 1;</script>')

    @public_page
    def view(request):
        from django.http import HttpResponse

        return HttpResponse(template.render({}, request))

    from csp.middleware import CSPMiddleware

    def fetch():
        request = RequestFactory().get("/nonce-test/")
        request.COOKIES = {}
        return CSPMiddleware(view)(request)

    first, second = fetch(), fetch()

    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert first.content != second.content
