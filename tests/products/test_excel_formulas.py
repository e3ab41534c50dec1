"""Excel exports never hand Excel a formula typed by someone: a cell whose text starts with
= + - @ is stored as text with Excel's quote prefix (the one shared helper, used by every
app's export)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from products.excel import cells_neutralise_formulas
from tests.factories import CooperativeFactory

NAME = '=HYPERLINK("http://evil.example/","Bấm vào đây")'

pytestmark = pytest.mark.django_db


def _cells_with(content: bytes, text: str):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value == text]


@pytest.mark.parametrize("text", ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1)"])
def test_text_starting_like_a_formula_is_stored_as_text(text):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([text, "HTX Gạo sạch", 42])
    cells_neutralise_formulas(book)
    buffer = io.BytesIO()
    book.save(buffer)

    (cell,) = _cells_with(buffer.getvalue(), text)
    assert cell.data_type == "s" and cell.quotePrefix
    assert _cells_with(buffer.getvalue(), "HTX Gạo sạch")[0].quotePrefix is False


def test_admin_export_of_a_cooperative_named_like_a_formula(staff_client):
    CooperativeFactory(name=NAME)

    response = staff_client.get(reverse("admin:cooperatives_cooperative_export"))

    (cell,) = _cells_with(response.content, NAME)
    assert cell.data_type == "s" and cell.quotePrefix


def test_dossier_export_of_a_cooperative_named_like_a_formula(client):
    from tests.factories import StaffUserFactory
    from tests.factories.registrations import advance, draft_make

    staff = StaffUserFactory()
    registration = advance(draft_make(), "submitted", staff=staff)
    registration.cooperative.__class__.objects.filter(pk=registration.cooperative_id).update(name=NAME)
    client.force_login(staff)

    response = client.get("/dossiers/staff/export.xlsx", {"state": "all"})

    (cell,) = _cells_with(response.content, NAME)
    assert cell.data_type == "s" and cell.quotePrefix


def test_fair_export_of_a_cooperative_named_like_a_formula(staff_client):
    from tests.factories.fairs import ApplicationFactory, EventFactory

    event = EventFactory()
    ApplicationFactory(event=event, cooperative__name=NAME)

    response = staff_client.get(reverse("fairs:staff_export_applications", args=[event.pk]))

    (cell,) = _cells_with(response.content, NAME)
    assert cell.data_type == "s" and cell.quotePrefix
