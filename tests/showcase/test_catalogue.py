import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives.models import Cooperative
from places.models import Commune
from products.models import Certificate
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory, product_set

TODAY = datetime.date.today()


def _names(response):
    return [product.name for product in response.context["products"]]


def _counts(options):
    return {option.label: option.count for option in options}


@pytest.fixture
def catalogue(db):
    """Two producers in two communes; four certified products and four that must not show."""
    khanh_trung = CooperativeFactory(
        name="HTX Khánh Trung", kind=Cooperative.Kind.COOPERATIVE, former_district="Yên Khánh"
    )
    dai_hoang = CooperativeFactory(
        name="Tổ hợp tác Đại Hoàng",
        kind=Cooperative.Kind.GROUP,
        commune=Commune.objects.get(code=14500),
        former_district="Gia Viễn",
    )

    def certified(name, cooperative, stars, set_code, days_ago):
        product = ProductFactory(name=name, cooperative=cooperative, product_set=product_set(set_code))
        CertificateFactory(product=product, stars=stars, decision_date=TODAY - datetime.timedelta(days=days_ago))
        return product

    certified("Gạo Japonica", khanh_trung, 5, "03", 40)
    certified("Nước mắm cốt", khanh_trung, 4, "09", 10)
    certified("Gạo nếp cái hoa vàng", dai_hoang, 4, "03", 20)
    certified("Chiếu cói", dai_hoang, 3, "21", 30)
    # Not in the catalogue: expired, revoked, out of date though still marked valid, draft, never rated.
    CertificateFactory(
        product=ProductFactory(name="Bánh đa hết hạn", cooperative=khanh_trung),
        status=Certificate.Status.EXPIRED,
        decision_date=TODAY - datetime.timedelta(days=1200),
    )
    CertificateFactory(
        product=ProductFactory(name="Rượu bị thu hồi", cooperative=dai_hoang),
        status=Certificate.Status.REVOKED,
        revocation_ground=Certificate.RevocationGround.QUALITY_VIOLATION,
    )
    CertificateFactory(
        product=ProductFactory(name="Mật ong quá hạn", cooperative=dai_hoang),
        decision_date=TODAY - datetime.timedelta(days=1200),
    )
    CertificateFactory(product=ProductFactory(name="Trà nháp", cooperative=khanh_trung, status="draft"))
    ProductFactory(name="Dưa chưa đánh giá", cooperative=khanh_trung)
    return {"khanh_trung": khanh_trung, "dai_hoang": dai_hoang}


def test_catalogue_lists_only_products_with_a_valid_certificate(client, catalogue):
    response = client.get(reverse("showcase:catalogue"), {"sort": "name"})

    assert _names(response) == ["Chiếu cói", "Gạo Japonica", "Gạo nếp cái hoa vàng", "Nước mắm cốt"]
    assert "4 sản phẩm đạt chứng nhận" in response.content.decode()


def test_catalogue_facets_count_every_value_when_nothing_is_chosen(client, catalogue):
    response = client.get(reverse("showcase:catalogue"))
    facets = response.context["facets"]

    assert _counts(facets["stars"]) == {"5": 1, "4": 2, "3": 1}
    assert _counts(facets["kinds"]) == {"Hợp tác xã (HTX)": 2, "Tổ hợp tác (THT)": 2}
    assert _counts(facets["communes"]) == {"Xã Khánh Trung": 2, "Xã Đại Hoàng": 2}
    assert _counts(facets["districts"]) == {"Gia Viễn": 2, "Yên Khánh": 2}
    assert _counts(facets["classification"]) == {"Thực phẩm": 3, "Thủ công mỹ nghệ": 1}


def test_catalogue_facet_counts_apply_the_other_filters_but_not_their_own(client, catalogue):
    response = client.get(reverse("showcase:catalogue"), {"stars": "4"})
    facets = response.context["facets"]

    assert sorted(_names(response)) == ["Gạo nếp cái hoa vàng", "Nước mắm cốt"]
    # Its own facet still offers the other stars ...
    assert _counts(facets["stars"]) == {"5": 1, "4": 2, "3": 1}
    assert [o.selected for o in facets["stars"]] == [False, True, False]
    # ... the other facets count the 4-star products only.
    assert _counts(facets["kinds"]) == {"Hợp tác xã (HTX)": 1, "Tổ hợp tác (THT)": 1}
    assert _counts(facets["classification"]) == {"Thực phẩm": 2}


def test_catalogue_filters_combine_across_facets_and_add_up_within_one(client, catalogue):
    both_kinds = client.get(reverse("showcase:catalogue"), {"stars": ["4", "5"], "kind": "htx", "sort": "name"})
    one_commune = client.get(
        reverse("showcase:catalogue"), {"commune": "14500", "district": "Gia Viễn", "sort": "name"}
    )

    assert _names(both_kinds) == ["Gạo Japonica", "Nước mắm cốt"]
    assert _names(one_commune) == ["Chiếu cói", "Gạo nếp cái hoa vàng"]


