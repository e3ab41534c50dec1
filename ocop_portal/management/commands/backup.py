"""`manage.py backup --output DIR`: the PostgreSQL database (pg_dump, custom format), the public
media and the private documents, with a manifest (row counts, file list) that `restore`
checks. See README "Backup and restore"."""

import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ocop_portal.backups import database_env, manifest_build


class Command(BaseCommand):
    help = "Back up the database and the media folders into a new folder under --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="folder that receives ocop-<date-time>/")

    def handle(self, *args, output, **options):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("backup needs PostgreSQL (DATABASE_URL=postgres://…).")
        target = Path(output) / f"ocop-{timezone.localtime().strftime('%Y%m%d-%H%M%S')}"
        target.mkdir(parents=True, exist_ok=False)
        env, database = database_env()
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / "database.dump"), database]
        subprocess.run(command, env=env, check=True)  # noqa: S603 — pg_dump from PATH, our own arguments
        for name, root in (("media", settings.MEDIA_ROOT), ("private_media", settings.PRIVATE_MEDIA_ROOT)):
            with tarfile.open(target / f"{name}.tar.gz", "w:gz") as archive:
                if Path(root).is_dir():
                    archive.add(root, arcname=".")
        (target / "manifest.json").write_text(json.dumps(manifest_build(), indent=1, ensure_ascii=False))
        os.chmod(target, 0o700)
        self.stdout.write(str(target))
