"""Safe formatting for articles: what staff write is cleaned with nh3 (an allow-list), so no
script, style, event handler or `javascript:` link ever reaches a reader."""

import re

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
    "a", "ul", "ol", "li", "blockquote", "q", "cite", "hr", "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "abbr", "time",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!]")


def clean_html(text: str | None) -> str:
    """The article body as safe HTML. Plain text (no tag at all) becomes escaped paragraphs;
    HTML keeps only the allowed tags and attributes, links get rel="noopener noreferrer nofollow".
    Idempotent: cleaning clean HTML changes nothing."""
    if not text:
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        return linebreaks(escape(text))
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
