"""The .xlsx file format: reading the first sheet, writing bold-headed, formula-safe sheets."""

import datetime
import io

import tablib
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from import_export.formats import base_formats

from .cells import Amount, excel_text, is_blank

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
    frozen header, filters, dates shown dd/mm/yyyy (with the time for a moment), amounts as
    numbers and text kept as text."""
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
            elif isinstance(value, datetime.datetime):
                cell.value = value
                cell.number_format = "dd/mm/yyyy hh:mm"
                widths[col - 1] = max(widths[col - 1], 16)
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


def xlsx_response(datasets, stem: str) -> HttpResponse:
    """A download of one tablib dataset, or a list of them (a sheet each), as
    `<stem>-<yyyymmdd>.xlsx`."""
    if isinstance(datasets, tablib.Dataset):
        datasets = [datasets]
    response = HttpResponse(workbook_bytes(datasets), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{stem[:80]}-{stamp}.xlsx"'
    return response
