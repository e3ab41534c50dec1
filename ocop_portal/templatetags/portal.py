"""Formatting filters every app's templates share: `{% load portal %}`."""

from django import template

register = template.Library()


def format_thousands(number: int) -> str:
    """1234567 → "1.234.567" (Vietnamese grouping, whatever the interface language)."""
    return f"{int(number):,}".replace(",", ".")


@register.filter
def vnd(value):
    """150000 → "150.000 ₫" (dots as thousands separators in every language); "" for nothing."""
    if value in (None, ""):
        return ""
    try:
        return format_thousands(int(value)) + "\u00a0₫"
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
