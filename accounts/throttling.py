"""Failed-login throttling (django-axes) adapted to login by email."""

from django.conf import settings


def axes_username(request, credentials=None) -> str | None:
    """The account a login attempt is for, folded like the login itself (case-insensitive,
    surrounding spaces ignored) so "An@HTX.vn " and "an@htx.vn" share one failure count."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", None) or getattr(request, "POST", {})
        value = value.get(field) if value else None
    if not value:
        return None
    return str(value).strip().lower()
