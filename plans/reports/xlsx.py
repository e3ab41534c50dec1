"""The period report's tables as an Excel workbook, one sheet per table."""

import re

import tablib

from products.excel import Amount, workbook_bytes


def _cell(value):
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1000:
        return Amount(value)
    return value


def sheet_title(text: str) -> str:
    """Excel refuses / \\ ? * [ ] : in a sheet's name and more than 31 characters."""
    return re.sub(r"[/\\?*\[\]:]+", " ", text)[:31].strip()


def render_xlsx(content: dict) -> bytes:
    datasets = []
    for table in content["tables"]:
        dataset = tablib.Dataset(
            headers=[str(h) for h in table.headers], title=sheet_title(str(table.sheet or table.title))
        )
        for row in table.rows:
            dataset.append(["" if value is None else _cell(value) for value in row])
        if table.note:
            dataset.append([table.note] + [""] * (len(table.headers) - 1))
        datasets.append(dataset)
    return workbook_bytes(datasets)
