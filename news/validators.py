from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image


def validate_cover_image(file) -> None:
    """A cover image must be a real JPEG, PNG or WebP image within the upload limits."""
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except Exception:  # noqa: BLE001 — anything Pillow cannot read is not an image we accept
        raise ValidationError(_("This file is not an image."), code="not_image")
    finally:
        file.seek(position)
    if kind not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError(_("Use a JPEG, PNG or WebP image."), code="format")
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(_("The image has too many pixels; make it smaller."), code="too_many_pixels")
