"""On PostgreSQL the ledger refuses UPDATE and DELETE of a movement at the database level too
(the model refuses them in Python on every database). TRUNCATE, used by test teardown, is not a
row operation and is unaffected."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION salescentre_movement_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'stock movements are append-only: enter a reversing movement instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER salescentre_movement_append_only
    BEFORE UPDATE OR DELETE ON salescentre_stockmovement
    FOR EACH ROW EXECUTE FUNCTION salescentre_movement_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS salescentre_movement_append_only ON salescentre_stockmovement;
DROP FUNCTION IF EXISTS salescentre_movement_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("salescentre", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
