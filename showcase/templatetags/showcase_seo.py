"""Canonical and alternate-language links and OpenGraph tags for every page (used by base.html)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

register = template.Library()

# OpenGraph locales of the portal's languages.
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def _language_variants(request) -> dict[str, str]:
    """The request's page in each language: reversed from the URL it was resolved by (one
    reverse per language), or through translate_url when it was not resolved (an error page)."""
    match = getattr(request, "resolver_match", None)
    variants = {}
    for code, _name in settings.LANGUAGES:
        url = None
        if match is not None and match.url_name:
            with translation.override(code):
                try:
                    url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    url = None
        variants[code] = url or translate_url(request.path, code)
    return variants


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def seo_alternates(context):
    """`<link rel="canonical">` for the page in its language, and `hreflang` alternates for the
    other languages (plus x-default) when the page exists under a language prefix. Query strings
    are dropped except the page number, so filtered views point to the plain listing."""
    request = context.get("request")
    if request is None:
        return ""
    page = request.GET.get("page", "")
    suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
    links = [("canonical", "", _absolute(request.path) + suffix)]
    variants = _language_variants(request)
    if len(set(variants.values())) > 1:
        for code, url in variants.items():
            links.append(("alternate", code, _absolute(url) + suffix))
        links.append(("alternate", "x-default", _absolute(variants[settings.LANGUAGE_CODE]) + suffix))
    return format_html_join(
        "\n  ",
        '<link rel="{}"{} href="{}">',
        ((rel, format_html(' hreflang="{}"', lang) if lang else "", href) for rel, lang, href in links),
    )


@register.simple_tag(takes_context=True)
def opengraph(context, title="", description="", image="", kind="website"):
    """OpenGraph and Twitter card tags; the portal's logo when the page has no image."""
    request = context.get("request")
    portal = settings.PORTAL
    image_url = _absolute(str(image)) if image else _absolute(static("img/og-default.png"))
    tags = [
        ("og:site_name", portal["NAME"]),
        ("og:type", kind),
        ("og:title", title or portal["NAME"]),
        ("og:locale", OG_LOCALES.get(get_language() or "", "vi_VN")),
        ("og:image", image_url),
    ]
    if description:
        tags.append(("og:description", description))
    if request is not None:
        tags.append(("og:url", _absolute(request.path)))
    html = format_html_join("\n  ", '<meta property="{}" content="{}">', tags)
    card = "summary_large_image" if image else "summary"
    return html + format_html('\n  <meta name="twitter:card" content="{}">', card)
