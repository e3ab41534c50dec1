import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ocop_portal.errors import ApplicationError
from products.models import ProductSet
from registrations.models import CriteriaGroup, Criterion, Option, ScoreSheet, SheetPart
from registrations.services.sheets_import import SheetFileError, score_sheet_import, sheet_parse
from tests.factories import product_set
from tests.factories.registrations import SHIPPED_DIR, TEST_SHEET_CSV, criteria_version, draft_make

# The official sheets as shipped in the repository (registrations/data/criteria/qd148-2023).
SHARED = SHIPPED_DIR
SHARED_SHEETS = sorted(SHARED.glob("*.csv"))


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _counts():
    return [m.objects.count() for m in (ScoreSheet, SheetPart, CriteriaGroup, Criterion, Option)]


def test_shipped_sheets_are_the_26_product_sets():
    assert [p.name[:2] for p in SHARED_SHEETS] == [f"{n:02d}" for n in range(1, 27)]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SHARED_SHEETS, ids=[p.name for p in SHARED_SHEETS])
def test_import_shared_sheet_when_real_file_gives_parts_40_25_35(path):
    code = path.name[:2]

    sheet = score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product_set(code), version=criteria_version()
    )

    parts = list(sheet.parts.order_by("position").values_list("code", "max_points"))
    assert parts == [("A", Decimal(40)), ("B", Decimal(25)), ("C", Decimal(35))]
    assert sheet.max_points == 100
    assert sheet.is_active and sheet.product_set.code == code
    criteria = list(sheet.criteria.prefetch_related("options"))
    assert len(criteria) >= 25
    assert all(c.options.all() for c in criteria), "every criterion has options"
    assert all(o.points >= 0 for c in criteria for o in c.options.all())
    # The star markers survive as data, not as asterisks in the labels.
    assert Option.objects.filter(criterion__sheet=sheet, required_stars__isnull=False).exists()
    assert not Option.objects.filter(criterion__sheet=sheet, label__contains="***").exists()


@pytest.mark.django_db
def test_import_sheet_17_when_score_is_stray_letter_reads_it_between_neighbours():
    path = SHARED / "17-do-uong-khong-con-khac.csv"

    sheet = score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product_set("17"), version=criteria_version()
    )

    option = Option.objects.get(criterion__sheet=sheet, source_row=18)
    assert option.points == 1
    assert {"row": 18, "note": 'score "l" read as 1, between its neighbours (rule R2).'} in sheet.warnings


@pytest.mark.django_db
def test_import_sheet_11_when_criterion_is_heading_prefixes_sub_criteria():
    path = SHARED / "11-che-tuoi-che-che-bien.csv"

    sheet = score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product_set("11"), version=criteria_version()
    )

    group = CriteriaGroup.objects.get(part__sheet=sheet, title="6. CHỈ TIÊU CẢM QUAN")
    titles = list(group.criteria.values_list("title", "max_points"))
    assert titles[0] == ("a) Ngoại hình — Tạp chất", Decimal(2))
    assert ("b) Nước pha — Vị nước", Decimal(3)) in titles
    assert sum(m for _t, m in titles) == group.max_points == 13


@pytest.mark.django_db
def test_import_sheet_05_when_options_sit_under_group_makes_one_criterion():
    path = SHARED / "05-do-an-nhanh.csv"

    sheet = score_sheet_import(
        data=path.read_bytes(), file_name=path.name, product_set=product_set("05"), version=criteria_version()
    )

    group = CriteriaGroup.objects.get(part__sheet=sheet, title__startswith="7. TÍNH ĐỘC ĐÁO")
    (criterion,) = group.criteria.all()
    assert criterion.title.startswith("TÍNH ĐỘC ĐÁO")
    assert criterion.max_points == group.max_points == 5
    assert [o.points for o in criterion.options.all()] == [0, 1, 3, 5]


@pytest.mark.django_db
def test_import_broken_copy_when_score_unreadable_is_refused_naming_row_and_leaves_nothing(tmp_path):
    source = SHARED / "01-rau-cu-qua-hat-tuoi.csv"
    rows = _rows(source.read_text(encoding="utf-8"))
    # Row 6 of the file (the header is row 1): the last option of criterion a), its best one.
    assert rows[5][2] == "3"
    rows[5][4] = "x"
    before = _counts()

    with pytest.raises(SheetFileError, match='the score "x" is not a number') as refused:
        score_sheet_import(
            data=_csv(rows), file_name="01-broken.csv", product_set=product_set("01"), version=criteria_version()
        )

    assert refused.value.message == '01-broken.csv, row 6: the score "x" is not a number.'
    assert refused.value.row == 6
    assert _counts() == before


