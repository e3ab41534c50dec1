"""Formatting filters every app's templates share: `{% load portal %}`."""

from django import template

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
