"""The demo producers (cooperatives/demo_data.py, cooperatives/demo.py): the seed plan's
producers, their communes after the 2025 reform, re-checked against the address converter."""

import pytest
from vietnamadminunits import convert_address

from cooperatives.demo import cooperatives_demo_load
from cooperatives.demo_data import CONVERTER_CODE_TO_PORTAL_CODE, PRODUCERS, PRODUCERS_BY_SLUG
from cooperatives.models import Cooperative
from places.models import Commune

# Every producer the plan's section III.3 names by name (the demo adds stand-ins for the places
# it names without a producer).
PLAN_NAMED_PRODUCERS = [
    "HTX sản xuất và tiêu thụ sản phẩm nông sản an toàn xã Khánh Thành",
    "HTX Dịch vụ, Thương mại và sản xuất nông sản an toàn Đại Hoàng",
    "HTX sản xuất rau an toàn Liên Dương",
    "HTX nông nghiệp Mai Sơn",
    "HTX nông sản an toàn Tam Điệp",
    "HTX thương mại và dịch vụ nông sản sạch VISA",
    "Công ty Cổ phần chế biến nông sản Việt Xanh",
    "HTX nông nghiệp Liên Dương",
    "HTX nông nghiệp Hoa Tiên",
    "HTX bưởi da xanh Đông Sơn",
    "THT Gọng Vó",
    "HTX nông nghiệp Đồng Phong",
    "HTX thủy sản Tân Tiến",
    "HTX cây con đặc sản Yên Hòa",
    "HTX chăn nuôi dê Ninh Bình",
    "HTX Sinh Dược",
    "HTX Dược liệu Yên Sơn",
    "HTX nấm, dược liệu Khánh Công",
    "Doanh nghiệp nấm Hương Nam",
    "Hợp tác xã Thương mại - Dịch vụ - Dược liệu Khánh Thủy",
    "HTX nấm Nhật Minh",
    "HTX Dược liệu Chính Tâm",
    "HTX Dược liệu Thận Thành Phát",
    "HTX chiếu cói xuất khẩu Đại Đồng",
    "HTX sản xuất thủ công mỹ nghệ Minh Châu",
    "HTX gốm Bồ Bát",
    "HTX gốm Gia Thủy",
    "Gốm Hùng Sơn",
    "HTX Du lịch Trường Yên",
    "Doanh nghiệp Vạn Bảo Ngọc",
    "HTX Dịch vụ du lịch Sao Sa",
    "THT Du lịch cộng đồng Gia Vân",
    "HTX Dịch vụ du lịch cộng đồng Tràng An",
]


@pytest.mark.parametrize("producer", PRODUCERS, ids=lambda p: p.slug)
def test_demo_producer_commune_code_matches_convert_address_when_rechecked(producer):
    # Act
    unit = convert_address(producer.lookup)

    # Assert: the stored code and name are what the converter gives for the old address today.
    code = int(unit.ward_code)
    assert unit.province_code == "37"
    assert CONVERTER_CODE_TO_PORTAL_CODE.get(code, code) == producer.commune_code
    assert unit.ward == producer.commune_name


@pytest.mark.parametrize("producer", PRODUCERS, ids=lambda p: p.slug)
def test_demo_producer_old_address_names_the_converted_commune_and_district(producer):
    # The lookup handed to the converter is the same place as the old address people read.
    old_commune, old_district, province = (part.strip() for part in producer.lookup.split(","))

    assert province == "Ninh Bình"
    assert old_commune in producer.former_address
    assert producer.former_address.endswith(producer.former_district)
    assert old_district in producer.former_district


def test_converter_code_aliases_are_still_needed_and_name_the_same_unit(db):
    for converter_code, portal_code in CONVERTER_CODE_TO_PORTAL_CODE.items():
        assert not Commune.objects.filter(code=converter_code, province_id=37).exists()
        portal = Commune.objects.get(code=portal_code)
        users = [p for p in PRODUCERS if p.commune_code == portal_code]
        assert users, "an alias no demo producer uses should be removed"
        assert all(convert_address(p.lookup).ward == portal.name for p in users)


def test_demo_producer_communes_exist_in_the_portal_province(db):
    communes = Commune.objects.in_bulk([p.commune_code for p in PRODUCERS])

    for producer in PRODUCERS:
        commune = communes[producer.commune_code]
        assert commune.province_id == 37
        assert commune.name == producer.commune_name


