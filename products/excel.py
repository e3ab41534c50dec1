"""Excel import and export for the registry, written for staff who live in Excel.

- `ExcelFormat`: the only file format offered. Exports a real .xlsx (bold frozen header,
  filters, sensible widths, dates as dates shown dd/mm/yyyy, every text cell stored as text so
  nothing typed by a producer becomes a formula). Imports the first sheet, skips blank lines and
  remembers each row's line number in Excel so errors name the line staff see.
- Widgets that read what people actually type (labels with or without diacritics, "Có"/"x",
  "25.000 đ", 0912… that Excel turned into a number) and write human values back.
- `RegistryResource`: headers in the user's language (either language is accepted on import,
  diacritics and case ignored); an empty cell changes nothing; every error is reported under
  the column's header, with the Excel line, in the user's language. A row is written by its
  app's service (`record_save`), never saved here, so an import does what the admin does.
"""

import datetime
import io
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from ocop_portal.errors import ApplicationError
from ocop_portal.text import fold, format_thousands

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


# --- Widgets ----------------------------------------------------------------------------------


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


class Amount(int):
    """An amount of đồng: ExcelFormat shows it with thousands separators."""


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


# --- Columns and the base resource -----------------------------------------------------------


class Column(fields.Field):
    """A spreadsheet column. An empty cell leaves the record's value as it is (a new record
    gets the model's default), so a partly filled sheet never erases data."""

    def __init__(self, attribute=None, label=None, widget=None, **kwargs):
        self.label = label  # lazy: the header is chosen per request (RegistryResource.__init__)
        super().__init__(attribute=attribute, widget=widget, **kwargs)

    def save(self, instance, row, is_m2m=False, **kwargs):
        if is_blank(row.get(self.column_name)):
            return
        super().save(instance, row, is_m2m, **kwargs)


class ComputedColumn(Column):
    """A column computed from the record, shown in the export and in the import preview. On
    import it is ignored (readonly) or read by the resource's `import_extra`."""

    def __init__(self, label, compute, widget=None, **kwargs):
        super().__init__(None, label, widget or TextWidget(), **kwargs)
        self.compute = compute

    def get_value(self, instance):
        try:
            return self.compute(instance)
        except (AttributeError, ObjectDoesNotExist):  # e.g. a new certificate without a product yet
            return None

    def save(self, instance, row, is_m2m=False, **kwargs):
        return


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    if isinstance(error, list | tuple):
        return [message for item in error for message in _messages(item)]
    return [force_str(error)]


