"""Reading a sheet file into rows of text, whatever its format (.xlsx by its signature, else
UTF-8 CSV). Rows are numbered as a spreadsheet shows them (the header is row 1)."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .errors import SheetFileError

COLUMNS = ("title", "description", "level", "stars", "score")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class RawRow:
    number: int
    title: str
    description: str
    level: str
    stars: str
    score: str


def rows_read(data: bytes, *, file_name: str) -> list[RawRow]:
    """The file's rows as text (blank lines skipped, numbers kept)."""
    if not data:
        raise SheetFileError(_("the file is empty."), file_name=file_name)
    if len(data) > MAX_FILE_BYTES:
        raise SheetFileError(_("the file is larger than 5 MB."), file_name=file_name)
    is_xlsx = data[:4] == b"PK\x03\x04"  # a zip: .xlsx
    table = _xlsx_rows(data, file_name=file_name) if is_xlsx else _csv_rows(data, file_name=file_name)
    if not table:
        raise SheetFileError(_("the file has no header row."), file_name=file_name)
    header = [str(cell or "").strip().lower() for cell in table[0][1]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise SheetFileError(
            _("the columns %(columns)s are missing (expected: %(expected)s).")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)},
            file_name=file_name,
            row=table[0][0],
        )
    index = {name: header.index(name) for name in COLUMNS}
    rows = []
    for number, cells in table[1:]:
        values = {name: _cell_text(cells[i] if i < len(cells) else None) for name, i in index.items()}
        if not any(values.values()):
            continue
        rows.append(RawRow(number=number, **values))
    if not rows:
        raise SheetFileError(_("the file has no rows under its header."), file_name=file_name)
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(data: bytes, *, file_name: str) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetFileError(_("the file is neither UTF-8 CSV nor an Excel .xlsx workbook."), file_name=file_name)
    if "\x00" in text:
        raise SheetFileError(_("the file is neither UTF-8 CSV nor an Excel .xlsx workbook."), file_name=file_name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        # Row numbers as a spreadsheet shows them: one per record, the header is row 1.
        return [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise SheetFileError(
            _("the CSV cannot be read (%(error)s).") % {"error": exc}, file_name=file_name, row=reader.line_num
        )


def _xlsx_rows(data: bytes, *, file_name: str) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any reading failure means the same to the user
        raise SheetFileError(_("the Excel workbook cannot be opened."), file_name=file_name)
    try:
        sheet = workbook.worksheets[0]
        return [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
