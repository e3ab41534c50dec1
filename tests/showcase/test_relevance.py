"""Search that helps people (showcase.search): name matches first, then stars, then newest;
typos corrected with "Did you mean"; a plain answer for a category with no certified product."""

import pytest
from django.urls import reverse

from tests.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


def _catalogue(client, **params):
    response = client.get(reverse("showcase:catalogue"), params)
    assert response.status_code == 200
    return response


def _names(response):
    return [product.name for product in response.context["products"]]


def test_name_matches_come_before_matches_in_the_producer_or_place_then_stars(client, make_certified):
    kim_son = CooperativeFactory(name="HTX chiếu cói Đại Đồng", former_district="Kim Sơn")
    dong_son = CooperativeFactory(name="HTX nông nghiệp Đông Sơn", former_district="TP Tam Điệp")
    make_certified(name="Chiếu cói xuất khẩu Đại Đồng", cooperative=kim_son, stars=5)
    make_certified(name="Gà đồi Đông Sơn", cooperative=dong_son, stars=3)
    make_certified(name="Bưởi da xanh Đông Sơn", cooperative=dong_son, stars=4)

    response = _catalogue(client, q="dong son")

    assert _names(response) == ["Bưởi da xanh Đông Sơn", "Gà đồi Đông Sơn", "Chiếu cói xuất khẩu Đại Đồng"]
    assert response.context["filters"].sort == "relevance"
    assert 'value="relevance" selected' in response.content.decode()


def test_among_equal_matches_the_newer_certificate_comes_first(client, make_certified):
    older = make_certified(name="Mật ong hoa nhãn Yên Mô", stars=4)
    newer = make_certified(name="Mật ong rừng Cúc Phương", stars=4)
    type(older).objects.filter(pk=older.pk).update(certified_at="2024-01-01")
    type(newer).objects.filter(pk=newer.pk).update(certified_at="2026-01-01")

    assert _names(_catalogue(client, q="mat ong")) == ["Mật ong rừng Cúc Phương", "Mật ong hoa nhãn Yên Mô"]


def test_a_typo_is_retried_with_the_closest_words_and_says_did_you_mean(client, make_certified):
    make_certified(name="Nếp nhung lùn Khánh Nhạc")
    make_certified(name="Gạo tám thơm Kim Sơn")

    response = _catalogue(client, q="nep nhug")

    assert _names(response) == ["Nếp nhung lùn Khánh Nhạc"]
    assert response.context["suggestion"] == "nếp nhung"
    page = response.content.decode()
    assert "Có phải bạn muốn tìm:" in page
    assert "<strong>nếp nhung</strong>" in page


def test_a_query_naming_a_category_with_no_certified_product_says_so(client, make_certified):
    make_certified(name="Rau an toàn Gia Viễn")

    response = _catalogue(client, q="ruou")

    assert _names(response) == []
    assert response.context["suggestion"] == ""
    assert response.context["empty_category"] == "Rượu trắng"
    assert "Chưa có sản phẩm nào thuộc nhóm “Rượu trắng” được chứng nhận OCOP" in response.content.decode()


def test_a_query_far_from_every_name_suggests_nothing(client, make_certified):
    make_certified(name="Nếp nhung lùn Khánh Nhạc")

    response = _catalogue(client, q="xyzzy")

    assert _names(response) == [] and response.context["suggestion"] == ""


@pytest.mark.parametrize("query", ["nep\x00nhung", "nep\x1bnhung", "nep\u200bnhung\x7f"])
def test_control_characters_in_the_query_are_spaces(client, make_certified, query):
    make_certified(name="Nếp nhung lùn Khánh Nhạc")

    response = _catalogue(client, q=query)

    assert _names(response) == ["Nếp nhung lùn Khánh Nhạc"]
