"""The Vietnamese catalogues must be complete: every string in the code is translated and
nothing is fuzzy. Strings are extracted afresh into a copy of the project, so a string added
without running `make messages` fails here too."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from ocop_portal.management.commands.compile_translations import catalogue_paths

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    "ocop_portal",
    "accounts",
    "places",
    "cooperatives",
    "products",
    "registrations",
    "trainings",
    "fairs",
    "salescentre",
    "plans",
    "showcase",
    "news",
    "templates",
]


def _problems(po_path: Path) -> list[str]:
    catalogue = polib.pofile(str(po_path))
    problems = [f"untranslated: {e.msgid!r}" for e in catalogue.untranslated_entries() if not e.obsolete]
    problems += [f"fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries() if not e.obsolete]
    return problems


def test_vietnamese_catalogues_have_no_untranslated_or_fuzzy_entry():
    paths = [p for p in catalogue_paths(ROOT) if p.parts[-3] == "vi"]
    assert paths, "no Vietnamese catalogue found"
    problems = {str(p.relative_to(ROOT)): _problems(p) for p in paths}
    assert {k: v for k, v in problems.items() if v} == {}


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true",
    reason="gettext tools are not installed (CI installs them, and never skips this test)",
)
def test_every_string_in_the_code_is_in_the_vietnamese_catalogue(tmp_path):
    copy = tmp_path / "project"
    copy.mkdir()
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    shutil.copytree(ROOT / "locale", copy / "locale", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--no-wrap", "--ignore=tests"],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "ocop_portal.settings_test", "PYTHONPATH": str(copy)},
        check=True,
        capture_output=True,
    )
    problems = {str(p.relative_to(copy)): _problems(p) for p in catalogue_paths(copy) if p.parts[-3] == "vi"}
    assert {k: v for k, v in problems.items() if v} == {}, "run `make messages` and translate the new strings"
