"""The demo products and certificates (products/demo_data.py, products/demo.py). Photo files
are generated once, by tests/ocop_portal/test_demo.py; here only one placeholder is drawn."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image

from cooperatives.demo import cooperatives_demo_load
from cooperatives.demo_data import PRODUCERS_BY_SLUG
from products.demo import certificates_demo_load, placeholder_jpeg, products_demo_load
from products.demo_data import CERTIFICATES, PRICE_NOTE, PRODUCTS
from products.models import Certificate, Product

# The day the demo data was written: decision dates are checked against it, not against the
# clock, so the test keeps passing as the certificates age.
WRITTEN_ON = datetime.date(2026, 11, 28)
CODE = re.compile(r"^37-(\d{5})-(\d{3})-(\d{4})$")


@pytest.fixture
def demo_products(db):
    cooperatives_demo_load()
    products_demo_load()
    certificates_demo_load()


# (product, producer slug, product set in qd148-2023, producer's commune code)
KEY_PRODUCTS = [
    ("Nếp nhung lùn Khánh Nhạc", "htx-dich-vu-nong-nghiep-khanh-nhac", "03", 14611),
    ("Gạo sạch cao cấp Japonica Khánh Trung", "htx-dich-vu-nong-nghiep-khanh-trung", "03", 14608),
    ("Nếp cau Văn Phú", "htx-nong-nghiep-van-phu", "03", 14434),
    ("Bưởi da xanh Đông Sơn", "htx-buoi-da-xanh-dong-son", "01", 14365),
    ("Gà đồi Đông Sơn", "htx-nong-san-an-toan-tam-diep", "02", 14365),
    ("Thịt dê núi Ninh Bình", "htx-chan-nuoi-de-ninh-binh", "02", 14533),
    ("Thịt dê Tam Điệp", "htx-nong-san-an-toan-tam-diep", "02", 14365),
    ("Trạch sụn Yên Hòa", "htx-cay-con-dac-san-yen-hoa", "02", 14701),
    ("Muối ngâm chân thảo dược Sinh Dược", "htx-sinh-duoc", "20", 14533),
    ("Xà phòng dược liệu Sinh Dược", "htx-sinh-duoc", "19", 14533),
    ("Tinh dầu sả chanh Sinh Dược", "htx-sinh-duoc", "20", 14533),
    ("Tinh bột nghệ Yên Sơn", "htx-duoc-lieu-yen-son", "07", 14371),
    ("Trà đinh lăng Khánh Thủy", "htx-tm-dv-duoc-lieu-khanh-thuy", "12", 14599),
    ("Chiếu cói xuất khẩu Đại Đồng", "htx-chieu-coi-xuat-khau-dai-dong", "21", 14674),
    ("Gốm men gan Bồ Bát", "htx-gom-bo-bat", "21", 14746),
    ("Đồ lưu niệm cố đô Trường Yên", "htx-du-lich-truong-yen", "21", 14533),
    ("Homestay du lịch cộng đồng Gia Vân", "tht-du-lich-cong-dong-gia-van", "26", 14488),
    ("Tắm ngâm dược liệu Sao Sa", "htx-dich-vu-du-lich-sao-sa", "26", 14464),
]


def test_demo_key_products_have_their_producer_product_set_and_commune(demo_products):
    products = {
        product.name: product
        for product in Product.objects.select_related("cooperative", "product_set__group__sector__scheme")
    }

    found = {
        name: (
            products[name].cooperative.slug,
            products[name].product_set.code,
            products[name].cooperative.commune_id,
            products[name].product_set.group.sector.scheme.code,
        )
        for name, *_rest in KEY_PRODUCTS
        if name in products
    }

    assert found == {name: (producer, code, commune, "qd148-2023") for name, producer, code, commune in KEY_PRODUCTS}


def test_demo_products_each_producer_has_at_least_one_product(demo_products):
    with_products = set(Product.objects.values_list("cooperative__slug", flat=True))

    assert set(PRODUCERS_BY_SLUG) - with_products == set()
    assert Product.objects.count() == len(PRODUCTS)


def test_demo_products_mark_prices_as_demo_and_keep_them_ordered(demo_products):
    for product in Product.objects.all():
        assert 0 < product.price_min <= product.price_max
        assert product.description.endswith(PRICE_NOTE)
        assert product.unit and product.packaging and product.story


def test_demo_products_are_found_without_diacritics(demo_products):
    found = Product.objects.search("nep nhung").values_list("slug", flat=True)

    assert list(found) == ["nep-nhung-lun-khanh-nhac"]


def test_demo_certificates_show_every_state(demo_products):
    certificates = Certificate.objects.select_related("product__product_set__group__sector")

    statuses = sorted(c.status for c in certificates)
    assert statuses.count(Certificate.Status.EXPIRED) == 2
    assert statuses.count(Certificate.Status.REVOKED) == 1
    assert {c.stars for c in certificates} == {3, 4, 5}
    revoked = certificates.get(status=Certificate.Status.REVOKED)
    assert revoked.revocation_ground == Certificate.RevocationGround.LABELLING_VIOLATION
    assert revoked.revoked_on is not None and revoked.revocation_note
    five = certificates.get(stars=5)
    assert five.issuer == Certificate.Issuer.NATIONAL
    assert len({c.product_id for c in certificates}) in range(8, 13)
    assert len({c.product.product_set.group.sector.code for c in certificates}) >= 4


def test_demo_certificate_codes_and_decisions_are_demo_values(demo_products):
    certificates = list(Certificate.objects.select_related("product__cooperative"))

    for certificate in certificates:
        commune, serial, year = CODE.match(certificate.product_code).groups()
        assert int(commune) == certificate.product.cooperative.commune_id
        assert int(year) == certificate.decision_date.year
        assert certificate.decision_number.startswith("DEMO-")
        if certificate.status == Certificate.Status.EXPIRED:
            assert certificate.valid_until < WRITTEN_ON
        else:
            assert WRITTEN_ON - datetime.timedelta(days=3 * 365) <= certificate.decision_date <= WRITTEN_ON
    serials = [(c.decision_date.year, CODE.match(c.product_code).group(2)) for c in certificates]
    assert len(set(serials)) == len(serials)  # serials count up per year across the province


def test_demo_rerating_points_to_the_expired_certificate(demo_products):
    renewal = Certificate.objects.get(product_code="37-14611-001-2026")

    assert renewal.previous.product_code == "37-14611-001-2023"
    assert renewal.previous.status == Certificate.Status.EXPIRED
    assert renewal.product_id == renewal.previous.product_id


def test_demo_product_stars_come_from_its_valid_certificate(demo_products):
    today = timezone.localdate()

    for product in Product.objects.prefetch_related("certificates"):
        valid = sorted((c for c in product.certificates.all() if c.is_valid_on(today)), key=lambda c: c.decision_date)
        assert product.stars == (valid[-1].stars if valid else None)
    assert Product.objects.get(slug="thit-de-nui-ninh-binh").stars is None
    assert Product.objects.get(slug="tinh-bot-nghe-yen-son").stars is None


def test_demo_load_of_products_and_certificates_changes_nothing_when_rerun(demo_products):
    before = list(Product.objects.order_by("pk").values_list("pk", "updated_at", "stars"))
    certificates_before = list(Certificate.objects.order_by("pk").values_list("pk", "updated_at"))

    assert products_demo_load() == []
    assert certificates_demo_load() == []

    assert list(Product.objects.order_by("pk").values_list("pk", "updated_at", "stars")) == before
    assert list(Certificate.objects.order_by("pk").values_list("pk", "updated_at")) == certificates_before


def test_demo_certificates_data_names_existing_products():
    slugs = {p.slug for p in PRODUCTS}

    assert {c.product for c in CERTIFICATES} <= slugs
    assert len({c.product_code for c in CERTIFICATES}) == len(CERTIFICATES)


def test_placeholder_jpeg_draws_a_jpeg_in_the_sector_colour():
    food = Image.open(io.BytesIO(placeholder_jpeg(title="Nếp nhung lùn Khánh Nhạc", subtitle="HTX", sector="I")))
    craft = Image.open(io.BytesIO(placeholder_jpeg(title="Nếp nhung lùn Khánh Nhạc", subtitle="HTX", sector="IV")))

    assert (food.format, food.size) == ("JPEG", (1200, 900))
    red, green, _blue = food.convert("RGB").getpixel((5, 5))
    assert green > red  # field green for food
    red, green, _blue = craft.convert("RGB").getpixel((5, 5))
    assert red > green  # terracotta for handicrafts
