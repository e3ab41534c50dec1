"""What `manage.py backup` and `restore` share: the pg_dump/pg_restore connection, and the
manifest (row count of every table, every media file with its size) a restore is checked by."""

import os
from pathlib import Path

from django.apps import apps
from django.conf import settings


def database_env() -> tuple[dict, str]:
    """Environment (PG* variables, so no password on the command line) and database name."""
    db = settings.DATABASES["default"]
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env, db["NAME"]


def manifest_build() -> dict:
    counts = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    files = {}
    for name, root in (("media", settings.MEDIA_ROOT), ("private_media", settings.PRIVATE_MEDIA_ROOT)):
        root = Path(root)
        files[name] = (
            {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}
            if root.is_dir()
            else {}
        )
    return {"rows": counts, "files": files}
