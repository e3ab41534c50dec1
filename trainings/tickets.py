"""The participant's ticket: its QR code (segno, made by the portal) and the signed address of
the ticket page, which a participant without an account opens from the confirmation email.
The QR code holds the ticket code alone, so any camera reads it quickly; the check-in page also
accepts an address that ends with the code."""

import segno
from django.core import signing
from django.utils.safestring import mark_safe

from ocop_portal.emails import absolute_url

TICKET_SALT = "trainings.ticket"


def ticket_qr_svg(code: str, *, scale: int = 6) -> str:
    """The QR code of a ticket as inline SVG (safe: made from the code, nothing typed by anyone)."""
    svg = segno.make(code, error="q").svg_inline(scale=scale, border=2, dark="#111", light="#fff", omitsize=True)
    return mark_safe(svg)  # noqa: S308 — generated markup, the code is [A-Z0-9]


def ticket_token(registration) -> str:
    return signing.dumps(registration.ticket_code, salt=TICKET_SALT, compress=True)


def ticket_code_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=TICKET_SALT)
    except signing.BadSignature:
        return None


def ticket_url(registration) -> str:
    """The full address of the ticket page, for the confirmation email."""
    return absolute_url("trainings:ticket", token=ticket_token(registration))
