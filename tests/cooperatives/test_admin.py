"""The producers' pages of the staff admin, used as an Alliance staff member (not a superuser)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cooperatives.models import Cooperative
from places.models import Commune
from tests.factories import CooperativeFactory, ProductFactory
from tests.factories.registry import admin_post_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cooperatives_cooperative_changelist")
ADD = reverse("admin:cooperatives_cooperative_add")


def _names(response) -> list[str]:
    return [cooperative.name for cooperative in response.context["cl"].result_list]


def test_cooperative_changelist_when_anonymous_redirects_to_login(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_cooperative_changelist_shows_type_commune_with_former_district_and_status(staff_client):
    cooperative = CooperativeFactory(
        name="HTX Sinh Dược", registration_number="2700123456", former_district="huyện Yên Khánh"
    )
    ProductFactory.create_batch(2, cooperative=cooperative)

    response = staff_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "HTX Sinh Dược" in html and "MST 2700123456" in html
    assert "Hợp tác xã (HTX)" in html
    assert "Xã Khánh Trung" in html and "trước 2025: huyện Yên Khánh" in html
    assert '<span class="registry-badge registry-badge--ok">Đang hoạt động</span>' in html
    assert response.context["cl"].result_list[0].product_total == 2
    assert "Xuất Excel" in html and "Nhập từ Excel" in html


def test_cooperative_search_without_diacritics_finds_dai_hoang(staff_client):
    CooperativeFactory(name="HTX Đại Hoàng")
    CooperativeFactory(name="HTX Khánh Nhạc")

    response = staff_client.get(CHANGELIST, {"q": "dai hoang"})

    assert _names(response) == ["HTX Đại Hoàng"]


def test_cooperative_search_by_former_district_or_registration_number(staff_client):
    CooperativeFactory(name="HTX A", former_district="huyện Yên Mô", registration_number="2700999999")
    CooperativeFactory(name="HTX B", former_district="huyện Kim Sơn")

    assert _names(staff_client.get(CHANGELIST, {"q": "yen mo"})) == ["HTX A"]
    assert _names(staff_client.get(CHANGELIST, {"q": "2700999999"})) == ["HTX A"]


def test_cooperative_commune_filter_offers_only_communes_in_use_and_searches_them_folded(staff_client):
    CooperativeFactory(name="HTX Khánh Trung")  # 14608
    CooperativeFactory(name="HTX Gia Vân", commune=Commune.objects.get(code=14488))

    listed = staff_client.get(CHANGELIST)
    searched = staff_client.get(CHANGELIST, {"commune_q": "gia van"})
    chosen = staff_client.get(CHANGELIST, {"commune": "14608"})

    commune_filter = next(
        spec for spec in listed.context["cl"].filter_specs if getattr(spec, "parameter_name", "") == "commune"
    )
    assert [name for _code, name in commune_filter.lookup_choices] == ["Xã Gia Vân", "Xã Khánh Trung"]
    assert _names(searched) == ["HTX Gia Vân"]
    assert _names(chosen) == ["HTX Khánh Trung"]
    assert 'name="commune_q"' in listed.content.decode()


def test_cooperative_filters_by_type_status_and_year(staff_client):
    CooperativeFactory(name="HTX 2019", ocop_joined_year=2019)
    CooperativeFactory(name="Tổ hợp tác 2020", kind=Cooperative.Kind.GROUP, ocop_joined_year=2020)
    CooperativeFactory(name="HTX giải thể", status=Cooperative.Status.DISSOLVED)

    assert _names(staff_client.get(CHANGELIST, {"kind__exact": "to_hop_tac"})) == ["Tổ hợp tác 2020"]
    assert _names(staff_client.get(CHANGELIST, {"status__exact": "dissolved"})) == ["HTX giải thể"]
    assert _names(staff_client.get(CHANGELIST, {"ocop_joined_year": "2019"})) == ["HTX 2019"]


def test_cooperative_add_as_staff_saves_the_producer_with_a_slug_from_the_name(staff_client, staff_user):
    page = staff_client.get(ADD)
    data = admin_post_data(
        page,
        name="HTX Nông nghiệp Đại Hoàng",
        kind="htx",
        registration_number="2700 123 456",
        commune="14608",
        founded_on="15/03/2018",
        phone="0912 345 678",
        former_district="huyện Lý Nhân",
    )

    response = staff_client.post(ADD, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    cooperative = Cooperative.objects.get()
    assert (cooperative.slug, cooperative.registration_number, cooperative.commune_id) == (
        "htx-nong-nghiep-dai-hoang",
        "2700123456",
        14608,
    )
    assert cooperative.founded_on.isoformat() == "2018-03-15"
    assert cooperative.history.get().history_user == staff_user


def test_cooperative_add_with_bad_registration_number_and_phone_shows_messages_and_saves_nothing(staff_client):
    CooperativeFactory(registration_number="2700123456")
    page = staff_client.get(ADD)
    data = admin_post_data(page, name="HTX Mới", registration_number="12345", phone="12345", founded_on="31/02/2020")

    response = staff_client.post(ADD, data)
    duplicate = staff_client.post(ADD, admin_post_data(page, name="HTX Trùng", registration_number="2700123456"))

    errors = response.context["adminform"].form.errors
    assert "Nhập mã số đăng ký / mã số thuế gồm 10 chữ số" in errors["registration_number"][0]
    assert errors["phone"] == ["Nhập số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc 0229 3871 234."]
    assert "founded_on" in errors
    assert "Mã số đăng ký này đã thuộc về một chủ thể khác." in duplicate.content.decode()
    assert Cooperative.objects.count() == 1


def test_cooperative_change_as_staff_saves_and_the_history_shows_who_changed_what(staff_client, staff_user):
    cooperative = CooperativeFactory(name="HTX Cũ", phone="0912345678", kind=Cooperative.Kind.COOPERATIVE)
    url = reverse("admin:cooperatives_cooperative_change", args=[cooperative.pk])
    page = staff_client.get(url)

    response = staff_client.post(url, admin_post_data(page, phone="0987654321", kind="to_hop_tac"))
    history = staff_client.get(reverse("admin:cooperatives_cooperative_history", args=[cooperative.pk]))

    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert (cooperative.phone, cooperative.kind) == ("0987654321", Cooperative.Kind.GROUP)
    html = history.content.decode()
    assert staff_user.email in html
    assert "<strong>Điện thoại:</strong> <del>0912345678</del> → <ins>0987654321</ins>" in html
    assert "<del>Hợp tác xã (HTX)</del> → <ins>Tổ hợp tác (THT)</ins>" in html


def _changelist_queries(client, expected_rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == expected_rows
    return len(queries)


def test_cooperative_changelist_query_count_does_not_grow_with_rows(staff_client):
    for _ in range(3):
        ProductFactory(cooperative=CooperativeFactory(former_district="huyện Yên Khánh"))
    three = _changelist_queries(staff_client, 3)
    for _ in range(27):
        ProductFactory(cooperative=CooperativeFactory(former_district="huyện Yên Khánh"))

    assert _changelist_queries(staff_client, 30) == three


def test_cooperative_renamed_in_the_admin_makes_its_products_findable_by_the_new_name(staff_client):
    from products.models import Product

    cooperative = CooperativeFactory(name="HTX Cũ")
    product = ProductFactory(cooperative=cooperative, name="Nếp cái hoa vàng")
    url = reverse("admin:cooperatives_cooperative_change", args=[cooperative.pk])

    response = staff_client.post(url, admin_post_data(staff_client.get(url), name="HTX Đại Hoàng"))

    assert response.status_code == 302
    assert list(Product.objects.search("dai hoang")) == [product]
    assert list(Product.objects.search("htx cu")) == []
