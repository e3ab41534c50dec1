"""Template helpers of the public pages: URLs that keep the filters, the QR symbol and
structured data rendered safely."""

import functools
import json
from urllib.parse import urlencode, urljoin

import segno
from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()

# The escapes of django.utils.html.json_script: "<", ">" and "&" can never close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data):
    """schema.org data as `<script type="application/ld+json">` — a data block, never run — with
    the same escaping as Django's json_script, so no value can break out of the element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def absolute(url):
    """An absolute address on the public site (SITE_URL), for feeds, OpenGraph and JSON-LD."""
    if not url:
        return ""
    return urljoin(settings.SITE_URL + "/", str(url))


@register.simple_tag(takes_context=True)
def query_toggle(context, param, value):
    """The current query string with `param=value` added or removed (and back to page 1)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    values = query.getlist(param)
    value = str(value)
    query.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag(takes_context=True)
def query_set(context, param, value):
    """The current query string with `param` set to `value` (an empty value removes it)."""
    query = context["request"].GET.copy()
    if param != "page":
        query.pop("page", None)
    if value in (None, ""):
        query.pop(param, None)
    else:
        query[param] = str(value)
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag
def query_without(request, *params):
    query = request.GET.copy()
    for param in ("page", *params):
        query.pop(param, None)
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag
def qr_svg(url, title=""):
    """The QR symbol of `url` as an inline SVG image (server-side, no script)."""
    return mark_safe(_qr_svg(str(url), str(title)))  # noqa: S308 — segno writes the markup and escapes `title`


@functools.lru_cache(maxsize=2048)
def _qr_svg(url: str, title: str) -> str:
    # Drawing a symbol costs tens of milliseconds (mask selection); an address's symbol never changes.
    qr = segno.make(url, error="m", boost_error=True)
    return qr.svg_inline(scale=4, border=2, title=title or None, svgclass="qr-symbol", lineclass=None, omitsize=True)


@register.simple_tag
def hidden_query_inputs(request, *skip):
    """Hidden inputs carrying the current filters into a form (e.g. the sort selector)."""
    parts = []
    for key, values in request.GET.lists():
        if key in skip or key == "page":
            continue
        for value in values:
            parts.append(format_html('<input type="hidden" name="{}" value="{}">', key, value))
    return mark_safe("".join(parts))  # noqa: S308 — each part built by format_html


@register.simple_tag
def urlencode_dict(**kwargs):
    return urlencode({k: v for k, v in kwargs.items() if v not in (None, "")})


# Type words that begin most producers' names; the monogram uses the first letter after them.
_NAME_PREFIXES = (
    "liên hiệp htx", "hợp tác xã", "htx", "tổ hợp tác", "tht", "công ty cổ phần", "công ty tnhh", "công ty cp",
    "công ty", "doanh nghiệp", "hộ kinh doanh", "hộ sản xuất", "trang trại",
)  # fmt: skip


@register.filter
def monogram(name):
    """ "HTX Dược liệu Yên Sơn" → "D": the letter shown when a producer has no logo."""
    text = " ".join(str(name).split())
    lowered = text.lower()
    for prefix in _NAME_PREFIXES:
        if lowered.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    return text[:1].upper()


@register.simple_tag
def stars(count):
    """The OCOP stars (same markup as includes/stars.html, without a template include)."""
    if not count:
        return ""
    count = int(count)
    label = ngettext("%(stars)s star", "%(stars)s stars", count) % {"stars": count}
    return format_html('<span class="ocop-stars" role="img" aria-label="{}">{}</span>', label, "★" * count)


def _facet_option(option, *, stars_label: bool) -> str:
    label = (
        stars(option.value) if stars_label else format_html('<span class="facet-label-text">{}</span>', option.label)
    )
    children = ""
    if option.children and option.expanded:
        children = format_html(
            '<ul class="facet-list facet-children">{}</ul>',
            mark_safe("".join(_facet_option(child, stars_label=False) for child in option.children)),  # noqa: S308
        )
    return format_html(
        '<li><label class="facet-option{}"><input class="form-check-input" type="checkbox" name="{}" value="{}"{}>'
        '<span class="facet-label">{}</span><span class="facet-count">{}</span></label>{}</li>',
        " is-selected" if option.selected else "",
        option.param,
        option.value,
        mark_safe(" checked") if option.selected else "",  # noqa: S308
        label,
        number_format(option.count, force_grouping=True),  # 12.345 in Vietnamese, 12,345 in English
        children,
    )


@register.simple_tag
def facet_options(options, stars_label=False):
    """The `<li>` checkboxes of a facet (children shown once their parent is chosen). Built in
    Python rather than with an include per option: the commune facet alone has 129 options."""
    return mark_safe("".join(_facet_option(option, stars_label=stars_label) for option in options))  # noqa: S308


def _selected(options):
    for option in options:
        if option.selected:
            yield option
        yield from _selected(option.children)


