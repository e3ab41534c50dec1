"""The ICU collation for Vietnamese order (`vi-x-icu`, see ocop_portal.collation).

PostgreSQL built with ICU imports it at initdb; this makes sure it exists (a database created
from a template without it, or with `pg_import_system_collations` never run). On SQLite the
collation of the same name is registered in Python on each connection: nothing to do here."""

from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE COLLATION IF NOT EXISTS \"vi-x-icu\" (provider = icu, locale = 'vi')")


class Migration(migrations.Migration):
    dependencies = [("ocop_portal", "0004_outbound_email_reply_to")]

    operations = [migrations.RunPython(create_collation, migrations.RunPython.noop)]