class RegistryResource(resources.ModelResource):
    """Base of the registry's resources. Subclasses declare `Column`s and `find_instance(row)`."""

    class Meta:
        abstract = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Headers in the language of the request (the labels are lazy).
        for field in self.fields.values():
            if getattr(field, "label", None) is not None:
                field.column_name = str(field.label)
        self.excel_lines: list[int] | None = None
        self.ignored_columns: list[str] = []
        self.created_lines: dict[int, int] = {}  # pk of a record added by this file → its line

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        # The sheet's tab is named after the records ("Hợp tác xã"); Excel allows 31 characters.
        title = capfirst(str(self._meta.model._meta.verbose_name_plural))
        dataset.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
        return dataset

    # Headers ----------------------------------------------------------------------------------

    def header_aliases(self) -> dict[str, str]:
        """Folded header (in Vietnamese, English, or the field's name) → this resource's header."""
        aliases = {}
        for name, field in self.fields.items():
            aliases[fold(name)] = field.column_name
            label = getattr(field, "label", None)
            if label is not None:
                for language in ("vi", "en"):
                    with translation.override(language):
                        aliases[fold(str(label))] = field.column_name
        return aliases

    def before_import(self, dataset, **kwargs):
        aliases = self.header_aliases()
        headers, ignored = [], []
        for header in dataset.headers or []:
            known = aliases.get(fold(excel_text(header))) if header is not None else None
            if known is None and not is_blank(header):
                ignored.append(excel_text(header))
            headers.append(known or excel_text(header or ""))
        if dataset.headers:
            dataset.headers = headers
        self.ignored_columns = ignored
        self.excel_lines = getattr(dataset, "excel_lines", None)
        super().before_import(dataset, **kwargs)

    def _check_import_id_fields(self, headers):
        """Records are found by `find_instance`, not by an id column."""

    def get_user_visible_fields(self):
        return [field for field in super().get_user_visible_fields() if field.column_name]

    # Rows -------------------------------------------------------------------------------------

    def find_instance(self, row):
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        instance = self.find_instance(row)
        if instance is not None and instance.pk in self.created_lines:
            raise ValidationError(
                _("This row names the same record as line %(line)s above; merge the two rows.")
                % {"line": self.created_lines[instance.pk]}
            )
        return instance

    def excel_line(self, row_number: int) -> int:
        lines = self.excel_lines
        return lines[row_number - 1] if lines and 0 < row_number <= len(lines) else row_number + 1

    def after_save_instance(self, instance, row, **kwargs):
        if getattr(instance, "_registry_new", False) and kwargs.get("row_number"):
            self.created_lines[instance.pk] = self.excel_line(kwargs["row_number"])
        super().after_save_instance(instance, row, **kwargs)

    def column_for(self, attribute: str) -> str:
        for field in self.fields.values():
            if field.attribute == attribute or field.attribute == f"{attribute}_id":
                return field.column_name
        return attribute

    def import_instance(self, instance, row, **kwargs):
        instance._registry_new = instance.pk is None
        errors = {}
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row or is_blank(row.get(field.column_name)):
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row, **kwargs)  # checked now, saved after the record
                else:
                    self.import_field(field, instance, row, **kwargs)
            except (ValueError, ValidationError) as error:
                errors[field.column_name] = _messages(error)
        errors.update(self.import_extra(instance, row, errors=errors))
        if errors:
            raise ValidationError(errors)

    def import_extra(self, instance, row, *, errors) -> dict[str, list[str]]:
        """Hook for values that depend on several columns; returns errors by column."""
        return {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors: dict[str, list[str]] = {}
        for key, value in (import_validation_errors or {}).items():
            errors.setdefault(key, []).extend(_messages(value))
        failed_attributes = {
            field.attribute for field in self.fields.values() if field.column_name in errors and field.attribute
        }
        if hasattr(instance, "slug") and not instance.slug:
            failed_attributes.add("slug")  # made from the name by the service that saves the row
        try:
            instance.full_clean(exclude=failed_attributes, validate_unique=validate_unique)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = NON_FIELD_ERRORS if key == NON_FIELD_ERRORS else self.column_for(key)
                errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """The row is written by its app's service (slug rule, QR code, stars, search text, the
        public pages…), exactly as the admin would; a refusal is reported on the row."""
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            try:
                self.record_save(instance, is_create=is_create, by=kwargs.get("user"))
            except ApplicationError as error:
                column = self.column_for(error.field) if error.field else NON_FIELD_ERRORS
                raise ValidationError({column: [str(error.message)]})
        self.after_save_instance(instance, row, **kwargs)

    def record_save(self, instance, *, is_create: bool, by) -> None:
        """Save `instance` through the service of its model (subclasses)."""
        raise NotImplementedError

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped (an exported file imported again changes nothing); empty
        cells never count as a change."""
        if not self._meta.skip_unchanged or self._meta.skip_diff or import_validation_errors:
            return False
        if original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if is_blank(row.get(field.column_name)):
                    continue
                new = sorted(obj.pk for obj in field.clean(row))
                old = sorted(field.get_value(original).values_list("pk", flat=True))
                if new != old:
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def after_import(self, dataset, result, **kwargs):
        """Number the rows as Excel does (the header is line 1) so staff find them."""
        for row in [*result.invalid_rows, *result.error_rows]:
            row.number = self.excel_line(row.number)
        result.ignored_columns = self.ignored_columns
        # The preview shows the columns the file has, not every column the sheet could have.
        present = set(dataset.headers or [])
        shown = [i for i, header in enumerate(result.diff_headers) if header in present]
        result.preview_headers = [result.diff_headers[i] for i in shown]
        for row in result.rows:
            row.preview_cells = [row.diff[i] for i in shown] if row.diff else []
        result.bad_row_count = len(result.invalid_rows) + len(result.error_rows)
        super().after_import(dataset, result, **kwargs)


# --- The file format --------------------------------------------------------------------------


# What Excel (and LibreOffice) read as the start of a formula, DDE call or hidden command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells_neutralise_formulas(book) -> None:
    """Every export's last step (the registry's, the fairs', the dossiers'): a cell whose text
    starts like a formula — a cooperative named '=HYPERLINK(…)' — is written as text with
    Excel's quote prefix, so Excel never runs it, not even after someone edits the cell. The
    text itself is unchanged (a phone number '+84…' still reads '+84…')."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


class ExcelFormat(base_formats.XLSX):
    """The .xlsx format of the registry's import and export."""

    def get_title(self):
        return gettext_lazy("Excel (.xlsx)")

    def create_dataset(self, in_stream):
        import openpyxl
        import tablib

        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        header = next(rows, None)
        if not header:
            return dataset
        width = max((i + 1 for i, value in enumerate(header) if not is_blank(value)), default=0)
        dataset.headers = [excel_text(value) if value is not None else "" for value in header[:width]]
        lines = []
        for line, values in enumerate(rows, start=2):
            values = list(values[:width]) + [None] * (width - len(values[:width]))
            if all(is_blank(value) for value in values):
                continue
            dataset.append(values)
            lines.append(line)
        dataset.excel_lines = lines
        return dataset

    def export_data(self, dataset, **kwargs):
        return workbook_bytes([dataset])


def workbook_bytes(datasets) -> bytes:
    """An .xlsx with one sheet per tablib dataset (titled by the dataset), each with a bold
    frozen header, filters, dates shown dd/mm/yyyy, amounts as numbers and text kept as text."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for dataset in datasets:
        fill_sheet(book.create_sheet((dataset.title or "OCOP")[:31]), dataset)
    cells_neutralise_formulas(book)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def fill_sheet(sheet, dataset) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers = list(dataset.headers or [])
    sheet.append(headers)
    widths = [len(str(h)) + 2 for h in headers]
    for values in dataset:
        sheet.append([None] * len(values))
        row = sheet.max_row
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # text stays text: "=…" typed by anyone is never a formula
                widths[col - 1] = max(widths[col - 1], min(len(value), 60) + 2)
            elif isinstance(value, datetime.date):
                cell.value = value
                cell.number_format = "dd/mm/yyyy"
                widths[col - 1] = max(widths[col - 1], 12)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                if isinstance(value, Amount):
                    cell.number_format = "#,##0"
                widths[col - 1] = max(widths[col - 1], 10)
            else:
                cell.value = None if value in (None, "") else str(value)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for col, _header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = min(max(widths[col - 1], 8), 60)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = sheet.dimensions