@register.simple_tag(takes_context=True)
def facet_chips(context, panels):
    """A removable chip for each chosen option of every facet (the catalogue's active filters)."""
    parts = []
    for panel in panels:
        for option in _selected(panel.options):
            label = stars(option.value) if panel.facet.stars_label else option.label
            parts.append(
                format_html(
                    '<a class="filter-chip" href="{}">{} <span aria-hidden="true">×</span>'
                    '<span class="visually-hidden">{}</span></a>',
                    query_toggle(context, option.param, option.value),
                    label,
                    gettext("(remove)"),
                )
            )
    return mark_safe("".join(parts))  # noqa: S308 — each part built by format_html


@register.filter
def facet_more_label(hidden, facet):
    """ "12 more communes": the summary of a facet's hidden options."""
    return facet.more_label(int(hidden)) or ngettext("%(count)s more", "%(count)s more", int(hidden)) % {
        "count": hidden
    }


def _facet_panel(panel) -> str:
    more = ""
    if panel.more:
        more = format_html(
            '<details class="facet-more"><summary>{}</summary><ul class="facet-list">{}</ul></details>',
            facet_more_label(len(panel.more), panel.facet),
            facet_options(panel.more),
        )
    return format_html(
        '<fieldset class="facet"><legend class="facet-title">{}</legend><ul class="facet-list">{}</ul>{}</fieldset>',
        panel.facet.title,
        facet_options(panel.shown, stars_label=panel.facet.stars_label),
        more,
    )


@register.simple_tag
def facet_panels(catalogue):
    """Every facet's fieldset, as one fragment cached with the catalogue's counts (it depends on
    the counts and choices only, never on the visitor)."""
    from showcase.cache import generation_cached

    html = generation_cached(
        f"catalogue:panel:{catalogue.summary_key}",
        lambda: "".join(_facet_panel(panel) for panel in catalogue.panels),
    )
    return mark_safe(html)  # noqa: S308 — built by format_html


@register.simple_tag
def product_card_items(products):
    """`<li>` product cards, each rendered once per worker and cache generation (every write to
    a product, photo, certificate or producer bumps it: showcase/signals.py). `products` is a
    list of products or a CardList of ids, whose products are read only for the cards to render."""
    from showcase.cache import card_items
    from showcase.selectors.cards import CardList, with_cover_photos

    cards = products if isinstance(products, CardList) else CardList.of(products)
    loaded = {}

    def prepare(missing):
        loaded.update(cards.load(missing))
        with_cover_photos(product for product in loaded.values() if not hasattr(product, "cover_photos"))

    return card_items(
        "product-card",
        "showcase/includes/product_card.html",
        cards.ids,
        key=lambda pk: pk,
        context=lambda pk: {"product": loaded[pk]} if pk in loaded else None,
        prepare=prepare,
    )


_FIELDSET = '<fieldset class="facet"><legend class="facet-title">{}</legend><ul class="facet-list">{}</ul>{}</fieldset>'
PRODUCER_COMMUNES_SHOWN = 8


def _producer_facet_panels(facets) -> str:
    parts = []
    if facets["kinds"]:
        parts.append(format_html(_FIELDSET, gettext("Producer type"), facet_options(facets["kinds"]), ""))
    communes = facets["communes"]
    if communes:
        more = ""
        hidden = len(communes) - PRODUCER_COMMUNES_SHOWN
        if hidden > 0:
            more = format_html(
                '<details class="facet-more"><summary>{}</summary><ul class="facet-list">{}</ul></details>',
                ngettext("%(count)s more commune", "%(count)s more communes", hidden) % {"count": hidden},
                facet_options(communes[PRODUCER_COMMUNES_SHOWN:]),
            )
        parts.append(
            format_html(_FIELDSET, gettext("Commune / ward"), facet_options(communes[:PRODUCER_COMMUNES_SHOWN]), more)
        )
    return "".join(parts)


@register.simple_tag
def producer_facet_panels(facets, filters):
    """The directory's facets (producer type, commune), one fragment shared with the filter's
    counts (the 129 communes are most of the page)."""
    from django.utils.translation import get_language

    from showcase.cache import generation_cached

    html = generation_cached(
        f"producers:panel:{get_language()}:{filters.key()}", lambda: _producer_facet_panels(facets)
    )
    return mark_safe(html)  # noqa: S308 — built by format_html


@register.simple_tag
def producer_card_items(cooperatives):
    """`<li>` producer cards of the directory, each rendered once per worker and cache
    generation (a producer's or product's write bumps it), under its number of products."""
    from showcase.cache import card_items

    return card_items(
        "producer-card",
        "showcase/includes/producer_card.html",
        cooperatives,
        key=lambda cooperative: (cooperative.pk, cooperative.updated_at, cooperative.certified_count),
        context=lambda cooperative: {"cooperative": cooperative},
    )


_BLANK_ENQUIRY_FIELDS: dict[str, str] = {}


@register.simple_tag
def enquiry_fields(form):
    """The enquiry form's fields. A blank form is the same on every product page: rendered once
    per worker and language (Django's widget rendering is a good part of a product page)."""
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    if form.is_bound:
        return render_to_string("showcase/includes/enquiry_fields.html", {"form": form})
    language = get_language()
    if language not in _BLANK_ENQUIRY_FIELDS:
        _BLANK_ENQUIRY_FIELDS[language] = render_to_string("showcase/includes/enquiry_fields.html", {"form": form})
    return mark_safe(_BLANK_ENQUIRY_FIELDS[language])  # noqa: S308 — a rendered template
