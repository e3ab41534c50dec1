"""The producers named in section III.3 of the seed plan (Kế hoạch OCOP của Liên minh HTX tỉnh
Ninh Bình 2019–2020), as demo data for `manage.py load_demo`.

Addresses. The plan writes pre-2025 places ("Khánh Thành (Yên Khánh)"). Each producer keeps that
old-style address (`former_address`, `former_district`) and the commune-level unit that replaced
it on 1 July 2025 (`commune_code`, an official code of `places.Commune`). The codes were resolved
once, when this file was written, with `vietnamadminunits.convert_address(lookup)`; the test
`tests/cooperatives/test_demo_data.py` converts every `lookup` again so the data cannot drift.

Where the plan is not precise, these rules chose the old commune (each use is commented):
  R1  the plan names the commune: that commune.
  R2  "X, Y" where X is not a commune of the district and Y is (e.g. "Hoa Tiên, Gia Hưng",
      "Tân Tiến, Như Hòa"): X is a village or the producer's own name, Y its commune.
  R3  a village the plan names is placed in its known commune (Bồ Bát = thôn Bạch Liên,
      xã Yên Thành; the Tràng An boat wharf is in xã Trường Yên).
  R4  only a district or city is named: the district seat (thị trấn Me, Yên Thịnh, Yên Ninh,
      Phát Diệm; phường Bắc Sơn for Tam Điệp; phường Đông Thành for the city of Ninh Bình).
  R5  no place at all: the provincial capital's centre (phường Đông Thành, TP Ninh Bình), and
      the description says the address is a placeholder.
Where the plan names places rather than producers (aquaculture in Gia Hòa, Gia Lập…; chickens
of Gia Sơn, Xích Thổ; the products of Khánh Nhạc, Khánh Trung, Văn Phú), a sensibly named demo
producer stands in, flagged `demo_named` and said so in its description.

Made-up values are recognisably demo: phone 0900 000 0NN, email <key>@demo.ocop.vn and
registration number 99000000NN (no tax office issues numbers starting with 99).
"""

from dataclasses import dataclass

HTX = "htx"
THT = "to_hop_tac"
ENTERPRISE = "doanh_nghiep"
HOUSEHOLD = "ho_kinh_doanh"

DEMO_NAMED_NOTE = (
    "Chủ thể minh họa (dữ liệu demo): Kế hoạch OCOP 2019–2020 chỉ nêu địa danh «{place}», "
    "tên chủ thể do bộ dữ liệu mẫu đặt."
)
ASSUMED_ADDRESS_NOTE = "Địa chỉ minh họa: kế hoạch chỉ ghi «{written}», chưa có địa chỉ cụ thể."

# vietnamadminunits 1.0.4 and vietnam-provinces 2025.10.1 (which loaded places.Commune) give
# different codes to one unit: Xã Khánh Hội (Yên Khánh's Khánh Mậu + Khánh Hội + Khánh Thủy) is
# 14614 in the former and 14599 in the latter. The portal's codes come from vietnam-provinces;
# the test maps the converter's code through this table and checks the name too.
CONVERTER_CODE_TO_PORTAL_CODE = {14614: 14599}


@dataclass(frozen=True)
class DemoProducer:
    number: int  # stable, drives the demo phone / email / registration number
    slug: str
    name: str
    kind: str
    plan_section: str  # where the seed plan names it
    lookup: str  # the old address as given to vietnamadminunits.convert_address
    former_address: str
    former_district: str
    commune_code: int  # after the 2025 reform (places.Commune)
    commune_name: str  # for the reader; the test checks it
    description: str
    street_address: str = ""
    members_count: int | None = None
    demo_named: bool = False

    @property
    def phone(self) -> str:
        return f"0900 000 {self.number:03d}"

    @property
    def email(self) -> str:
        return f"{self.slug}@demo.ocop.vn"

    @property
    def registration_number(self) -> str:
        return f"99000000{self.number:02d}"


