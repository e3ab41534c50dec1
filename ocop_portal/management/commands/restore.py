"""`manage.py restore DIR --yes`: put back a folder written by `backup` — the database (its
tables replaced), the public media and the private documents — then check the row counts and
files against the backup's manifest. See README "Backup and restore"."""

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ocop_portal.backups import database_env, manifest_build


class Command(BaseCommand):
    help = "Restore a backup folder: replaces the database's tables and the media folders."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="confirm: the current data are replaced")

    def handle(self, *args, folder, yes, **options):
        source = Path(folder)
        if not (source / "manifest.json").is_file():
            raise CommandError(f"{source} is not a backup folder (no manifest.json).")
        if not yes:
            raise CommandError("This replaces the database and the media folders: run again with --yes.")
        connections.close_all()
        env, database = database_env()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", database]
        command.append(str(source / "database.dump"))
        subprocess.run(command, env=env, check=True)  # noqa: S603 — pg_restore from PATH, our own arguments
        for name, root in (("media", settings.MEDIA_ROOT), ("private_media", settings.PRIVATE_MEDIA_ROOT)):
            root = Path(root)
            if root.is_dir():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            with tarfile.open(source / f"{name}.tar.gz", "r:gz") as archive:
                archive.extractall(root, filter="data")
        expected = json.loads((source / "manifest.json").read_text())
        found = manifest_build()
        if found != expected:
            raise CommandError("Restored data differ from the backup's manifest.")
        self.stdout.write(self.style.SUCCESS(f"Restored {source}: counts and files match the manifest."))
