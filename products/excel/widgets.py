"""import-export widgets that read what people actually type and write human values back."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

from ocop_portal.text import fold, format_thousands

from .cells import Amount, excel_text, is_blank, parse_amount, parse_date


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if is_blank(value) else excel_text(value)


class DigitsWidget(TextWidget):
    """Registration numbers, phone numbers: Excel drops a leading zero when it reads them as
    numbers, so `pad_to` puts it back (0912345678 → 912345678 → "0912345678")."""

    def __init__(self, *, pad_to: int | None = None, **kwargs):
        self.pad_to = pad_to
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if self.pad_to and isinstance(value, int | float) and len(text) == self.pad_to - 1:
            text = "0" + text
        return text


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = excel_text(value).replace(".", "").replace(" ", "")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if not text.isdigit():
            raise ValueError(_("Enter a whole number."))
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class AmountWidget(widgets.Widget):
    """Prices in đồng: a number cell in Excel, "25.000" elsewhere."""

    def clean(self, value, row=None, **kwargs):
        return None if is_blank(value) else parse_amount(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return Amount(value) if kwargs.get("force_native_type") else format_thousands(value)


class DecimalWidget(widgets.Widget):
    """Scores: "75,5", "75.5" and 75.5 all mean 75.5."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        try:
            return Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Enter a number, e.g. 75,5."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return float(value)
        return format(value.normalize(), "f").replace(".", ",")


class DateWidget(widgets.Widget):
    """Dates as Excel dates (shown dd/mm/yyyy), or "dd/mm/yyyy" text."""

    def clean(self, value, row=None, **kwargs):
        return None if is_blank(value) else parse_date(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else value.strftime("%d/%m/%Y")


class BooleanWidget(widgets.Widget):
    TRUE = {"co", "x", "1", "true", "yes", "dung", "phai", "v"}
    FALSE = {"khong", "0", "false", "no", "sai", "-"}

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, bool):
            return value
        folded = fold(excel_text(value))
        if folded in self.TRUE:
            return True
        if folded in self.FALSE:
            return False
        raise ValueError(_("Write “Có” (yes) or “Không” (no)."))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("Yes") if value else _("No")


class ChoiceWidget(widgets.Widget):
    """A choice written as its label (either language, diacritics optional), its code, or
    one of `aliases` ({"htx": "htx", "tht": "to_hop_tac"})."""

    def __init__(self, choices, *, aliases=None, **kwargs):
        self.choices = choices
        self.aliases = {fold(k): v for k, v in (aliases or {}).items()}
        super().__init__(**kwargs)

    def _lookup(self) -> dict[str, str]:
        table = dict(self.aliases)
        for code, label in self.choices:
            table[fold(code)] = code
            for language in ("vi", "en"):
                with translation.override(language):
                    table[fold(str(label))] = code
        return table

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        code = self._lookup().get(fold(excel_text(value)))
        if code is None:
            allowed = "; ".join(str(label) for _code, label in self.choices)
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})
        return code

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))


class LookupWidget(widgets.Widget):
    """A reference resolved by a function that raises ValidationError with a message; the
    same text in a file is resolved once (a file names the same producer many times)."""

    def __init__(self, *, find, label=str, **kwargs):
        self.find, self.label = find, label
        self._cache = {}
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        key = excel_text(value)
        if key not in self._cache:
            try:
                self._cache[key] = (self.find(key), None)
            except ValidationError as error:
                self._cache[key] = (None, error)
        found, error = self._cache[key]
        if error is not None:
            raise error
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.label(value)
