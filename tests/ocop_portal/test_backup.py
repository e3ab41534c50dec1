"""The restore drill: back up the database and both media folders, lose data, restore, and
find the same row counts and the same files (PostgreSQL only)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cooperatives.models import Cooperative
from tests.factories import CertificateFactory, CooperativeFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump / pg_restore"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_restore_drill_gives_back_the_same_rows_and_files(settings, tmp_path, capsys):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    media, private = tmp_path / "media", tmp_path / "private"
    (media / "products").mkdir(parents=True)
    (private / "dossiers").mkdir(parents=True)
    (media / "products" / "nep.jpg").write_bytes(b"\xff\xd8 photo")
    (private / "dossiers" / "ho-so.pdf").write_bytes(b"%PDF-1.4 private")
    CertificateFactory(stars=4)
    CooperativeFactory(name="HTX Mây tre đan Phú Vinh")
    before = Cooperative.objects.count()

    call_command("backup", output=str(tmp_path / "backups"))
    folder = capsys.readouterr().out.strip()
    manifest = json.loads((tmp_path / "backups").joinpath(folder.rsplit("/", 1)[1], "manifest.json").read_text())
    # Disaster: rows and files lost, others changed.
    Cooperative.objects.filter(name="HTX Mây tre đan Phú Vinh").delete()
    (private / "dossiers" / "ho-so.pdf").unlink()
    (media / "products" / "nep.jpg").write_bytes(b"overwritten")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", folder)

    call_command("restore", folder, yes=True)

    assert Cooperative.objects.count() == before
    assert Cooperative.objects.filter(name="HTX Mây tre đan Phú Vinh").exists()
    assert (private / "dossiers" / "ho-so.pdf").read_bytes() == b"%PDF-1.4 private"
    assert (media / "products" / "nep.jpg").read_bytes() == b"\xff\xd8 photo"
    assert manifest["rows"]["cooperatives.Cooperative"] == before
    assert "Restored" in capsys.readouterr().out
