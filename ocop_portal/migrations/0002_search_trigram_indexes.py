"""Trigram indexes for the diacritic-free search on PostgreSQL.

`search_text` holds the folded name (and producer, commune, former district); searches ask for
`search_text LIKE '%term%'`, which a B-tree cannot serve. A GIN index with `gin_trgm_ops` can,
so the admin's and the showcase's search stay fast as the registry grows. On SQLite (development,
tests) there is no pg_trgm: the migration does nothing there."""

from django.db import migrations

INDEXES = [
    ("cooperatives", "Cooperative", "cooperative_search_text_trgm"),
    ("products", "Product", "product_search_text_trgm"),
]


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def create_indexes(apps, schema_editor):
    if not _postgresql(schema_editor):
        return
    # A trusted extension from PostgreSQL 13: the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for app_label, model_name, index_name in INDEXES:
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(index_name)} "
            f"ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if not _postgresql(schema_editor):
        return
    for _app_label, _model_name, index_name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name)}")
    # The extension stays: other indexes or queries may rely on it.


class Migration(migrations.Migration):
    dependencies = [
        ("ocop_portal", "0001_initial"),
        ("cooperatives", "0002_legal_changes_support_requests"),
        ("products", "0003_product_code_format"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