def test_catalogue_classification_narrows_from_sector_to_product_set(client, catalogue):
    food = product_set("03").group.sector
    rice = product_set("03")

    sector = client.get(reverse("showcase:catalogue"), {"sector": food.pk, "sort": "name"})
    narrowed = client.get(reverse("showcase:catalogue"), {"sector": food.pk, "set": rice.pk, "sort": "name"})

    assert _names(sector) == ["Gạo Japonica", "Gạo nếp cái hoa vàng", "Nước mắm cốt"]
    assert _names(narrowed) == ["Gạo Japonica", "Gạo nếp cái hoa vàng"]
    food_option = narrowed.context["facets"]["classification"][0]
    assert (food_option.label, food_option.selected, food_option.expanded) == ("Thực phẩm", True, True)


def test_catalogue_sorts_by_newest_stars_and_name(client, catalogue):
    url = reverse("showcase:catalogue")

    newest = _names(client.get(url))
    by_stars = _names(client.get(url, {"sort": "stars"}))
    by_name = _names(client.get(url, {"sort": "name"}))

    assert newest == ["Nước mắm cốt", "Gạo nếp cái hoa vàng", "Chiếu cói", "Gạo Japonica"]
    assert by_stars == ["Gạo Japonica", "Nước mắm cốt", "Gạo nếp cái hoa vàng", "Chiếu cói"]
    assert by_name == ["Chiếu cói", "Gạo Japonica", "Gạo nếp cái hoa vàng", "Nước mắm cốt"]


def test_catalogue_ignores_malformed_filters(client, catalogue):
    response = client.get(
        reverse("showcase:catalogue"), {"stars": ["9", "x"], "kind": "nonsense", "commune": "abc", "sort": "evil"}
    )

    assert response.status_code == 200
    assert len(_names(response)) == 4
    assert response.context["filters"].sort == "newest"


def test_catalogue_keeps_filters_in_links_to_other_pages(client, make_certified):
    cooperative = CooperativeFactory()
    for n in range(30):
        make_certified(name=f"Sản phẩm {n:02d}", stars=4, cooperative=cooperative)

    first = client.get(reverse("showcase:catalogue"), {"stars": "4", "sort": "name"})
    second = client.get(reverse("showcase:catalogue"), {"stars": "4", "sort": "name", "page": "2"})

    assert len(_names(first)) == 24
    assert _names(second) == [f"Sản phẩm {n:02d}" for n in range(24, 30)]
    assert 'href="?stars=4&amp;sort=name&amp;page=2"' in first.content.decode()


def _catalogue_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?stars=4&kind=htx", "?q=gao"])
def test_catalogue_runs_as_many_queries_for_30_products_as_for_3(client, db, query):
    url = reverse("showcase:catalogue") + query
    communes = list(Commune.objects.in_portal_province()[:30])
    sets = ["01", "03", "09", "21", "14"]

    def add(count, offset):
        for n in range(count):
            cooperative = CooperativeFactory(commune=communes[n], former_district=f"Huyện {n % 4}")
            product = ProductFactory(
                name=f"Gạo số {offset + n}", cooperative=cooperative, product_set=product_set(sets[n % 5])
            )
            CertificateFactory(product=product, stars=3 + n % 3)

    add(3, 0)
    few = _catalogue_queries(client, url + ("&" if query else "?") + "x=1")
    add(27, 3)
    many = _catalogue_queries(client, url + ("&" if query else "?") + "x=2")

    assert few == many


def test_a_card_reads_its_product_and_cover_photo_only_when_it_is_rendered(
    client, db, settings, django_assert_num_queries
):
    from tests.factories import ProductPhotoFactory

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    product = CertificateFactory(product=ProductFactory(name="Miến dong có ảnh")).product
    ProductPhotoFactory(product=product, alt_text="Bó miến dong", position=2)
    ProductPhotoFactory(product=product, alt_text="Ảnh bìa miến dong", position=1)
    url = reverse("showcase:catalogue")

    first = client.get(url).content.decode()
    assert 'alt="Ảnh bìa miến dong"' in first and 'alt="Bó miến dong"' not in first
    with django_assert_num_queries(1):  # the page's ids; its card is kept: no product or photo query
        again = client.get(url + "?page=1").content.decode()
    assert 'alt="Ảnh bìa miến dong"' in again

    ProductPhotoFactory(product=product, alt_text="Ảnh bìa mới", position=0)  # a new cover
    assert 'alt="Ảnh bìa mới"' in client.get(url).content.decode()


def test_the_number_of_matches_and_the_facet_counts_are_grouped_by_thousands(client, db, monkeypatch):
    from showcase.facets import FacetOption
    from showcase.selectors import catalogue

    options = {"stars": [FacetOption("5", "5", 12345, False, param="stars")]}
    monkeypatch.setattr(catalogue, "_summary", lambda filters, context, query: {"count": 20000, "facets": options})

    page = client.get(reverse("showcase:catalogue") + "?n=1").content.decode()
    english = client.get("/en" + reverse("showcase:catalogue") + "?n=1").content.decode()

    assert "20.000 sản phẩm đạt chứng nhận" in page and 'facet-count">12.345<' in page
    assert "20,000 certified products" in english and 'facet-count">12,345<' in english
