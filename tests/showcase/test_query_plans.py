"""No public page query scans the products or producers table (PostgreSQL, `enable_seqscan`
off: the planner takes a sequential scan only where no index can serve the query)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from products.models import Product
from tests.factories import CooperativeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]

TABLES = ("products_product", "cooperatives_cooperative")


def _plans(urls):
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        for url in urls:
            assert client.get(url).status_code == 200, url
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        cursor.execute("SET enable_seqscan = on")
    return plans


def test_no_public_page_query_scans_products_or_producers(make_certified):
    cooperative = CooperativeFactory(name="HTX Đông Sơn", former_district="TP Tam Điệp")
    products = [make_certified(name=f"Nếp nhung lùn {n}", cooperative=cooperative, stars=3 + n % 3) for n in range(6)]
    product = Product.objects.select_related("qr_code").get(pk=products[0].pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE products_product; ANALYZE cooperatives_cooperative")

    plans = _plans(
        [
            "/products/",
            "/products/?page=2&sort=name",
            "/products/?sort=stars",
            f"/products/?stars=4&sector={product.product_set.group.sector_id}",
            "/products/?stars=3&kind=htx&district=TP+Tam+%C4%90i%E1%BB%87p",
            "/products/?centre=1",
            "/products/?q=nep+nhung",
            "/products/?q=nep+nhug",
            "/products/?q=ruou",
            product.get_absolute_url(),
            product.qr_code.get_absolute_url(),
            "/producers/",
            "/producers/?q=dong+son",
            cooperative.get_absolute_url(),
        ]
    )

    scans = [(sql, plan) for sql, plan in plans if any(f"Seq Scan on {table}" in plan for table in TABLES)]
    assert scans == []
    assert len(plans) > 30
