"""Provinces and communes in the staff admin, and the commune picker of the producer form."""

import pytest
from django.urls import reverse

from places.models import Commune, Province

pytestmark = pytest.mark.django_db

COMMUNES = reverse("admin:places_commune_changelist")


def _result(response):
    return list(response.context["cl"].result_list)


def test_commune_search_without_diacritics_or_by_code(staff_client):
    by_name = staff_client.get(COMMUNES, {"q": "khanh trung"})
    by_code = staff_client.get(COMMUNES, {"q": "14608"})

    found = _result(by_name)
    assert found[0].code == 14608  # the portal province's first
    assert all("khanh" in c.search_text and "trung" in c.search_text for c in found)
    assert [c.code for c in _result(by_code)] == [14608]


def test_commune_changelist_lists_the_portal_province_first_and_counts_producers(staff_client):
    response = staff_client.get(COMMUNES)

    rows = _result(response)
    assert {c.province_id for c in rows[:50]} == {37}
    assert response.context["cl"].result_count == Commune.objects.count()


def _autocomplete(client, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cooperatives", "model_name": "cooperative", "field_name": "commune", "term": term},
    ).json()


def test_commune_autocomplete_of_the_producer_form_offers_the_portal_province(staff_client):
    empty = _autocomplete(staff_client)
    typed = _autocomplete(staff_client, "khanh")

    first_page = [int(r["id"]) for r in empty["results"]]
    assert set(Commune.objects.filter(code__in=first_page).values_list("province_id", flat=True)) == {37}
    assert empty["pagination"]["more"] is True
    names = [r["text"] for r in typed["results"]]
    assert "Xã Khánh Trung" in names
    provinces = list(
        Commune.objects.filter(code__in=[int(r["id"]) for r in typed["results"]]).values_list("code", "province_id")
    )
    province_order = [dict(provinces)[int(r["id"])] for r in typed["results"]]
    assert province_order == sorted(province_order, key=lambda code: code != 37)


def test_province_search_without_diacritics(staff_client):
    response = staff_client.get(reverse("admin:places_province_changelist"), {"q": "ninh binh"})

    assert [p.code for p in _result(response)] == [37]
    assert _result(response)[0].commune_total == 129


def test_commune_change_as_staff_saves(staff_client):
    url = reverse("admin:places_commune_change", args=[14608])

    response = staff_client.post(
        url, {"code": "14608", "name": "Xã Khánh Trung", "division_type": "xã", "province": "37"}
    )

    assert response.status_code == 302
    assert Commune.objects.get(code=14608).division_type == "xã"


def test_province_add_with_an_existing_code_shows_the_error_and_saves_nothing(staff_client):
    response = staff_client.post(
        reverse("admin:places_province_add"), {"code": "37", "name": "Tỉnh trùng", "division_type": "tỉnh"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]
    assert Province.objects.get(code=37).name != "Tỉnh trùng"
