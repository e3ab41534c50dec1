"""Synthetic registry for the benchmark: 2,000 producers and 20,000 certified products in the
communes of Ninh Bình, with Vietnamese names (so the diacritic-free search has real work).

Rows are bulk-inserted with every derived column filled the way the models fill them
(search_text, stars, certified_at, the QR code), so the pages see a consistent registry.
Idempotent: run again, it finds the rows and does nothing (`reset=True` rebuilds them)."""

import datetime
import importlib
import importlib.util
import random
import time

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cooperatives.models import Cooperative
from ocop_portal.text import fold
from places.models import Commune
from products.models import Certificate, Product, ProductSet
from showcase.models import CODE_ALPHABET, ProductCode

SLUG_PREFIX = "bench-"
FORMER_DISTRICTS = ["TP Ninh Bình", "TP Tam Điệp", "Hoa Lư", "Gia Viễn", "Nho Quan", "Yên Khánh", "Yên Mô", "Kim Sơn"]
KIND_WEIGHTS = [
    (Cooperative.Kind.COOPERATIVE, 60),
    (Cooperative.Kind.GROUP, 10),
    (Cooperative.Kind.ENTERPRISE, 15),
    (Cooperative.Kind.HOUSEHOLD, 10),
    (Cooperative.Kind.FARM, 4),
    (Cooperative.Kind.UNION, 1),
]
KIND_PREFIX = {
    Cooperative.Kind.COOPERATIVE: "HTX",
    Cooperative.Kind.GROUP: "Tổ hợp tác",
    Cooperative.Kind.ENTERPRISE: "Công ty TNHH",
    Cooperative.Kind.HOUSEHOLD: "Hộ kinh doanh",
    Cooperative.Kind.FARM: "Trang trại",
    Cooperative.Kind.UNION: "Liên hiệp HTX",
}
TRADES = [
    "nông nghiệp",
    "dịch vụ nông nghiệp",
    "chế biến nông sản",
    "thủ công mỹ nghệ",
    "dược liệu",
    "du lịch cộng đồng",
]
# (product name, product set code of the current scheme)
PRODUCTS = [
    ("Nếp nhung lùn", "03"), ("Gạo sạch Japonica", "03"), ("Gạo tám thơm", "03"), ("Nếp cái hoa vàng", "03"),
    ("Mật ong hoa nhãn", "04"), ("Bưởi da xanh", "01"), ("Cam đường canh", "01"), ("Rau an toàn", "01"),
    ("Thịt dê núi", "02"), ("Gà đồi", "02"), ("Cá rô Tổng Trường", "02"), ("Trứng vịt", "02"),
    ("Bánh đa nem", "06"), ("Bún khô", "06"), ("Miến dong", "06"), ("Đậu phụ", "07"), ("Mơ muối", "07"),
    ("Dê tái chanh đóng hộp", "08"), ("Chả cá", "08"), ("Nước mắm cốt", "09"), ("Tương bần", "09"),
    ("Muối tinh", "10"), ("Chè xanh", "11"), ("Trà hoa cúc", "12"), ("Cà phê rang xay", "13"),
    ("Rượu nếp cái", "14"), ("Rượu chuối hột", "15"), ("Nước khoáng", "16"), ("Nước mơ", "17"),
    ("Tinh bột nghệ", "18"), ("Xà phòng dược liệu", "19"), ("Muối ngâm chân thảo dược", "19"),
    ("Tinh dầu sả chanh", "20"), ("Chiếu cói", "21"), ("Gốm men gan", "21"), ("Thêu ren", "22"),
    ("Hoa lan", "23"), ("Cây cảnh bonsai", "24"), ("Homestay", "26"), ("Đồ thờ gỗ", "21"),
]  # fmt: skip
STARS_WEIGHTS = [(3, 55), (4, 38), (5, 7)]


def _code(rng: random.Random) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(6))


def bench_data_load(*, cooperatives: int = 2000, products: int = 20000, reset: bool = False, stdout=None) -> dict:
    """Create the synthetic registry unless it is already there. Returns what exists."""
    existing = Product.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing == products and not reset:
        _events(reset=False)
        _analyze()
        if stdout:
            stdout.write(f"bench data already there: {existing} products")
        return {"products": existing, "created": False}
    with transaction.atomic():
        _delete()
        _create(cooperatives=cooperatives, products=products)
    _events(reset=True)
    _analyze()
    if stdout:
        stdout.write(f"bench data created: {cooperatives} producers, {products} certified products")
    return {"products": products, "created": True}


