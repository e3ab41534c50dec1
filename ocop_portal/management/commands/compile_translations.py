from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SKIP = {".venv", "node_modules", "staticfiles", "media", "private_media"}


def catalogue_paths(root: Path) -> list[Path]:
    """Every gettext catalogue of the project (not of the installed packages)."""
    return sorted(p for p in root.rglob("locale/*/LC_MESSAGES/*.po") if not SKIP & set(p.relative_to(root).parts))


class Command(BaseCommand):
    help = "Compile the project's .po catalogues into .mo files (pure Python: no gettext tools needed)."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        for po_path in catalogue_paths(root):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            self.stdout.write(f"compiled {po_path.relative_to(root)}")
