"""The folded product name (search ranking and typo correction, showcase.search), filled for
existing rows, with a GIN trigram index on PostgreSQL; the catalogue's covering index for the
facet counts and its ordered indexes for the newest and the Vietnamese name sort."""

import django.db.models.functions.comparison
from django.db import migrations, models


def fill_search_name(apps, schema_editor):
    from ocop_portal.text import fold

    Product = apps.get_model("products", "Product")
    rows = list(Product.objects.only("pk", "name"))
    for product in rows:
        product.search_name = fold(product.name)
    Product.objects.bulk_update(rows, ["search_name"], batch_size=1000)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS product_search_name_trgm ON products_product USING gin (search_name gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS product_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperatives", "0002_legal_changes_support_requests"),
        ("products", "0005_classification_name_en"),
        ("ocop_portal", "0005_vietnamese_collation"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="search_name",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=models.Q(("stars__isnull", False), ("status", "active")),
                fields=["stars", "product_set", "cooperative"],
                name="product_certified_facets",
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                models.OrderBy(models.F("certified_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("stars__isnull", False), ("status", "active")),
                name="product_certified_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                django.db.models.functions.comparison.Collate("name", "vi-x-icu"),
                models.F("id"),
                condition=models.Q(("stars__isnull", False), ("status", "active")),
                name="product_certified_name_vi",
            ),
        ),
    ]
