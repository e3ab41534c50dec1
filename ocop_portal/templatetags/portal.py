"""Formatting filters every app's templates share: `{% load portal %}`."""

import datetime

from django import template
from django.utils import timezone

from ocop_portal.text import format_thousands, format_vnd

register = template.Library()


@register.filter
def vnd(value):
    """150000 → "150.000 ₫" (dots as thousands separators in every language); "" for nothing."""
    if value in (None, ""):
        return ""
    try:
        return format_vnd(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def thousands(value):
    """1234567 → "1.234.567"; "" for nothing."""
    if value in (None, ""):
        return ""
    try:
        return format_thousands(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def tel_uri(value):
    """ "0229 3871 234" → "tel:02293871234": a tel: address has no spaces or dots (RFC 3966);
    the number is shown as written beside it."""
    number = "".join(ch for ch in str(value or "") if ch.isdigit() or ch == "+")
    return f"tel:{number}" if number else ""


@register.filter
def iso_datetime(value):
    """A `datetime` attribute's value: local time to the second, "2026-11-29T13:11:42+07:00"
    (HTML allows at most three decimals of a second, Django's "c" format writes six)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


class LayoutPartNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        from ocop_portal.layout import layout_part

        return layout_part(self.name, context, lambda: self.nodelist.render(context))


@register.tag
def layout_part(parser, token):
    """`{% layout_part "footer" %}…{% endlayout_part %}`: a part of the layout that is the same
    for every anonymous visitor, rendered once per worker (ocop_portal/layout.py)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('usage: {% layout_part "name" %}…{% endlayout_part %}')
    nodelist = parser.parse(("endlayout_part",))
    parser.delete_first_token()
    return LayoutPartNode(bits[1][1:-1], nodelist)
