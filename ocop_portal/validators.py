"""Validators for Vietnamese identifiers, with messages in the user's language."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Enterprise/cooperative code = tax code: 10 digits, or 10 digits + "-" + 3 digits for a branch.
# Household businesses registered before 2021 may carry a district prefix such as "27A8001234".
registration_number_validator = RegexValidator(
    r"^(\d{10}(-\d{3})?|\d{2}[A-Z]\d{6,10})$",
    _("Enter a registration/tax number of 10 digits (or 10 digits, a dash and 3 digits for a branch)."),
    code="invalid_registration_number",
)

# Vietnamese phone numbers: mobile 0[35789]x xxx xxxx, landline 02xx xxx xxxx; +84 accepted.
_PHONE = re.compile(r"^(0|\+84)(3|5|7|8|9|2\d)\d{7,8}$")


def normalize_phone(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


def validate_phone(value: str) -> None:
    if value and not _PHONE.match(normalize_phone(value)):
        raise ValidationError(
            _("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0229 3871 234."), code="invalid_phone"
        )


def gtin_check_digit_ok(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def validate_gtin(value: str) -> None:
    """A GTIN-8/12/13/14 barcode with a correct check digit."""
    if not value:
        return
    if not value.isdigit() or len(value) not in (8, 12, 13, 14):
        raise ValidationError(_("A barcode has 8, 12, 13 or 14 digits."), code="invalid_gtin")
    if not gtin_check_digit_ok(value):
        raise ValidationError(
            _("The barcode's check digit is wrong; please check the number."), code="invalid_gtin_check"
        )
