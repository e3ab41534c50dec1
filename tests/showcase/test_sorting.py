"""Vietnamese alphabetical order (ocop_portal.collation): ICU `vi-x-icu` on PostgreSQL, the same
order from a Python collation on SQLite; "Đ…" right after "D…", not after "X"."""

import pytest
from django.db import connection
from django.urls import reverse

from cooperatives.models import Cooperative
from ocop_portal.collation import vi_order, vi_sort_key
from tests.factories import CooperativeFactory

NAMES = ["Xôi gấc", "Đậu phụ làng Mai", "Dê núi", "Ăn liền", "Bún khô", "Dưa lưới", "An toàn", "Ấm trà", "Ếch"]
VIETNAMESE_ORDER = [
    "An toàn",
    "Ăn liền",
    "Ấm trà",
    "Bún khô",
    "Dê núi",
    "Dưa lưới",
    "Đậu phụ làng Mai",
    "Ếch",
    "Xôi gấc",
]


def test_sort_key_follows_the_vietnamese_alphabet():
    assert sorted(NAMES, key=vi_sort_key) == VIETNAMESE_ORDER
    assert sorted(["á", "ạ", "a", "à", "ã", "ả"], key=vi_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]


@pytest.mark.django_db
def test_the_database_sorts_names_in_vietnamese_order():
    for name in NAMES:
        CooperativeFactory(name=name)

    assert list(Cooperative.objects.order_by(vi_order("name")).values_list("name", flat=True)) == VIETNAMESE_ORDER


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the ICU collation is PostgreSQL's")
def test_the_icu_collation_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'vi-x-icu'")
        assert cursor.fetchone() == ("i",)


@pytest.mark.django_db
def test_catalogue_name_sort_puts_d_stroke_after_d(client, make_certified):
    for name in NAMES:
        make_certified(name=name)

    response = client.get(reverse("showcase:catalogue"), {"sort": "name"})

    assert [p.name for p in response.context["products"]] == VIETNAMESE_ORDER


@pytest.mark.django_db
def test_producer_directory_is_in_vietnamese_order(client):
    for name in ["Đại Hoàng", "Xuân Thành", "Duy Tân", "Bình Minh"]:
        CooperativeFactory(name=name)

    response = client.get(reverse("showcase:producers"))

    assert [c.name for c in response.context["producers"]] == ["Bình Minh", "Duy Tân", "Đại Hoàng", "Xuân Thành"]