PRODUCERS: list[DemoProducer] = [
    # --- 3.1 Food: safe vegetables ------------------------------------------------------------
    DemoProducer(
        number=1,
        slug="htx-nong-san-an-toan-khanh-thanh",
        name="HTX sản xuất và tiêu thụ sản phẩm nông sản an toàn xã Khánh Thành",
        kind=HTX,
        plan_section="3.1 rau an toàn",
        lookup="Khánh Thành, Yên Khánh, Ninh Bình",  # R1
        former_address="xã Khánh Thành, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14608,
        commune_name="Xã Khánh Trung",
        members_count=86,
        description=(
            "Hợp tác xã trồng và tiêu thụ rau an toàn trên cánh đồng ven sông Đáy, cung cấp rau ăn lá, "
            "củ quả theo mùa cho bếp ăn trường học và chợ đầu mối trong tỉnh."
        ),
    ),
    DemoProducer(
        number=2,
        slug="htx-nong-san-an-toan-dai-hoang",
        name="HTX Dịch vụ, Thương mại và sản xuất nông sản an toàn Đại Hoàng",
        kind=HTX,
        plan_section="3.1 rau an toàn",
        # R3: "Đại Hoàng" is the old name of the area of Gia Tiến, Gia Phương and Gia Trung, which
        # together became Xã Đại Hoàng in 2025; the new commune is certain whichever of the three
        # it was. Gia Tiến (later merged into Tiến Thắng) is the best guess for the old one.
        lookup="Gia Tiến, Gia Viễn, Ninh Bình",
        former_address="xã Gia Tiến, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14500,
        commune_name="Xã Đại Hoàng",
        members_count=54,
        description=(
            "Hợp tác xã dịch vụ, thương mại và sản xuất rau củ an toàn vùng Đại Hoàng; liên kết với "
            "các hộ thành viên theo chuỗi từ sản xuất đến tiêu thụ."
        ),
    ),
    DemoProducer(
        number=3,
        slug="htx-rau-an-toan-lien-duong",
        name="HTX sản xuất rau an toàn Liên Dương",
        kind=HTX,
        plan_section="3.1 rau an toàn",
        # The plan gives only "(Yên Mô)". R2-like guess: "Dương" points to Khánh Dương; the district
        # seat Yên Thịnh (R4) lies in the same new commune, Xã Yên Mô, so the commune is the same.
        lookup="Khánh Dương, Yên Mô, Ninh Bình",
        former_address="xã Khánh Dương, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14701,
        commune_name="Xã Yên Mô",
        members_count=32,
        description=(
            "Hợp tác xã chuyên sản xuất rau an toàn trong nhà lưới và ngoài đồng. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Yên Mô")
        ),
    ),
    DemoProducer(
        number=4,
        slug="htx-nong-nghiep-mai-son",
        name="HTX nông nghiệp Mai Sơn",
        kind=HTX,
        plan_section="3.1 rau an toàn",
        lookup="Mai Sơn, Yên Mô, Ninh Bình",  # R1 (Mai Sơn was later merged into Khánh Thượng)
        former_address="xã Mai Sơn, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14725,
        commune_name="Phường Yên Thắng",
        members_count=410,
        description=(
            "Hợp tác xã dịch vụ nông nghiệp: cung ứng giống, thủy lợi và bao tiêu rau an toàn cho "
            "xã viên vùng bán sơn địa Mai Sơn."
        ),
    ),
    DemoProducer(
        number=5,
        slug="htx-nong-san-an-toan-tam-diep",
        name="HTX nông sản an toàn Tam Điệp",
        kind=HTX,
        plan_section="3.1 rau an toàn, gà, thịt dê",
        # The plan names its "gà đồi Đông Sơn": R3, xã Đông Sơn of the city of Tam Điệp.
        lookup="Đông Sơn, Tam Điệp, Ninh Bình",
        former_address="xã Đông Sơn, thành phố Tam Điệp",
        former_district="thành phố Tam Điệp",
        commune_code=14365,
        commune_name="Phường Trung Sơn",
        members_count=45,
        description=(
            "Hợp tác xã nông sản an toàn trên vùng đồi Tam Điệp: rau an toàn, gà đồi thả vườn và dê "
            "núi nuôi theo hướng an toàn sinh học."
        ),
    ),
    DemoProducer(
        number=6,
        slug="htx-nong-san-sach-visa",
        name="HTX thương mại và dịch vụ nông sản sạch VISA",
        kind=HTX,
        plan_section="3.1 rau an toàn",
        lookup="Đông Thành, Ninh Bình, Ninh Bình",  # R5: the plan names no place
        former_address="phường Đông Thành, thành phố Ninh Bình",
        former_district="thành phố Ninh Bình",
        commune_code=14329,
        commune_name="Phường Hoa Lư",
        members_count=9,
        description=(
            "Hợp tác xã thương mại, dịch vụ thu mua và phân phối rau củ quả sạch của các hợp tác xã "
            "trong tỉnh tới cửa hàng và bếp ăn tập thể. "
            + ASSUMED_ADDRESS_NOTE.format(written="HTX thương mại và dịch vụ nông sản sạch VISA")
        ),
    ),
    DemoProducer(
        number=7,
        slug="cong-ty-cp-che-bien-nong-san-viet-xanh",  # the plan writes "nông sản sản" (a typo)
        name="Công ty Cổ phần chế biến nông sản Việt Xanh",
        kind=ENTERPRISE,
        plan_section="3.1 rau an toàn",
        lookup="Đông Thành, Ninh Bình, Ninh Bình",  # R5: the plan names no place
        former_address="phường Đông Thành, thành phố Ninh Bình",
        former_district="thành phố Ninh Bình",
        commune_code=14329,
        commune_name="Phường Hoa Lư",
        description=(
            "Doanh nghiệp sơ chế và chế biến rau củ của các hợp tác xã thành viên thành sản phẩm đóng "
            "gói, dưa muối và rau củ sấy. "
            + ASSUMED_ADDRESS_NOTE.format(written="Công ty Cổ phần chế biến nông sản Việt Xanh")
        ),
    ),
    # --- 3.1 Food: rice toward organic ---------------------------------------------------------
    DemoProducer(
        number=8,
        slug="htx-dich-vu-nong-nghiep-khanh-nhac",
        name="HTX dịch vụ nông nghiệp Khánh Nhạc",
        kind=HTX,
        plan_section="3.1 lúa gạo (Nếp nhung lùn Khánh Nhạc)",
        lookup="Khánh Nhạc, Yên Khánh, Ninh Bình",  # R1
        former_address="xã Khánh Nhạc, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14611,
        commune_name="Xã Khánh Nhạc",
        members_count=1200,
        demo_named=True,
        description=(
            "Hợp tác xã dịch vụ nông nghiệp tổ chức vùng sản xuất nếp nhung lùn theo hướng hữu cơ. "
            + DEMO_NAMED_NOTE.format(place="Nếp nhung lùn Khánh Nhạc")
        ),
    ),
    DemoProducer(
        number=9,
        slug="htx-dich-vu-nong-nghiep-khanh-trung",
        name="HTX dịch vụ nông nghiệp Khánh Trung",
        kind=HTX,
        plan_section="3.1 lúa gạo (Gạo sạch cao cấp Japonica Khánh Trung)",
        lookup="Khánh Trung, Yên Khánh, Ninh Bình",  # R1
        former_address="xã Khánh Trung, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14608,
        commune_name="Xã Khánh Trung",
        members_count=950,
        demo_named=True,
        description=(
            "Hợp tác xã liên kết với doanh nghiệp sản xuất lúa Japonica theo quy trình sạch, bao tiêu "
            "toàn bộ sản lượng. " + DEMO_NAMED_NOTE.format(place="Gạo sạch cao cấp Japonica Khánh Trung")
        ),
    ),
    DemoProducer(
        number=10,
        slug="htx-nong-nghiep-lien-duong",
        name="HTX nông nghiệp Liên Dương",
        kind=HTX,
        plan_section="3.1 lúa gạo",
        # Named again under rice as "HTXNN Liên Dương (huyện Yên Mô)"; kept apart from the
        # vegetable cooperative above because the plan gives two names. Same rule as number 3.
        lookup="Khánh Dương, Yên Mô, Ninh Bình",
        former_address="xã Khánh Dương, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14701,
        commune_name="Xã Yên Mô",
        members_count=620,
        description=(
            "Hợp tác xã dịch vụ nông nghiệp, chuyển đổi cánh đồng lúa sang canh tác theo hướng hữu cơ. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Yên Mô")
        ),
    ),
    DemoProducer(
        number=11,
        slug="htx-nong-nghiep-hoa-tien",
        name="HTX nông nghiệp Hoa Tiên",
        kind=HTX,
        plan_section="3.1 lúa gạo",
        lookup="Gia Hưng, Gia Viễn, Ninh Bình",  # R2: "Hoa Tiên, Gia Hưng (huyện Gia Viễn)"
        former_address="thôn Hoa Tiên, xã Gia Hưng, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14482,
        commune_name="Xã Gia Hưng",
        street_address="Thôn Hoa Tiên",
        members_count=530,
        description=(
            "Hợp tác xã nông nghiệp thôn Hoa Tiên, sản xuất lúa gạo theo hướng hữu cơ trên vùng trũng "
            "ven sông Hoàng Long."
        ),
    ),
    DemoProducer(
        number=12,
        slug="htx-nong-nghiep-van-phu",
        name="HTX nông nghiệp Văn Phú",
        kind=HTX,
        plan_section="3.1 lúa gạo (Nếp cau Văn Phú)",
        lookup="Văn Phú, Nho Quan, Ninh Bình",  # R1
        former_address="xã Văn Phú, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14434,
        commune_name="Xã Thanh Sơn",
        members_count=380,
        demo_named=True,
        description=(
            "Hợp tác xã giữ giống và tổ chức sản xuất nếp cau trên chân ruộng vùng bán sơn địa. "
            + DEMO_NAMED_NOTE.format(place="Nếp cau (Văn Phú, Nho Quan)")
        ),
    ),
    # --- 3.1 Food: fruit ------------------------------------------------------------------------
    DemoProducer(
        number=13,
        slug="htx-buoi-da-xanh-dong-son",
        name="HTX bưởi da xanh Đông Sơn",
        kind=HTX,
        plan_section="3.1 hoa quả",
        lookup="Đông Sơn, Tam Điệp, Ninh Bình",  # R1
        former_address="xã Đông Sơn, thành phố Tam Điệp",
        former_district="thành phố Tam Điệp",
        commune_code=14365,
        commune_name="Phường Trung Sơn",
        members_count=38,
        description=(
            "Hợp tác xã trồng bưởi da xanh trên đất đồi Đông Sơn, chăm sóc theo quy trình VietGAP và "
            "tiêu thụ qua siêu thị, cửa hàng đặc sản."
        ),
    ),
    DemoProducer(
        number=14,
        slug="tht-gong-vo",
        name="THT Gọng Vó",
        kind=THT,
        plan_section="3.1 hoa quả (cam, na)",
        lookup="Me, Gia Viễn, Ninh Bình",  # R4: only "(Gia Viễn)": thị trấn Me, the district seat
        former_address="thị trấn Me, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14464,
        commune_name="Xã Gia Viễn",
        members_count=12,
        description=(
            "Tổ hợp tác các hộ trồng cam, na trên sườn đồi đá vôi, cùng thu hái và bán chung. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Gia Viễn")
        ),
    ),
    DemoProducer(
        number=15,
        slug="htx-nong-nghiep-dong-phong",
        name="HTX nông nghiệp Đồng Phong",
        kind=HTX,
        plan_section="3.1 hoa quả",
        lookup="Đồng Phong, Nho Quan, Ninh Bình",  # R1: Đồng Phong is a commune of Nho Quan
        former_address="xã Đồng Phong, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14428,
        commune_name="Xã Nho Quan",
        members_count=460,
        description=(
            "Hợp tác xã dịch vụ nông nghiệp phát triển vùng cây ăn quả trên đất chuyển đổi từ lúa kém hiệu quả."
        ),
    ),
    # --- 3.1 Food: aquaculture (places named, not producers) -------------------------------------
    DemoProducer(
        number=16,
        slug="htx-nuoi-trong-thuy-san-gia-hoa",
        name="HTX nuôi trồng thủy sản Gia Hòa",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Gia Hòa, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Hòa, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14464,
        commune_name="Xã Gia Viễn",
        members_count=25,
        demo_named=True,
        description=("Nuôi cá nước ngọt trên vùng chiêm trũng chuyển đổi. " + DEMO_NAMED_NOTE.format(place="Gia Hòa")),
    ),
    DemoProducer(
        number=17,
        slug="htx-nuoi-trong-thuy-san-gia-lap",
        name="HTX nuôi trồng thủy sản Gia Lập",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Gia Lập, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Lập, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14488,
        commune_name="Xã Gia Vân",
        members_count=18,
        demo_named=True,
        description=("Nuôi tôm càng xanh xen lúa trên ruộng trũng. " + DEMO_NAMED_NOTE.format(place="Gia Lập")),
    ),
    DemoProducer(
        number=18,
        slug="htx-nuoi-trong-thuy-san-gia-trung",
        name="HTX nuôi trồng thủy sản Gia Trung",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Gia Trung, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Trung, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14500,
        commune_name="Xã Đại Hoàng",
        members_count=21,
        demo_named=True,
        description=(
            "Nuôi cá chép, cá trắm theo hướng an toàn trong ao đầm vùng trũng. "
            + DEMO_NAMED_NOTE.format(place="Gia Trung")
        ),
    ),
    DemoProducer(
        number=19,
        slug="htx-nuoi-trong-thuy-san-gia-tan",
        name="HTX nuôi trồng thủy sản Gia Tân",
        kind=HTX,
        plan_section="3.1 thủy sản",
        # R1. Gia Tân was split in 2025 (part to Phường Tây Hoa Lư); the converter's default,
        # Xã Gia Vân, holds most of it.
        lookup="Gia Tân, Gia Viễn, Ninh Bình",
        former_address="xã Gia Tân, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14488,
        commune_name="Xã Gia Vân",
        members_count=16,
        demo_named=True,
        description=("Nuôi cá rô phi đơn tính và cá đồng trong ao ruộng. " + DEMO_NAMED_NOTE.format(place="Gia Tân")),
    ),
    DemoProducer(
        number=20,
        slug="htx-nuoi-trong-thuy-san-gia-xuan",
        name="HTX nuôi trồng thủy sản Gia Xuân",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Gia Xuân, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Xuân, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14494,
        commune_name="Xã Gia Trấn",
        members_count=14,
        demo_named=True,
        description=("Nuôi cá trắm đen trong ao sâu. " + DEMO_NAMED_NOTE.format(place="Gia Xuân")),
    ),
    DemoProducer(
        number=21,
        slug="htx-thuy-san-tan-tien",
        name="HTX thủy sản Tân Tiến",
        kind=HTX,
        plan_section="3.1 thủy sản",
        # R2: "Tân Tiến, Như Hòa (huyện Kim Sơn)": Kim Sơn has no commune Tân Tiến, so it is read
        # as the producer's name, in xã Như Hòa.
        lookup="Như Hòa, Kim Sơn, Ninh Bình",
        former_address="xã Như Hòa, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14647,
        commune_name="Xã Quang Thiện",
        members_count=27,
        description="Nuôi tôm, cá nước lợ trong đầm ven sông Đáy, theo mô hình nuôi ghép tiết kiệm thức ăn.",
    ),
    DemoProducer(
        number=22,
        slug="htx-nuoi-trong-thuy-san-kim-dong",
        name="HTX nuôi trồng thủy sản Kim Đông",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Kim Đông, Kim Sơn, Ninh Bình",  # R1
        former_address="xã Kim Đông, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14698,
        commune_name="Xã Kim Đông",
        members_count=40,
        demo_named=True,
        description=(
            "Nuôi tôm thẻ chân trắng trong vùng bãi bồi ven biển. " + DEMO_NAMED_NOTE.format(place="Kim Đông")
        ),
    ),
    DemoProducer(
        number=23,
        slug="htx-nuoi-trong-thuy-san-kim-trung",
        name="HTX nuôi trồng thủy sản Kim Trung",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Kim Trung, Kim Sơn, Ninh Bình",  # R1
        former_address="xã Kim Trung, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14698,
        commune_name="Xã Kim Đông",
        members_count=33,
        demo_named=True,
        description=(
            "Nuôi cá vược, cá bớp nước lợ trong ao đầm ven biển. " + DEMO_NAMED_NOTE.format(place="Kim Trung")
        ),
    ),
    DemoProducer(
        number=24,
        slug="htx-nuoi-trong-thuy-san-con-thoi",
        name="HTX nuôi trồng thủy sản Cồn Thoi",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Cồn Thoi, Kim Sơn, Ninh Bình",  # R1
        former_address="xã Cồn Thoi, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14623,
        commune_name="Xã Bình Minh",
        members_count=29,
        demo_named=True,
        description=("Nuôi tôm rảo, cua và cá nước lợ. " + DEMO_NAMED_NOTE.format(place="Cồn Thoi")),
    ),
    DemoProducer(
        number=25,
        slug="htx-cay-con-dac-san-yen-hoa",
        name="HTX cây con đặc sản Yên Hòa",
        kind=HTX,
        plan_section="3.1 thủy sản",
        lookup="Yên Hòa, Yên Mô, Ninh Bình",  # R1
        former_address="xã Yên Hòa, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14701,
        commune_name="Xã Yên Mô",
        members_count=22,
        description="Hợp tác xã nuôi trạch sụn, ếch và các loài thủy đặc sản trong ao ruộng chuyển đổi.",
    ),
    # --- 3.1 Food: poultry and goats --------------------------------------------------------------
    DemoProducer(
        number=26,
        slug="htx-chan-nuoi-ga-gia-son",
        name="HTX chăn nuôi gà Gia Sơn",
        kind=HTX,
        plan_section="3.1 chăn nuôi (gà)",
        lookup="Gia Sơn, Nho Quan, Ninh Bình",  # R1
        former_address="xã Gia Sơn, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14389,
        commune_name="Xã Gia Lâm",
        members_count=19,
        demo_named=True,
        description=("Nuôi gà ri thả đồi dưới tán rừng keo. " + DEMO_NAMED_NOTE.format(place="Gà Gia Sơn (Nho Quan)")),
    ),
    DemoProducer(
        number=27,
        slug="htx-chan-nuoi-ga-xich-tho",
        name="HTX chăn nuôi gà Xích Thổ",
        kind=HTX,
        plan_section="3.1 chăn nuôi (gà)",
        lookup="Xích Thổ, Nho Quan, Ninh Bình",  # R1
        former_address="xã Xích Thổ, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14389,
        commune_name="Xã Gia Lâm",
        members_count=15,
        demo_named=True,
        description=("Nuôi gà thả vườn đồi. " + DEMO_NAMED_NOTE.format(place="Gà Xích Thổ (Nho Quan)")),
    ),
    DemoProducer(
        number=28,
        slug="htx-chan-nuoi-de-ninh-binh",
        name="HTX chăn nuôi dê Ninh Bình",
        kind=HTX,
        plan_section="3.1 thịt dê",
        lookup="Ninh Giang, Hoa Lư, Ninh Bình",  # R1 (xã Ninh Giang of huyện Hoa Lư in 2019)
        former_address="xã Ninh Giang, huyện Hoa Lư",
        former_district="huyện Hoa Lư",
        commune_code=14533,
        commune_name="Phường Tây Hoa Lư",
        members_count=24,
        description=(
            "Hợp tác xã chăn nuôi dê núi thả trên các dãy núi đá vôi, cung cấp thịt dê cho nhà hàng đặc sản cố đô."
        ),
    ),
    # --- 3.2 Herbal ---------------------------------------------------------------------------------
    DemoProducer(
        number=29,
        slug="htx-sinh-duoc",
        name="HTX Sinh Dược",
        kind=HTX,
        plan_section="3.2 thảo dược (muối ngâm chân, xà phòng dược liệu, tinh dầu)",
        lookup="Gia Sinh, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Sinh, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14533,
        commune_name="Phường Tây Hoa Lư",
        members_count=60,
        description=(
            "Hợp tác xã trồng và chế biến thảo dược: muối ngâm chân, xà phòng dược liệu, tinh dầu. "
            "Vùng trồng hương nhu, sả, bồ kết, mùi già canh tác không hóa chất."
        ),
    ),
    DemoProducer(
        number=30,
        slug="htx-duoc-lieu-yen-son",
        name="HTX Dược liệu Yên Sơn",
        kind=HTX,
        plan_section="3.2 thảo dược (tinh bột nghệ)",
        lookup="Yên Sơn, Tam Điệp, Ninh Bình",  # R1
        former_address="xã Yên Sơn, thành phố Tam Điệp",
        former_district="thành phố Tam Điệp",
        commune_code=14371,
        commune_name="Phường Yên Sơn",
        members_count=28,
        description="Hợp tác xã trồng nghệ vàng và chế biến tinh bột nghệ trên đất đồi Yên Sơn.",
    ),
    DemoProducer(
        number=31,
        slug="htx-duoc-lieu-dong-son",
        name="HTX Dược liệu Đông Sơn",
        kind=HTX,
        plan_section="3.2 thảo dược (tinh bột nghệ)",
        # "HTX Dược liệu Yên Sơn, Đông Sơn (Tam Điệp)": both are communes (not R2), so one
        # producer per place, as for "Gà Gia Sơn, Xích Thổ".
        lookup="Đông Sơn, Tam Điệp, Ninh Bình",
        former_address="xã Đông Sơn, thành phố Tam Điệp",
        former_district="thành phố Tam Điệp",
        commune_code=14365,
        commune_name="Phường Trung Sơn",
        members_count=17,
        demo_named=True,
        description=(
            "Trồng nghệ, sả và chế biến tinh bột nghệ. "
            + DEMO_NAMED_NOTE.format(place="HTX Dược liệu Yên Sơn, Đông Sơn (Tam Điệp)")
        ),
    ),
    DemoProducer(
        number=32,
        slug="htx-nam-duoc-lieu-khanh-cong",
        name="HTX nấm, dược liệu Khánh Công",
        kind=HTX,
        plan_section="3.2 thảo dược (trạch tả, nấm, đinh lăng)",
        # The plan writes "dược thiệu" (a typo for "dược liệu"). R1.
        lookup="Khánh Công, Yên Khánh, Ninh Bình",
        former_address="xã Khánh Công, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14608,
        commune_name="Xã Khánh Trung",
        members_count=20,
        description="Hợp tác xã trồng nấm và cây dược liệu trạch tả trên ruộng chuyển đổi.",
    ),
    DemoProducer(
        number=33,
        slug="doanh-nghiep-nam-huong-nam",
        name="Doanh nghiệp nấm Hương Nam",
        kind=ENTERPRISE,
        plan_section="3.2 thảo dược (nấm)",
        lookup="Yên Ninh, Yên Khánh, Ninh Bình",  # R4: only "(Yên Khánh)": thị trấn Yên Ninh
        former_address="thị trấn Yên Ninh, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14560,
        commune_name="Xã Yên Khánh",
        description=(
            "Doanh nghiệp sản xuất nấm sò, nấm linh chi và cung ứng phôi nấm cho hộ nông dân. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Yên Khánh")
        ),
    ),
    DemoProducer(
        number=34,
        slug="htx-tm-dv-duoc-lieu-khanh-thuy",
        name="Hợp tác xã Thương mại - Dịch vụ - Dược liệu Khánh Thủy",
        kind=HTX,
        plan_section="3.2 thảo dược (đinh lăng)",
        # R1. The converter answers 14614 for Xã Khánh Hội; the portal's code is 14599 (see
        # CONVERTER_CODE_TO_PORTAL_CODE).
        lookup="Khánh Thủy, Yên Khánh, Ninh Bình",
        former_address="xã Khánh Thủy, huyện Yên Khánh",
        former_district="huyện Yên Khánh",
        commune_code=14599,
        commune_name="Xã Khánh Hội",
        members_count=31,
        description="Hợp tác xã trồng đinh lăng lá nhỏ và chế biến trà dược liệu.",
    ),
    DemoProducer(
        number=35,
        slug="htx-nam-nhat-minh",
        name="HTX nấm Nhật Minh",
        kind=HTX,
        plan_section="3.2 thảo dược (nấm)",
        lookup="Yên Thịnh, Yên Mô, Ninh Bình",  # R4: only "(Yên Mô)": thị trấn Yên Thịnh
        former_address="thị trấn Yên Thịnh, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14701,
        commune_name="Xã Yên Mô",
        members_count=11,
        description=(
            "Hợp tác xã nuôi trồng nấm linh chi trong nhà xưởng kiểm soát nhiệt độ, độ ẩm. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Yên Mô")
        ),
    ),
    DemoProducer(
        number=36,
        slug="htx-duoc-lieu-chinh-tam",
        name="HTX Dược liệu Chính Tâm",
        kind=HTX,
        plan_section="3.2 thảo dược",
        lookup="Phát Diệm, Kim Sơn, Ninh Bình",  # R4: only "(Kim Sơn)": thị trấn Phát Diệm
        former_address="thị trấn Phát Diệm, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14620,
        commune_name="Xã Phát Diệm",
        members_count=14,
        description=(
            "Hợp tác xã trồng và sơ chế đinh lăng, trạch tả. " + ASSUMED_ADDRESS_NOTE.format(written="huyện Kim Sơn")
        ),
    ),
    DemoProducer(
        number=37,
        slug="htx-duoc-lieu-than-thanh-phat",
        name="HTX Dược liệu Thận Thành Phát",
        kind=HTX,
        plan_section="3.2 thảo dược",
        lookup="Bắc Sơn, Tam Điệp, Ninh Bình",  # R4: only "(TP Tam Điệp)": phường Bắc Sơn
        former_address="phường Bắc Sơn, thành phố Tam Điệp",
        former_district="thành phố Tam Điệp",
        commune_code=14362,
        commune_name="Phường Tam Điệp",
        members_count=9,
        description=(
            "Hợp tác xã thu mua, sơ chế dược liệu của các hộ trồng trên vùng đồi Tam Điệp. "
            + ASSUMED_ADDRESS_NOTE.format(written="thành phố Tam Điệp")
        ),
    ),
    # --- 3.3 Handicrafts ----------------------------------------------------------------------------
    DemoProducer(
        number=38,
        slug="htx-chieu-coi-xuat-khau-dai-dong",
        name="HTX chiếu cói xuất khẩu Đại Đồng",
        kind=HTX,
        plan_section="3.3 sản phẩm từ cói",
        # The plan closes the sedge line with "(Yên Lộc, Kim Sơn)"; it is read as covering both
        # sedge producers (Kim Sơn is the province's sedge district).
        lookup="Yên Lộc, Kim Sơn, Ninh Bình",
        former_address="xã Yên Lộc, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14674,
        commune_name="Xã Lai Thành",
        members_count=150,
        description=(
            "Hợp tác xã dệt chiếu cói truyền thống và chiếu xuất khẩu, tạo việc làm cho phụ nữ nông "
            "thôn vùng ven biển Kim Sơn."
        ),
    ),
    DemoProducer(
        number=39,
        slug="htx-thu-cong-my-nghe-minh-chau",
        name="HTX sản xuất thủ công mỹ nghệ Minh Châu",
        kind=HTX,
        plan_section="3.3 sản phẩm từ cói",
        lookup="Yên Lộc, Kim Sơn, Ninh Bình",  # R1
        former_address="xã Yên Lộc, huyện Kim Sơn",
        former_district="huyện Kim Sơn",
        commune_code=14674,
        commune_name="Xã Lai Thành",
        members_count=90,
        description="Hợp tác xã đan cói mỹ nghệ: giỏ, hộp, thảm và đồ trang trí theo đơn hàng trong và ngoài nước.",
    ),
    DemoProducer(
        number=40,
        slug="htx-gom-bo-bat",
        name="HTX gốm Bồ Bát",
        kind=HTX,
        plan_section="3.3 gốm sứ",
        lookup="Yên Thành, Yên Mô, Ninh Bình",  # R3: Bồ Bát is thôn Bạch Liên, xã Yên Thành
        former_address="thôn Bạch Liên, xã Yên Thành, huyện Yên Mô",
        former_district="huyện Yên Mô",
        commune_code=14746,
        commune_name="Xã Đồng Thái",
        street_address="Làng gốm Bồ Bát, thôn Bạch Liên",
        members_count=25,
        description=(
            "Hợp tác xã khôi phục nghề gốm cổ Bồ Bát, được coi là cội nguồn của gốm Bát Tràng; sản phẩm "
            "men trắng, men gan làm từ đất sét trắng địa phương."
        ),
    ),
    DemoProducer(
        number=41,
        slug="htx-gom-gia-thuy",
        name="HTX gốm Gia Thủy",
        kind=HTX,
        plan_section="3.3 gốm sứ",
        lookup="Gia Thủy, Nho Quan, Ninh Bình",  # R1
        former_address="xã Gia Thủy, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14401,
        commune_name="Xã Gia Tường",
        members_count=18,
        description="Hợp tác xã làm gốm đất nung gia dụng và chậu cảnh từ đất sét vùng Gia Thủy.",
    ),
    DemoProducer(
        number=42,
        slug="gom-hung-son",
        name="Gốm Hùng Sơn",
        # The plan gives no legal form ("Gốm Hùng Sơn (Xích Thổ)"): a family workshop, entered as a
        # registered household business until staff confirm its registration.
        kind=HOUSEHOLD,
        plan_section="3.3 gốm sứ",
        lookup="Xích Thổ, Nho Quan, Ninh Bình",  # R1
        former_address="xã Xích Thổ, huyện Nho Quan",
        former_district="huyện Nho Quan",
        commune_code=14389,
        commune_name="Xã Gia Lâm",
        description="Cơ sở gốm thủ công của gia đình, chuyên bình, lọ và đồ thờ men rạn.",
    ),
    DemoProducer(
        number=43,
        slug="htx-du-lich-truong-yen",
        name="HTX Du lịch Trường Yên",
        kind=HTX,
        plan_section="3.3 đồ lưu niệm",
        lookup="Trường Yên, Hoa Lư, Ninh Bình",  # R1
        former_address="xã Trường Yên, huyện Hoa Lư",
        former_district="huyện Hoa Lư",
        commune_code=14533,
        commune_name="Phường Tây Hoa Lư",
        members_count=140,
        description="Hợp tác xã dịch vụ du lịch ở cố đô Hoa Lư: chèo đò, bán đồ lưu niệm thủ công cho du khách.",
    ),
    DemoProducer(
        number=44,
        slug="doanh-nghiep-van-bao-ngoc",
        name="Doanh nghiệp Vạn Bảo Ngọc",
        kind=ENTERPRISE,
        plan_section="3.3 đồ lưu niệm",
        # R4: only "(thành phố Ninh Bình)": phường Đông Thành, the city centre.
        lookup="Đông Thành, Ninh Bình, Ninh Bình",
        former_address="phường Đông Thành, thành phố Ninh Bình",
        former_district="thành phố Ninh Bình",
        commune_code=14329,
        commune_name="Phường Hoa Lư",
        description=(
            "Doanh nghiệp sản xuất đồ lưu niệm đá mỹ nghệ và quà tặng mang hình ảnh di sản Tràng An. "
            + ASSUMED_ADDRESS_NOTE.format(written="thành phố Ninh Bình")
        ),
    ),
    # --- 4.4 Tourism and community tourism ------------------------------------------------------
    DemoProducer(
        number=45,
        slug="htx-dich-vu-du-lich-sao-sa",
        name="HTX Dịch vụ du lịch Sao Sa",
        kind=HTX,
        plan_section="4.4 tắm ngâm dược liệu",
        lookup="Me, Gia Viễn, Ninh Bình",  # R4: only "(Gia Viễn)": thị trấn Me
        former_address="thị trấn Me, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14464,
        commune_name="Xã Gia Viễn",
        members_count=13,
        description=(
            "Hợp tác xã dịch vụ tắm ngâm lá thuốc cho du khách, dùng thảo dược trồng tại địa phương. "
            + ASSUMED_ADDRESS_NOTE.format(written="huyện Gia Viễn")
        ),
    ),
    DemoProducer(
        number=46,
        slug="tht-du-lich-cong-dong-gia-van",
        name="THT Du lịch cộng đồng Gia Vân",
        kind=THT,
        plan_section="4.4 homestay",
        lookup="Gia Vân, Gia Viễn, Ninh Bình",  # R1
        former_address="xã Gia Vân, huyện Gia Viễn",
        former_district="huyện Gia Viễn",
        commune_code=14488,
        commune_name="Xã Gia Vân",
        members_count=10,
        description=("Tổ hợp tác các gia đình đón khách lưu trú tại nhà cổ ven khu bảo tồn đất ngập nước Vân Long."),
    ),
    DemoProducer(
        number=47,
        slug="htx-du-lich-cong-dong-trang-an",
        name="HTX Dịch vụ du lịch cộng đồng Tràng An",
        kind=HTX,
        plan_section="4.4 homestay",
        lookup="Trường Yên, Hoa Lư, Ninh Bình",  # R3: Tràng An's boat wharf is in xã Trường Yên
        former_address="xã Trường Yên, huyện Hoa Lư",
        former_district="huyện Hoa Lư",
        commune_code=14533,
        commune_name="Phường Tây Hoa Lư",
        members_count=35,
        description="Hợp tác xã các hộ làm homestay và dẫn khách trải nghiệm đời sống làng quê quanh Tràng An.",
    ),
]

PRODUCERS_BY_SLUG = {producer.slug: producer for producer in PRODUCERS}
