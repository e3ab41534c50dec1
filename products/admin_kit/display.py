"""Readable columns: stars, đồng, dd/mm/yyyy dates, coloured status badges."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from ocop_portal.text import format_thousands, format_vnd

EXPIRY_WARNING_DAYS = 180  # re-rating is filed 180 to 120 days before a certificate expires


def price_range_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "—"
    if low is None:
        return _("up to %(price)s") % {"price": format_vnd(high)}
    if high is None or high == low:
        return format_vnd(low) if high == low else _("from %(price)s") % {"price": format_vnd(low)}
    return f"{format_thousands(low)} – {format_vnd(high)}"


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def stars_html(stars: int | None):
    """★★★★ 4, readable by screen readers as "4 stars"."""
    if not stars:
        return format_html('<span class="registry-muted">{}</span>', _("not rated"))
    label = ngettext("%(count)d star", "%(count)d stars", stars) % {"count": stars}
    return format_html(
        '<span class="registry-stars" title="{}"><span aria-hidden="true">{}</span> {}</span>',
        label,
        "★" * stars,
        stars,
    )


def badge(label, tone: str):
    """A coloured status label; `tone` is one of ok, warn, bad, muted, info."""
    return format_html('<span class="registry-badge registry-badge--{}">{}</span>', tone, label)


def certificate_status_badge(certificate, *, today: datetime.date | None = None):
    """Valid (green), expiring within 180 days (amber), expired (grey, also when the nightly task
    has not marked it yet), revoked (red)."""
    today = today or timezone.localdate()
    status = certificate.status
    if status == certificate.Status.REVOKED:
        return badge(pgettext("certificate validity", "Revoked"), "bad")
    if status == certificate.Status.EXPIRED or (certificate.valid_until and certificate.valid_until < today):
        return badge(pgettext("certificate validity", "Expired"), "muted")
    if certificate.valid_from and certificate.valid_from > today:
        return badge(pgettext("certificate validity", "Not yet valid"), "info")
    if certificate.valid_until and (certificate.valid_until - today).days <= EXPIRY_WARNING_DAYS:
        return badge(
            pgettext("certificate validity", "Expires soon"),
            "warn",
        )
    return badge(pgettext("certificate validity", "Valid"), "ok")