@pytest.mark.django_db
def test_import_broken_copy_when_parts_do_not_add_up_is_refused_and_leaves_nothing():
    source = SHARED / "02-thit-thuy-san-trung-sua-tuoi.csv"
    rows = _rows(source.read_text(encoding="utf-8"))
    header, first = rows[0], rows[1]
    assert first[2] == "0"
    first[4] = "45"
    before = _counts()

    with pytest.raises(SheetFileError, match="the parts add up to 105 points, not 100") as refused:
        score_sheet_import(
            data=_csv([header, first, *rows[2:]]),
            file_name="02.csv",
            product_set=product_set("02"),
            version=criteria_version(),
        )

    assert refused.value.message == "02.csv, row 2: the parts add up to 105 points, not 100."
    assert _counts() == before


@pytest.mark.django_db
def test_import_xlsx_when_same_columns_gives_same_sheet_as_csv():
    source = SHARED / "03-gao-ngu-coc-hat-so-che-khac.csv"
    workbook = Workbook()
    sheet_ws = workbook.active
    for row in _rows(source.read_text(encoding="utf-8")):
        # Numbers as numbers, as Excel keeps them.
        sheet_ws.append([int(cell) if cell.isdigit() else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)

    sheet = score_sheet_import(
        data=buffer.getvalue(), file_name="03.xlsx", product_set=product_set("03"), version=criteria_version()
    )

    from_csv = sheet_parse(source.read_bytes(), file_name=source.name)
    assert [p.max_points for p in sheet.parts.order_by("position")] == [40, 25, 35]
    assert sheet.criteria.count() == sum(len(g.criteria) for p in from_csv.parts for g in p.groups)
    assert Option.objects.filter(criterion__sheet=sheet).count() == sum(
        len(c.options) for p in from_csv.parts for g in p.groups for c in g.criteria
    )


@pytest.mark.django_db
def test_import_when_level_cell_has_stray_letter_reads_level_from_title():
    rows = _rows(TEST_SHEET_CSV)
    assert rows[4][0].startswith("□") and rows[4][2] == "3"
    rows[4][2] = "3a"

    sheet = score_sheet_import(
        data=_csv(rows), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
    )

    assert Option.objects.get(criterion__sheet=sheet, source_row=5).label == "Dưới một nửa"
    assert {"row": 5, "note": 'level "3a" read as 3 from the title (rule R1).'} in sheet.warnings


@pytest.mark.django_db
def test_import_when_level_cannot_be_read_is_refused_naming_row():
    rows = _rows(TEST_SHEET_CSV)
    rows[3][2] = "x"
    rows[3][0] = "Nguồn nguyên liệu"

    with pytest.raises(SheetFileError, match='the level "x" is not 0, 1, 2 or 3') as refused:
        score_sheet_import(
            data=_csv(rows), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
        )

    assert refused.value.message == (
        't.csv, row 4: the level "x" is not 0, 1, 2 or 3, and the title does not show which it is.'
    )
    assert ScoreSheet.objects.count() == 0


@pytest.mark.django_db
def test_import_when_column_missing_is_refused():
    data = TEST_SHEET_CSV.replace("title,description,level,stars,score", "title,description,level,score")

    with pytest.raises(SheetFileError, match="the columns stars are missing") as refused:
        score_sheet_import(
            data=data.encode(), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
        )

    assert "row 1: the columns stars are missing" in refused.value.message


@pytest.mark.django_db
def test_import_when_not_utf8_is_refused():
    with pytest.raises(SheetFileError, match="the file is neither UTF-8 CSV nor an Excel") as refused:
        score_sheet_import(
            data=TEST_SHEET_CSV.encode("utf-16"),
            file_name="t.csv",
            product_set=product_set("03"),
            version=criteria_version(),
        )

    assert refused.value.message == "t.csv: the file is neither UTF-8 CSV nor an Excel .xlsx workbook."


@pytest.mark.django_db
def test_import_when_criterion_has_no_options_is_refused_naming_its_row():
    rows = [r for i, r in enumerate(_rows(TEST_SHEET_CSV)) if i not in (4, 5, 6)]

    with pytest.raises(SheetFileError, match=r'the criterion "a\) Nguồn nguyên liệu" has no options') as refused:
        score_sheet_import(
            data=_csv(rows), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
        )

    assert refused.value.message == 't.csv, row 4: the criterion "a) Nguồn nguyên liệu" has no options.'


@pytest.mark.django_db
def test_import_when_criterion_max_empty_takes_best_option():
    rows = _rows(TEST_SHEET_CSV)
    rows[3][4] = ""

    sheet = score_sheet_import(
        data=_csv(rows), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
    )

    assert Criterion.objects.get(sheet=sheet, source_row=4).max_points == 20


@pytest.mark.django_db
def test_import_again_when_not_replacing_is_refused_and_keeps_first():
    first = score_sheet_import(
        data=TEST_SHEET_CSV.encode(), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
    )

    with pytest.raises(ApplicationError, match="already has a sheet"):
        score_sheet_import(
            data=TEST_SHEET_CSV.encode(), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
        )

    assert list(ScoreSheet.objects.values_list("pk", flat=True)) == [first.pk]


@pytest.mark.django_db
def test_import_replace_when_sheet_used_by_dossier_is_refused():
    registration = draft_make()

    with pytest.raises(ApplicationError, match="already used by 1 dossier"):
        score_sheet_import(
            data=TEST_SHEET_CSV.encode(),
            file_name="t.csv",
            product_set=registration.product_set,
            version=registration.sheet.version,
            replace=True,
        )

    assert ScoreSheet.objects.get().pk == registration.sheet_id


@pytest.mark.django_db
def test_import_new_version_when_set_had_active_sheet_activates_new_and_keeps_old():
    old = score_sheet_import(
        data=TEST_SHEET_CSV.encode(), file_name="t.csv", product_set=product_set("03"), version=criteria_version()
    )

    new = score_sheet_import(
        data=TEST_SHEET_CSV.encode(),
        file_name="t.csv",
        product_set=product_set("03"),
        version=criteria_version("qd-2027"),
    )

    old.refresh_from_db()
    assert (old.is_active, new.is_active) == (False, True)


@pytest.mark.django_db
def test_import_command_when_file_ok_prints_parts(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(TEST_SHEET_CSV, encoding="utf-8")
    criteria_version()
    out = io.StringIO()

    call_command("import_score_sheet", str(path), "--product-set", "3", "--version", "qd148-2023", stdout=out)

    assert "parts A 40, B 25, C 35; 5 criteria." in out.getvalue()
    assert ScoreSheet.objects.get().product_set == ProductSet.objects.get(
        code="03", group__sector__scheme__code="qd148-2023"
    )


@pytest.mark.django_db
def test_import_command_when_file_broken_fails_with_row(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text(TEST_SHEET_CSV.replace(",3,,20\n", ",3,,abc\n", 1), encoding="utf-8")
    criteria_version()

    with pytest.raises(CommandError, match=r"sheet.csv, row 7: the score \"abc\" is not a number"):
        call_command("import_score_sheet", str(path), "--product-set", "03", "--version", "qd148-2023")

    assert ScoreSheet.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_page_when_file_ok_creates_sheet(admin_client):
    version = criteria_version()
    upload = SimpleUploadedFile("sheet.csv", TEST_SHEET_CSV.encode(), content_type="text/csv")

    response = admin_client.post(
        "/admin/registrations/scoresheet/import/",
        {"file": upload, "version": version.pk, "product_set": product_set("03").pk, "activate": "on"},
    )

    sheet = ScoreSheet.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/registrations/scoresheet/{sheet.pk}/change/")
    assert sheet.criteria.count() == 5


@pytest.mark.django_db
def test_admin_import_page_when_file_broken_shows_row_and_saves_nothing(admin_client):
    version = criteria_version()
    broken = TEST_SHEET_CSV.replace("Phần B KHẢ NĂNG TIẾP THỊ (25 Điểm),,0,,25", "Phần B KHẢ NĂNG TIẾP THỊ,,0,,")
    upload = SimpleUploadedFile("sheet.csv", broken.encode(), content_type="text/csv")

    response = admin_client.post(
        "/en/admin/registrations/scoresheet/import/",
        {"file": upload, "version": version.pk, "product_set": product_set("03").pk},
    )

    assert response.status_code == 200
    assert "sheet.csv, row 12: the part has no maximum points." in response.content.decode()
    assert ScoreSheet.objects.count() == 0