def test_demo_producers_have_unique_keys_and_known_kinds():
    assert len(PRODUCERS_BY_SLUG) == len(PRODUCERS)
    assert len({p.number for p in PRODUCERS}) == len(PRODUCERS)
    assert len({p.registration_number for p in PRODUCERS}) == len(PRODUCERS)
    assert {p.kind for p in PRODUCERS} <= set(Cooperative.Kind.values)


def test_demo_producers_include_every_producer_the_plan_names():
    names = {p.name for p in PRODUCERS}

    assert [name for name in PLAN_NAMED_PRODUCERS if name not in names] == []


def test_cooperatives_demo_load_creates_every_producer_with_commune_and_old_address(db):
    # Act
    created = cooperatives_demo_load()

    # Assert
    assert len(created) == len(PRODUCERS)
    for cooperative in Cooperative.objects.select_related("commune"):
        data = PRODUCERS_BY_SLUG[cooperative.slug]
        assert cooperative.commune.code == data.commune_code
        assert cooperative.commune.province_id == 37
        assert cooperative.former_district == data.former_district != ""
        assert cooperative.former_address == data.former_address != ""
        assert cooperative.phone.startswith("0900 000 ")
        assert cooperative.email.endswith("@demo.ocop.vn")
        assert cooperative.registration_number.startswith("99")
        assert cooperative.status == Cooperative.Status.ACTIVE


KINDS = {
    "htx-sinh-duoc": Cooperative.Kind.COOPERATIVE,
    "tht-gong-vo": Cooperative.Kind.GROUP,
    "tht-du-lich-cong-dong-gia-van": Cooperative.Kind.GROUP,
    "cong-ty-cp-che-bien-nong-san-viet-xanh": Cooperative.Kind.ENTERPRISE,
    "doanh-nghiep-nam-huong-nam": Cooperative.Kind.ENTERPRISE,
    "doanh-nghiep-van-bao-ngoc": Cooperative.Kind.ENTERPRISE,
    "gom-hung-son": Cooperative.Kind.HOUSEHOLD,
}
PLACES = {
    "htx-nong-san-an-toan-khanh-thanh": (14608, "xã Khánh Thành, huyện Yên Khánh"),
    "htx-sinh-duoc": (14533, "xã Gia Sinh, huyện Gia Viễn"),
    "htx-gom-bo-bat": (14746, "thôn Bạch Liên, xã Yên Thành, huyện Yên Mô"),
    "htx-chan-nuoi-de-ninh-binh": (14533, "xã Ninh Giang, huyện Hoa Lư"),
    "tht-du-lich-cong-dong-gia-van": (14488, "xã Gia Vân, huyện Gia Viễn"),
}


def test_cooperatives_demo_load_gives_key_producers_their_type_and_place(db):
    cooperatives_demo_load()

    kinds = dict(Cooperative.objects.filter(slug__in=KINDS).values_list("slug", "kind"))
    places = {
        slug: (commune, address)
        for slug, commune, address in Cooperative.objects.filter(slug__in=PLACES).values_list(
            "slug", "commune_id", "former_address"
        )
    }
    assert kinds == KINDS
    assert places == PLACES


def test_cooperatives_demo_load_marks_stand_in_producers_as_demo(db):
    cooperatives_demo_load()

    stand_ins = Cooperative.objects.filter(slug__in=[p.slug for p in PRODUCERS if p.demo_named])
    assert stand_ins.count() >= 10
    assert all("dữ liệu demo" in cooperative.description for cooperative in stand_ins)


def test_cooperatives_demo_load_leaves_existing_producers_alone_when_rerun(db):
    # Arrange: staff corrected a phone number after the first load.
    cooperatives_demo_load()
    Cooperative.objects.filter(slug="htx-sinh-duoc").update(phone="0912 345 678")

    # Act
    created = cooperatives_demo_load()

    # Assert
    assert created == []
    assert Cooperative.objects.count() == len(PRODUCERS)
    assert Cooperative.objects.get(slug="htx-sinh-duoc").phone == "0912 345 678"


def test_cooperatives_demo_load_finds_producers_without_diacritics(db):
    cooperatives_demo_load()

    assert list(Cooperative.objects.search("sinh duoc").values_list("slug", flat=True)) == ["htx-sinh-duoc"]
    assert "htx-nong-san-an-toan-dai-hoang" in Cooperative.objects.search("dai hoang").values_list("slug", flat=True)
