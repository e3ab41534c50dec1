from django import template
from django.utils.safestring import mark_safe

from news.sanitize import clean_html

register = template.Library()


@register.filter
def article_html(text):
    """An article body, cleaned with nh3 at display time too (whatever wrote it)."""
    return mark_safe(clean_html(text))  # noqa: S308 — cleaned by an allow-list sanitiser
