"""Helpers for the registry's Excel tests: build an .xlsx upload, read one back."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(headers, rows, *, blank_lines_after: tuple[int, ...] = ()) -> bytes:
    """A workbook whose first sheet has `headers` then `rows`; a blank line follows each row
    index listed in `blank_lines_after` (Excel sheets often have some)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for index, row in enumerate(rows):
        sheet.append(list(row))
        if index in blank_lines_after:
            sheet.append([None] * len(headers))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_upload(headers, rows, *, name="du-lieu.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows, **kwargs), content_type=XLSX_TYPE)


def xlsx_read(content: bytes):
    """(headers, rows, sheet) of the first sheet of an .xlsx file."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    return list(values[0]), [list(row) for row in values[1:]], sheet
