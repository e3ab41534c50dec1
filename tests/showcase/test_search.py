import pytest
from django.urls import reverse

from places.models import Commune
from tests.factories import CooperativeFactory


@pytest.fixture
def products(make_certified):
    khanh_nhac = CooperativeFactory(name="HTX dịch vụ nông nghiệp Khánh Nhạc", former_district="Yên Khánh")
    dai_hoang = CooperativeFactory(
        name="HTX Đại Hoàng", commune=Commune.objects.get(code=14500), former_district="Gia Viễn"
    )
    make_certified(name="Nếp nhung lùn Khánh Nhạc", cooperative=khanh_nhac)
    make_certified(name="Đậu phụ làng Mai", cooperative=dai_hoang)
    make_certified(name="Gạo sạch Japonica", cooperative=khanh_nhac)


def _search(client, query):
    response = client.get(reverse("showcase:catalogue"), {"q": query, "sort": "name"})
    assert response.status_code == 200
    return [product.name for product in response.context["products"]]


@pytest.mark.parametrize("query", ["nep nhung", "NẾP NHUNG", "Nep Nhung", "nếp nhung", "  nep   NHUNG "])
def test_search_ignores_diacritics_case_and_spaces(client, products, query):
    assert _search(client, query) == ["Nếp nhung lùn Khánh Nhạc"]


@pytest.mark.parametrize("query", ["dau", "DAU", "đậu", "ĐẬU PHỤ", "dau phu"])
def test_search_maps_d_stroke_both_ways(client, products, query):
    assert _search(client, query) == ["Đậu phụ làng Mai"]


def test_search_finds_products_by_producer_name(client, products):
    assert _search(client, "khanh nhac") == ["Gạo sạch Japonica", "Nếp nhung lùn Khánh Nhạc"]


def test_search_finds_products_by_commune_and_former_district(client, products):
    assert _search(client, "xa dai hoang") == ["Đậu phụ làng Mai"]
    assert _search(client, "khanh trung") == ["Gạo sạch Japonica", "Nếp nhung lùn Khánh Nhạc"]
    assert _search(client, "gia vien") == ["Đậu phụ làng Mai"]


def test_search_needs_every_word_and_says_when_nothing_matches(client, products):
    response = client.get(reverse("showcase:catalogue"), {"q": "nep japonica"})

    assert list(response.context["products"]) == []
    assert "Không có sản phẩm đạt chứng nhận nào phù hợp." in response.content.decode()


def test_search_from_the_home_page_form_reaches_the_catalogue(client, products):
    home = client.get(reverse("home")).content.decode()

    assert f'action="{reverse("showcase:catalogue")}"' in home
    assert 'name="q"' in home
