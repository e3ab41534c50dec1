"""Small formatting helpers of the cooperative's space."""

from django import template

register = template.Library()


@register.filter
def vnd(value):
    """50000 → "50.000 ₫" (Vietnamese grouping whatever the interface language)."""
    if value in (None, ""):
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    return f"{number:,}".replace(",", ".") + "\u00a0₫"
