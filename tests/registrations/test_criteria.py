"""The official criteria sets shipped in the repository and their idempotent loader."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from products.models import ProductSet
from registrations.models import CriteriaVersion, Criterion, ScoreSheet
from registrations.services.criteria import DATA_DIR, criteria_sets_load, manifest_read
from tests.factories.registrations import SHIPPED_DIR, draft_make


def test_shipped_manifest_names_the_26_sheets_of_decision_148():
    manifest = manifest_read(SHIPPED_DIR)

    assert (manifest["code"], manifest["name"]) == ("qd148-2023", "Quyết định 148/QĐ-TTg (2023)")
    assert manifest["certificate_validity_months"] == 36
    assert sorted(manifest["sheets"]) == [f"{n:02d}" for n in range(1, 27)]
    assert all((SHIPPED_DIR / name).is_file() for name in manifest["sheets"].values())
    assert SHIPPED_DIR.parent == DATA_DIR


@pytest.mark.django_db
def test_load_criteria_when_run_twice_loads_the_26_sheets_once():
    out = StringIO()

    call_command("load_criteria", stdout=out)
    counts = (ScoreSheet.objects.count(), Criterion.objects.count())
    call_command("load_criteria", stdout=out)

    sheets = ScoreSheet.objects.select_related("version", "product_set")
    assert counts[0] == 26 and (ScoreSheet.objects.count(), Criterion.objects.count()) == counts
    assert {s.version.code for s in sheets} == {"qd148-2023"}
    assert sorted(s.product_set.code for s in sheets if s.is_active) == [f"{n:02d}" for n in range(1, 27)]
    assert all(len(s.source_digest) == 64 for s in sheets)
    assert sorted(s.max_points for s in sheets) == [100] * 26
    assert "qd148-2023: 26 sheet(s) loaded, 0 replaced, 0 unchanged" in out.getvalue()
    assert "qd148-2023: 0 sheet(s) loaded, 0 replaced, 26 unchanged" in out.getvalue()


def _copy(tmp_path, codes=("01", "26")):
    """A criteria folder with some of the shipped sheets (and the manifest reduced to them)."""
    folder = tmp_path / "qd148-2023"
    folder.mkdir()
    manifest = manifest_read(SHIPPED_DIR)
    lines = (SHIPPED_DIR / "criteria.toml").read_text(encoding="utf-8").split("[sheets]")[0]
    lines += "[sheets]\n" + "".join(f'"{code}" = "{manifest["sheets"][code]}"\n' for code in codes)
    (folder / "criteria.toml").write_text(lines, encoding="utf-8")
    for code in codes:
        shutil.copy(SHIPPED_DIR / manifest["sheets"][code], folder)
    return folder


@pytest.mark.django_db
def test_load_when_a_shipped_file_changed_replaces_an_unused_sheet_and_keeps_a_used_one(tmp_path):
    folder = _copy(tmp_path)
    criteria_sets_load(root=tmp_path)
    used = ScoreSheet.objects.get(product_set__code="01")
    draft_make(**_owner_and_product("01"), complete=False)  # a dossier is now scored on sheet 01
    for code in ("01", "26"):
        path = next(folder.glob(f"{code}-*.csv"))
        path.write_bytes(
            path.read_bytes().replace("□ Có Bộ phận điều phối".encode(), "□ Có bộ phận điều phối".encode())
        )
        path.write_bytes(path.read_bytes() + b"\r\n")

    (report,) = criteria_sets_load(root=tmp_path)

    assert report.replaced == ["26"] and report.unchanged == []
    assert [code for code, _why in report.kept] == ["01"]
    assert ScoreSheet.objects.get(product_set__code="01").pk == used.pk
    assert ScoreSheet.objects.filter(product_set__code="26").count() == 1


@pytest.mark.django_db
def test_load_when_a_new_criteria_set_is_added_it_takes_over_new_dossiers_and_old_dossiers_keep_theirs(tmp_path):
    criteria_sets_load(root=_copy(tmp_path).parent)
    registration = draft_make(**_owner_and_product("01"), complete=False)
    old_sheet = registration.sheet
    later = tmp_path / "later"
    later.mkdir()
    manifest = (tmp_path / "qd148-2023" / "criteria.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('code = "qd148-2023"', 'code = "qd-moi-2027"').replace(
        'name = "Quyết định 148/QĐ-TTg (2023)"', 'name = "Quyết định mới (2027)"'
    )
    manifest = manifest.replace("valid_from = 2023-02-24", "valid_from = 2027-01-01").replace(
        "certificate_validity_months = 36", "certificate_validity_months = 48"
    )
    (later / "criteria.toml").write_text(manifest, encoding="utf-8")
    for path in (tmp_path / "qd148-2023").glob("*.csv"):
        shutil.copy(path, later)

    criteria_sets_load(root=tmp_path)

    new_version = CriteriaVersion.objects.get(code="qd-moi-2027")
    assert new_version.certificate_validity_months == 48
    active = ScoreSheet.objects.get(product_set__code="01", is_active=True)
    assert active.version == new_version
    registration.refresh_from_db()
    assert registration.sheet == old_sheet and old_sheet.version.code == "qd148-2023"
    assert ScoreSheet.objects.filter(product_set__code="01").count() == 2


def _owner_and_product(code) -> dict:
    from tests.factories import ProductFactory
    from tests.factories.registrations import member_of

    user = member_of()
    product_set = ProductSet.objects.get(code=code, group__sector__scheme__code="qd148-2023")
    return {"user": user, "product": ProductFactory(cooperative=user.membership.cooperative, product_set=product_set)}
