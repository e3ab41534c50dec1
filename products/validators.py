"""Validators for OCOP identifiers, with messages in the user's language."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# province-commune-serial-year, e.g. 37-14464-003-2026. Codes issued before the 2025 reform
# carry a 3-digit district code (37-372-001-2021) or a 4-digit one: never rewrite them.
PRODUCT_CODE_RE = re.compile(r"^\d{2}-\d{3,5}-\d{1,4}-(19|20)\d{2}$")
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-"})


def normalize_product_code(value: str | None) -> str:
    """Drop spaces and turn the dashes Word and Excel put in (–, —) into plain hyphens."""
    return re.sub(r"\s+", "", str(value or "")).translate(_DASHES)


def validate_product_code(value: str) -> None:
    if value and not PRODUCT_CODE_RE.match(value):
        raise ValidationError(
            _(
                "Enter the product code as province-commune-serial-year, e.g. 37-14464-003-2026 "
                "(the commune part has 3 to 5 digits)."
            ),
            code="invalid_product_code",
        )
