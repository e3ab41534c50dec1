"""Reading and writing a cell's value as people type it: amounts, dates, text."""

import datetime
import re

from django.utils.encoding import force_str
from django.utils.translation import gettext as _

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"]


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_amount(value) -> int:
    """Read an amount of đồng as people write it: 25000, 25000.0, "25.000", "25 000 đ", "25.000₫"."""
    if isinstance(value, bool):
        raise ValueError(_("Enter an amount in đồng, e.g. 25.000."))
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("Enter an amount in whole đồng, e.g. 25.000."))
        amount = int(value)
    else:
        text = re.sub(r"(?i)(vnđ|vnd|đồng|đ|₫|\s)", "", str(value))
        if not re.fullmatch(r"\d{1,3}([.,]\d{3})+|\d+", text):
            raise ValueError(_("Enter an amount in đồng, e.g. 25.000."))
        amount = int(re.sub(r"[.,]", "", text))
    if amount < 0:
        raise ValueError(_("An amount cannot be negative."))
    return amount


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date as dd/mm/yyyy, e.g. 15/03/2026."))


def excel_text(value) -> str:
    """A cell as text; numbers that Excel stored as 2700123456.0 come back as "2700123456"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"[ \t]+", " ", force_str(value)).strip()


class Amount(int):
    """An amount of đồng: ExcelFormat shows it with thousands separators."""