def app_bench_modules() -> list:
    """The `bench` module of every installed app that has one (e.g. fairs.bench)."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.bench"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def _events(*, reset: bool) -> None:
    """The apps' own benchmark rows (fairs: trade-promotion events and their exhibitors)."""
    products = Product.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk")
    for module in app_bench_modules():
        module.bench_load(products=products, reset=reset)


def _analyze():
    """After a bulk load, PostgreSQL's GIN trigram index keeps the new rows in its pending list
    and the planner, costing that list, prefers a sequential scan for searches. VACUUM moves
    them into the index and ANALYZE refreshes the statistics (autovacuum would, later) — of
    every table, the apps' benchmark rows too (an event's exhibitors planned from empty
    statistics read the whole products table)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Cooperative, Product, Certificate, ProductCode):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        cursor.execute("ANALYZE")


def _delete():
    for module in app_bench_modules():
        module.bench_delete()
    bench_products = Product.objects.filter(slug__startswith=SLUG_PREFIX)
    ProductCode.objects.filter(product__in=bench_products).delete()
    Certificate.objects.filter(product__in=bench_products).delete()
    bench_products.delete()
    Cooperative.objects.filter(slug__startswith=SLUG_PREFIX).delete()


def _create(*, cooperatives: int, products: int):
    rng = random.Random(20261128)  # noqa: S311 — synthetic data: the same registry on every machine
    communes = list(Commune.objects.in_portal_province().order_by("code"))
    sets = {
        s.code: s
        for s in ProductSet.objects.filter(group__sector__scheme__is_current=True).select_related("group__sector")
    }
    kinds = [k for k, _w in KIND_WEIGHTS]
    kind_weights = [w for _k, w in KIND_WEIGHTS]

    coops = []
    for n in range(cooperatives):
        commune = communes[n % len(communes)]
        kind = rng.choices(kinds, kind_weights)[0]
        place = commune.name.split(" ", 1)[1] if " " in commune.name else commune.name
        name = f"{KIND_PREFIX[kind]} {rng.choice(TRADES)} {place} {n + 1}"
        district = FORMER_DISTRICTS[n % len(FORMER_DISTRICTS)]
        registration = f"27{n:08d}"
        coops.append(
            Cooperative(
                name=name,
                slug=f"{SLUG_PREFIX}{n + 1}",
                kind=kind,
                registration_number=registration,
                commune=commune,
                former_district=district,
                description=f"{name}: sản xuất và tiêu thụ sản phẩm OCOP tại {commune.name}.",
                phone=f"09{rng.randrange(10**7, 10**8)}",
                status=Cooperative.Status.ACTIVE,
                search_text=fold(" ".join([name, commune.name, district, registration])),
            )
        )
    Cooperative.objects.bulk_create(coops, batch_size=1000)
    coops = list(Cooperative.objects.filter(slug__startswith=SLUG_PREFIX).select_related("commune").order_by("pk"))

    today = datetime.date.today()
    taken_codes = set(ProductCode.objects.values_list("code", flat=True))
    product_rows, plans = [], []
    for n in range(products):
        cooperative = coops[n % len(coops)]
        base, set_code = PRODUCTS[rng.randrange(len(PRODUCTS))]
        place = cooperative.commune.name.split(" ", 1)[1]
        name = f"{base} {place} {n + 1}"
        stars = rng.choices([s for s, _w in STARS_WEIGHTS], [w for _s, w in STARS_WEIGHTS])[0]
        decided = today - datetime.timedelta(days=rng.randrange(1, 900))
        price = rng.randrange(20, 900) * 1000
        product_rows.append(
            Product(
                cooperative=cooperative,
                name=name,
                slug=f"{SLUG_PREFIX}{n + 1}",
                search_name=fold(name),
                product_set=sets[set_code],
                description=f"{base} của {cooperative.name}, đạt chứng nhận OCOP {stars} sao.",
                story=f"Sản phẩm truyền thống của {cooperative.commune.name}.",
                unit="kg",
                price_min=price,
                price_max=price + rng.randrange(0, 10) * 5000,
                where_to_buy="Tại cơ sở sản xuất và điểm giới thiệu sản phẩm OCOP của Liên minh HTX.",
                status=Product.Status.ACTIVE,
                stars=stars,
                certified_at=decided,
                search_text=fold(
                    " ".join([name, cooperative.name, cooperative.commune.name, cooperative.former_district])
                ),
            )
        )
        plans.append((stars, decided, cooperative.commune_id))
    Product.objects.bulk_create(product_rows, batch_size=2000)
    created = list(Product.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").values_list("pk", flat=True))

    certificates, codes = [], []
    for index, (product_id, (stars, decided, commune_id)) in enumerate(zip(created, plans, strict=True)):
        certificates.append(
            Certificate(
                product_id=product_id,
                stars=stars,
                decision_number=f"{1000 + index // 40}/QĐ-UBND",
                decision_date=decided,
                valid_from=decided,
                valid_until=decided + relativedelta(months=36) - datetime.timedelta(days=1),
                product_code=f"37-{commune_id}-B{index + 1:05d}-{decided.year}",
                status=Certificate.Status.VALID,
            )
        )
        code = _code(rng)
        while code in taken_codes:
            code = _code(rng)
        taken_codes.add(code)
        codes.append(ProductCode(product_id=product_id, code=code))
    Certificate.objects.bulk_create(certificates, batch_size=2000)
    ProductCode.objects.bulk_create(codes, batch_size=2000)


def bench_targets(*, samples: int = 200) -> dict:
    """The pages the benchmark requests, as {"pages": [(name, [URL, …]), …]}: a spread of product
    pages, QR codes and producers, page 1 and a deep page of the catalogue, a filter, two facets
    at once, searches, then the pages each app registers (its bench.py's bench_pages())."""
    rows = list(
        Product.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").values_list("slug", "qr_code__code")
    )
    step = max(1, len(rows) // samples)
    picked = rows[::step][:samples]
    producers = list(
        Cooperative.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").values_list("slug", flat=True)
    )
    producers = producers[:: max(1, len(producers) // samples)][:samples]
    food = ProductSet.objects.get(code="03", group__sector__scheme__is_current=True).group.sector_id
    pages = [
        ("home", ["/"]),
        ("catalogue", ["/products/"]),
        ("catalogue, page 50", ["/products/?page=50"]),
        ("catalogue, filtered", ["/products/?stars=5&sort=name", "/products/?kind=htx"]),
        ("catalogue, 2 facets", [f"/products/?stars=4&sector={food}", f"/products/?stars=3&kind=htx&sector={food}"]),
        (
            "catalogue, searched",
            ["/products/?q=nep+nhung", "/products/?q=dau+phu", "/products/?q=GIA+VIEN", "/products/?q=chieu+coi"],
        ),
        ("search “mat ong”", ["/products/?q=mat+ong"]),
        ("product page", [f"/products/{slug}/" for slug, _code in picked]),
        ("QR page", [f"/q/{code}" for _slug, code in picked]),
        ("producer list", ["/producers/", "/producers/?page=20"]),
        ("producer page", [f"/producers/{slug}/" for slug in producers]),
    ]
    for module in app_bench_modules():
        pages += [tuple(page) for page in module.bench_pages()]  # (name, urls[, cookie])
    return {"pages": pages}


def bench_sql(pages: list) -> dict:
    """SQL per page on its first, cold visit (every cache made stale first, the page cache off):
    {name: {"sql_ms": the slowest URL's total, "queries": its query count}}. In-process, with
    Django's test client; the database's own timing as seen from Python."""
    from django.test import Client, override_settings

    from showcase.cache import public_pages_invalidate

    public_pages_invalidate()
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="vi")
    report = {}
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
        for name, urls, *cookie in pages:
            client.cookies.clear()
            if cookie:
                key, _sep, value = cookie[0].partition("=")
                client.cookies[key] = value
            worst = {"sql_ms": 0.0, "queries": 0, "url": ""}
            for url in urls[:5]:
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    client.get(url)
                    elapsed = time.perf_counter() - started
                sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
                if sql_ms >= worst["sql_ms"]:
                    worst = {"sql_ms": sql_ms, "queries": len(captured), "url": url, "page_ms": elapsed * 1000}
            report[name] = worst
    return report
