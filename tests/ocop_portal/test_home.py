import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory


@pytest.mark.django_db
def test_home_shows_real_counts_by_stars(client):
    CooperativeFactory.create_batch(2)
    CertificateFactory(stars=5)
    CertificateFactory(stars=4)
    CertificateFactory(stars=4)
    ProductFactory()  # not certified
    response = client.get(reverse("home"))
    numbers = response.context["numbers"]
    # 2 plain cooperatives + one per product
    assert numbers["cooperatives"] == 6
    assert numbers["products"] == 4
    assert numbers["certified"] == 3
    assert numbers["by_stars"] == [(5, 1), (4, 2), (3, 0)]


@pytest.mark.django_db
def test_home_counts_are_made_once_per_cache_generation(settings):
    """The counts scan the products (every product is counted): made once and shared until any
    public data is saved, like the catalogue's facet counts."""
    from ocop_portal.selectors import home_numbers
    from showcase.cache import public_pages_invalidate

    CertificateFactory(stars=5)
    public_pages_invalidate()
    first = home_numbers()
    CertificateFactory.build(stars=4)  # nothing saved: the counts stay
    with CaptureQueriesContext(connection) as again:
        assert home_numbers() == first
    assert len(again) == 0
    certificate = CertificateFactory(stars=4)
    public_pages_invalidate()  # what certificate_issue does
    assert home_numbers()["by_stars"] == [(5, 1), (4, 1), (3, 0)]
    type(certificate.product).objects.filter(pk=certificate.product_id).update(status="archived")
    settings.CATALOGUE_FACET_CACHE_SECONDS = 0  # the shared counts off: computed every time
    assert home_numbers()["by_stars"] == [(5, 1), (4, 0), (3, 0)]


@pytest.mark.django_db
def test_home_is_in_vietnamese_by_default_and_english_on_request(client):
    vi = client.get("/")
    assert 'lang="vi"' in vi.content.decode()
    assert "Sản phẩm OCOP" in vi.content.decode()
    en = client.get("/en/")
    assert 'lang="en"' in en.content.decode()
    assert "OCOP products" in en.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_the_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/en/"


def _names(products):
    return [product.name for product in products]


@pytest.mark.django_db
def test_home_features_the_products_staff_chose_while_certified(client):
    from tests.factories.showcase import FeaturedProductFactory

    second = CertificateFactory(stars=3, product__name="Chiếu cói").product
    first = CertificateFactory(stars=4, product__name="Nếp nhung").product
    lapsed = CertificateFactory(stars=5, status="expired", product__name="Hết hạn").product
    FeaturedProductFactory(product=first, position=1)
    FeaturedProductFactory(product=second, position=2)
    FeaturedProductFactory(product=lapsed, position=0)

    response = client.get(reverse("home"))

    assert _names(response.context["featured"]) == ["Nếp nhung", "Chiếu cói"]


@pytest.mark.django_db
def test_home_without_chosen_products_features_the_best_rated(client):
    CertificateFactory(stars=3, product__name="Ba sao")
    CertificateFactory(stars=5, product__name="Năm sao")

    response = client.get(reverse("home"))

    assert _names(response.context["featured"]) == ["Năm sao", "Ba sao"]
    assert list(response.context["newest"]) == []  # nothing left that is not already featured


@pytest.mark.django_db
def test_home_shows_newest_certified_and_latest_published_news(client):
    import datetime

    from tests.factories.news import ArticleFactory
    from tests.factories.showcase import FeaturedProductFactory

    today = datetime.date.today()
    featured = CertificateFactory(product__name="Nổi bật").product
    FeaturedProductFactory(product=featured)
    CertificateFactory(product__name="Cũ", decision_date=today - datetime.timedelta(days=100))
    CertificateFactory(product__name="Mới", decision_date=today - datetime.timedelta(days=2))
    ArticleFactory(title="Tin đã đăng")
    ArticleFactory(title="Tin nháp", status="draft")

    response = client.get(reverse("home"))

    assert _names(response.context["newest"]) == ["Mới", "Cũ"]
    assert [a.title for a in response.context["articles"]] == ["Tin đã đăng"]
    assert response.context["events"] == []  # no trainings/fairs provider yet: no section, no fake data
    assert "Sự kiện sắp diễn ra" not in response.content.decode()


@pytest.mark.django_db
def test_home_runs_as_many_queries_for_30_products_as_for_3(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProductPhotoFactory
    from tests.factories.news import ArticleFactory
    from tests.factories.showcase import FeaturedProductFactory

    def add(count):
        for _ in range(count):
            ProductPhotoFactory(product=CertificateFactory().product)
            ArticleFactory()

    add(3)
    FeaturedProductFactory(product=CertificateFactory().product)  # featured and newest both filled
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home") + "?a")
    add(27)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home") + "?b")

    assert len(few) == len(many)


@pytest.mark.django_db
def test_home_sections_are_translated_in_both_languages(client):
    vi = client.get("/").content.decode()
    en = client.get("/en/").content.decode()

    assert "Sản phẩm OCOP của các hợp tác xã Ninh Bình" in vi and "Quét mã, tra cứu, yên tâm mua hàng" in vi
    assert "OCOP products of Ninh Bình cooperatives" in en and "Scan, check, buy with confidence" in en
