import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives.models import Cooperative
from news.models import Article
from places.models import Commune
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory
from tests.factories.news import ArticleFactory


@pytest.fixture
def producers(db):
    khanh = CooperativeFactory(name="HTX Khánh Nhạc", kind=Cooperative.Kind.COOPERATIVE)
    dai = CooperativeFactory(
        name="Tổ hợp tác Đại Hoàng", kind=Cooperative.Kind.GROUP, commune=Commune.objects.get(code=14500)
    )
    CooperativeFactory(
        name="Công ty Việt Xanh", kind=Cooperative.Kind.ENTERPRISE, commune=Commune.objects.get(code=14500)
    )
    CooperativeFactory(name="HTX đã giải thể", status=Cooperative.Status.DISSOLVED)
    CertificateFactory(product=ProductFactory(name="Nếp nhung", cooperative=khanh))
    CertificateFactory(product=ProductFactory(name="Gạo tám", cooperative=khanh))
    ProductFactory(name="Chưa chứng nhận", cooperative=dai)
    return {"khanh": khanh, "dai": dai}


def _names(response):
    return [c.name for c in response.context["producers"]]


def test_directory_lists_active_producers_with_their_certified_product_count(client, producers):
    response = client.get(reverse("showcase:producers"))

    assert _names(response) == ["Công ty Việt Xanh", "HTX Khánh Nhạc", "Tổ hợp tác Đại Hoàng"]
    counts = {c.name: c.certified_count for c in response.context["producers"]}
    assert counts == {"Công ty Việt Xanh": 0, "HTX Khánh Nhạc": 2, "Tổ hợp tác Đại Hoàng": 0}
    assert "2 sản phẩm OCOP" in response.content.decode()


def test_directory_searches_without_diacritics_and_filters_by_type_and_commune(client, producers):
    url = reverse("showcase:producers")

    assert _names(client.get(url, {"q": "TO HOP TAC dai"})) == ["Tổ hợp tác Đại Hoàng"]
    # "dai hoang" is also the commune of Việt Xanh
    assert _names(client.get(url, {"q": "dai hoang"})) == ["Công ty Việt Xanh", "Tổ hợp tác Đại Hoàng"]
    assert _names(client.get(url, {"kind": "to_hop_tac"})) == ["Tổ hợp tác Đại Hoàng"]
    assert _names(client.get(url, {"commune": "14500", "kind": ["to_hop_tac", "doanh_nghiep"]})) == [
        "Công ty Việt Xanh",
        "Tổ hợp tác Đại Hoàng",
    ]


def test_directory_facets_count_with_the_other_filters(client, producers):
    response = client.get(reverse("showcase:producers"), {"commune": "14500"})
    facets = response.context["facets"]

    assert {o.label: o.count for o in facets["kinds"]} == {"Tổ hợp tác (THT)": 1, "Doanh nghiệp": 1}
    assert {o.label: (o.count, o.selected) for o in facets["communes"]} == {
        "Xã Khánh Trung": (1, False),
        "Xã Đại Hoàng": (2, True),
    }


def test_producer_profile_shows_its_certified_products_and_news(client, producers):
    article = ArticleFactory(title="HTX Khánh Nhạc mở rộng vùng nếp")
    article.related_cooperatives.add(producers["khanh"])
    ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT).related_cooperatives.add(producers["khanh"])

    response = client.get(producers["khanh"].get_absolute_url())

    assert [p.name for p in response.context["products"]] == ["Gạo tám", "Nếp nhung"]
    assert [a.title for a in response.context["articles"]] == ["HTX Khánh Nhạc mở rộng vùng nếp"]
    assert "Xã Khánh Trung" in response.content.decode()


def test_producer_profile_of_a_dissolved_producer_is_404(client, producers):
    dissolved = Cooperative.objects.get(name="HTX đã giải thể")

    assert client.get(dissolved.get_absolute_url()).status_code == 404


def test_directory_runs_as_many_queries_for_30_producers_as_for_3(client, db):
    communes = list(Commune.objects.in_portal_province()[:30])

    def add(count, offset):
        for n in range(count):
            cooperative = CooperativeFactory(commune=communes[n], kind=Cooperative.Kind.values[n % 6])
            CertificateFactory(product=ProductFactory(cooperative=cooperative))

    add(3, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("showcase:producers") + "?a")
    add(27, 3)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("showcase:producers") + "?b")

    assert len(few) == len(many)


def test_producer_monogram_skips_the_type_words():
    from showcase.templatetags.showcase_tags import monogram

    assert monogram("HTX Dược liệu Yên Sơn") == "D"
    assert monogram("Công ty Cổ phần chế biến nông sản Việt Xanh") == "C"
    assert monogram("Tổ hợp tác Đại Hoàng") == "Đ"
    assert monogram("gốm Bồ Bát") == "G"


def test_the_directory_shares_its_counts_and_panel_across_pages_until_a_producer_changes(
    client, db, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    communes = list(Commune.objects.in_portal_province()[:10])
    for n in range(30):
        CooperativeFactory(commune=communes[n % 10], kind=Cooperative.Kind.COOPERATIVE)
    url = reverse("showcase:producers")
    first = client.get(url).content.decode()
    assert "Thêm 2 xã/phường" in first and 'Hợp tác xã (HTX)</span></span><span class="facet-count">30<' in first

    with django_assert_num_queries(2):  # the page of producers and their product counts
        second = client.get(url, {"page": 2})
    assert second.context["page_obj"].paginator.num_pages == 2

    CooperativeFactory(name="HTX mới vào danh bạ", commune=communes[0], kind=Cooperative.Kind.COOPERATIVE)
    after = client.get(url).content.decode()
    assert 'Hợp tác xã (HTX)</span></span><span class="facet-count">31<' in after
    english = client.get("/en/producers/").content.decode()
    assert "2 more communes" in english and "Producer type" in english
