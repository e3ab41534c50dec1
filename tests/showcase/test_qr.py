import datetime

from django.utils import timezone

from products.models import Certificate
from showcase.models import ProductCode
from tests.factories import CertificateFactory, ProductFactory

TODAY = datetime.date.today()


def test_every_new_product_gets_a_short_permanent_code(db):
    from products.services import product_create
    from tests.factories import CooperativeFactory
    from tests.factories.products import product_set

    product = product_create(
        cooperative=CooperativeFactory(), by=None, data={"name": "Nếp nhung lùn", "product_set": product_set()}
    )

    code = ProductCode.objects.get(product=product).code

    assert len(code) == 6
    assert set(code) <= set("0123456789abcdefghjkmnpqrstvwxyz")
    assert product.qr_code.get_absolute_url() == f"/q/{code}"


def test_qr_code_stays_the_same_when_slug_name_and_certificate_change(client, certified_product):
    before = certified_product.qr_code.code
    certified_product.slug = "ten-moi"
    certified_product.name = "Tên mới"
    certified_product.save()
    CertificateFactory(product=certified_product, stars=5)

    certified_product.refresh_from_db()

    assert certified_product.qr_code.code == before
    response = client.get(f"/q/{before}")
    assert response.status_code == 200
    assert "Tên mới" in response.content.decode()


def test_qr_page_shows_producer_commune_certificate_and_story(client, db):
    product = ProductFactory(name="Nếp nhung lùn", story="Giống nếp cổ của làng Khánh Nhạc.")
    CertificateFactory(
        product=product, stars=4, product_code="37-14608-001-2025", decision_date=TODAY - datetime.timedelta(days=10)
    )

    html = client.get(product.qr_code.get_absolute_url()).content.decode()

    assert "Sản phẩm đạt chứng nhận OCOP 4 sao" in html
    assert "37-14608-001-2025" in html
    assert product.cooperative.name in html
    assert "Xã Khánh Trung" in html
    assert "Giống nếp cổ của làng Khánh Nhạc." in html
    assert "trace-valid" in html


def test_qr_page_shows_an_expired_certificate_as_expired(client, db):
    certificate = CertificateFactory(
        stars=4, status=Certificate.Status.EXPIRED, decision_date=datetime.date(2021, 6, 1)
    )

    response = client.get(certificate.product.qr_code.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Giấy chứng nhận OCOP của sản phẩm này đã hết hiệu lực" in html
    assert "có hiệu lực đến ngày 01/06/2024" in html
    assert "trace-expired" in html
    assert "Sản phẩm đạt chứng nhận OCOP" not in html


def test_qr_page_shows_a_certificate_past_its_date_as_expired_before_the_nightly_task(client, db):
    certificate = CertificateFactory(decision_date=TODAY - datetime.timedelta(days=1200))
    assert certificate.status == Certificate.Status.VALID

    html = client.get(certificate.product.qr_code.get_absolute_url()).content.decode()

    assert "Giấy chứng nhận OCOP của sản phẩm này đã hết hiệu lực" in html


def test_qr_page_shows_a_revoked_certificate_with_its_ground(client, db):
    certificate = CertificateFactory(
        status=Certificate.Status.REVOKED,
        revocation_ground=Certificate.RevocationGround.LABELLING_VIOLATION,
        revoked_on=datetime.date(2026, 7, 10),
    )

    html = client.get(certificate.product.qr_code.get_absolute_url()).content.decode()

    assert "Giấy chứng nhận OCOP của sản phẩm này đã bị thu hồi" in html
    assert "Thu hồi ngày 10/07/2026." in html
    assert "trace-revoked" in html


def test_qr_page_keeps_working_when_the_product_is_withdrawn_from_sale(client, certified_product):
    certified_product.status = "archived"
    certified_product.save()

    html = client.get(certified_product.qr_code.get_absolute_url()).content.decode()

    assert "Chủ thể không còn kinh doanh sản phẩm này." in html


def test_qr_code_is_read_case_insensitively_with_look_alike_letters(client, certified_product):
    ProductCode.objects.filter(product=certified_product).update(code="0a1b2c")
    other = CertificateFactory(product=ProductFactory(name="Sản phẩm khác")).product

    for typed in ("/q/OA1B2C", "/q/0aib2c/"):
        response = client.get(typed)
        assert response.status_code == 200
        assert response.context["product"] == certified_product
        assert certified_product.name in response.content.decode()
        assert other.name not in response.content.decode()


def test_qr_page_is_404_for_unknown_codes_and_drafts(client, db):
    draft = ProductFactory(status="draft")

    assert client.get("/q/zzzzzz").status_code == 404
    assert client.get(draft.qr_code.get_absolute_url()).status_code == 404


def test_qr_page_is_outside_the_language_prefix_and_follows_the_visitor_language(client, certified_product):
    url = certified_product.qr_code.get_absolute_url()

    english = client.get(url, headers={"accept-language": "en"}).content.decode()

    assert url.startswith("/q/")
    assert "Certified OCOP 4-star product" in english


def test_qr_code_created_on_demand_for_products_made_in_bulk(db):
    from showcase.services import product_code_ensure

    product = ProductFactory()
    ProductCode.objects.filter(product=product).delete()

    first = product_code_ensure(product=product)
    again = product_code_ensure(product=product)

    assert first.pk == again.pk and first.code == again.code
    assert first.created_at <= timezone.now()
