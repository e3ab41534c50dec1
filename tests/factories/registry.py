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


def admin_post_data(response, extra: dict | None = None, **changes) -> dict:
    """POST data for an admin add/change page, from the form it shows (as a browser would send
    it), with `changes` (and `extra`, for keys such as "photos-0-alt_text") applied. Inline formsets and their management forms are included."""
    import datetime

    data = {}

    def put(form, name):
        field, value = form.fields[name], form[name].value()
        key = form.add_prefix(name)
        if value is None or getattr(field.widget, "input_type", "") == "file":
            return
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[key] = value.strftime("%d/%m/%Y")
        else:
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            put(formset.management_form, name)
        for inline_form in formset.forms:
            for name in inline_form.fields:
                put(inline_form, name)
    for key, value in {**changes, **(extra or {})}.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
