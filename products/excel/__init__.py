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

from .cells import DATE_INPUT_FORMATS, Amount, excel_text, is_blank, parse_amount, parse_date
from .resource import Column, ComputedColumn, RegistryResource
from .widgets import (
    AmountWidget,
    BooleanWidget,
    ChoiceWidget,
    DateWidget,
    DecimalWidget,
    DigitsWidget,
    IntegerWidget,
    LookupWidget,
    TextWidget,
)
from .workbook import (
    FORMULA_STARTS,
    XLSX_CONTENT_TYPE,
    ExcelFormat,
    cells_neutralise_formulas,
    fill_sheet,
    workbook_bytes,
    xlsx_response,
)

__all__ = [
    "DATE_INPUT_FORMATS",
    "FORMULA_STARTS",
    "Amount",
    "AmountWidget",
    "BooleanWidget",
    "ChoiceWidget",
    "Column",
    "ComputedColumn",
    "DateWidget",
    "DecimalWidget",
    "DigitsWidget",
    "ExcelFormat",
    "IntegerWidget",
    "LookupWidget",
    "RegistryResource",
    "TextWidget",
    "XLSX_CONTENT_TYPE",
    "cells_neutralise_formulas",
    "excel_text",
    "fill_sheet",
    "is_blank",
    "parse_amount",
    "parse_date",
    "workbook_bytes",
    "xlsx_response",
]
