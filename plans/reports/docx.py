"""The period report as a Word document: the repository's template (template.docx, editable by
staff in Word) filled with docxtpl; each {{p name }} placeholder becomes one table."""

import io
from pathlib import Path

from docx.shared import Pt
from docxtpl import DocxTemplate

TEMPLATE = Path(__file__).with_name("template.docx")


def _table(template, table):
    subdoc = template.new_subdoc()
    paragraph = subdoc.add_paragraph()
    paragraph.add_run(table.title).bold = True
    if table.note:
        subdoc.add_paragraph(table.note)
    if not table.rows and not table.note:
        from django.utils.translation import gettext as _

        subdoc.add_paragraph(_("Nothing in this period."))
        return subdoc
    if not table.rows:
        return subdoc
    grid = subdoc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for row in table.text_rows():
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    return subdoc


def render_docx(content: dict, *, scope_label: str = "") -> bytes:
    template = DocxTemplate(str(TEMPLATE))
    context = {
        "plan_name": content["plan"].name if content["plan"] else "",
        "period": content["period"],
        "generated_on": content["generated_on"],
        "scope": scope_label,
    }
    names = ("targets", "stars", "sector", "commune", "certified", "leaders", "trade", "figures")
    by_code = {table.code: table for table in content["tables"]}
    for name in names:
        context[name] = _table(template, by_code[name]) if name in by_code else ""
    template.render(context, autoescape=True)
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()
