"""The trigram indexes behind the diacritic-free search (PostgreSQL only)."""

import pytest
from django.db import connection

from cooperatives.models import Cooperative
from products.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm and GIN indexes exist only on PostgreSQL")
def test_search_text_columns_have_gin_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        extension = cursor.fetchall()
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname IN "
            "('cooperative_search_text_trgm', 'product_search_text_trgm') ORDER BY tablename"
        )
        indexes = cursor.fetchall()

    assert extension == [("pg_trgm",)]
    assert [table for table, _definition in indexes] == [Cooperative._meta.db_table, Product._meta.db_table]
    assert all("USING gin (search_text gin_trgm_ops)" in definition for _table, definition in indexes)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_product_search_can_use_the_trigram_index():
    ProductFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = Product.objects.search("nep nhung").explain()
        cursor.execute("SET enable_seqscan = on")

    assert "product_search_text_trgm" in plan


def test_search_without_diacritics_finds_the_product_on_any_database():
    ProductFactory(name="Nếp nhung lùn")

    assert [p.name for p in Product.objects.search("nep nhung")] == ["Nếp nhung lùn"]
