"""The products the seed plan names (section III.3), as demo data for `manage.py load_demo`,
classified in the current scheme (Decision 148/QĐ-TTg 2023, `qd148-2023`), and a few demo OCOP
certificates for the showcase.

Classification choices that need a word:
- Fresh mushrooms count as fresh produce (01); dried medicinal herbs, dried lingzhi and essential
  oils are "other herbal products" (20).
- Foot-bath salt (muối ngâm chân): sea salt mixed with dried herbs, sold without a cosmetic
  notification, so 20 ("tinh dầu và thảo dược khác"); a formulated bath product notified as a
  cosmetic would be 19.
- Turmeric starch (tinh bột nghệ): sold as a food with a food-safety certificate, so 07
  ("chế biến từ rau, củ, quả, hạt"); registered as a health supplement it would be 18.
- Herbal soap is a cosmetic (19); sedge mats, pottery and souvenirs are household and decorative
  crafts (21); homestays and the medicinal bath are community tourism services (26).

Prices are demo values (VND); the loader appends a note saying so to every description.
Certificates carry decision numbers starting with "DEMO-". Decision dates fall within the three
years before 28/11/2026, except the two certificates meant to show the expired state (a
certificate is valid 36 months, so an expired one must be older). Product codes follow
`37-<commune code>-<serial>-<year>` with the producer's commune-level code; the serial counts up
within the year across the province, as `products.services.certificates.product_code_allocate`
does for new certificates.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoProduct:
    slug: str
    producer: str  # cooperatives.demo_data slug
    name: str
    set_code: str  # product set of qd148-2023
    unit: str
    packaging: str
    price_min: int
    price_max: int
    description: str
    story: str
    ingredients: str = ""
    specification: str = ""
    standards: tuple[str, ...] = ()  # QualityStandard codes
    photos: int = 1  # 1 or 2 generated placeholder photos


@dataclass(frozen=True)
class DemoCertificate:
    product_code: str  # natural key
    product: str  # DemoProduct slug
    stars: int
    score: str
    decision_number: str
    decision_date: datetime.date
    issuer: str = "province"
    issuer_name: str = "UBND tỉnh Ninh Bình"
    status: str = "valid"
    revocation_ground: str = ""
    revocation_note: str = ""
    revoked_on: datetime.date | None = None
    previous: str = ""  # product_code of the certificate this one re-rates


PRICE_NOTE = "Giá bán ghi trên cổng là giá minh họa (dữ liệu demo)."

PRODUCTS: list[DemoProduct] = [
    # --- 3.1 Safe vegetables (01, 07) -------------------------------------------------------------
    DemoProduct(
        slug="rau-an-toan-khanh-thanh",
        producer="htx-nong-san-an-toan-khanh-thanh",
        name="Rau an toàn Khánh Thành",
        set_code="01",
        unit="kg",
        packaging="Bó 0,5 kg; túi lưới 1 kg có tem truy xuất nguồn gốc",
        price_min=15_000,
        price_max=30_000,
        description="Rau cải, rau muống, su hào, bắp cải trồng theo quy trình VietGAP, thu hái và giao trong ngày.",
        story=(
            "Các hộ ven sông Đáy chuyển ruộng lúa kém hiệu quả sang trồng rau; hợp tác xã thống nhất quy "
            "trình canh tác và kiểm tra dư lượng thuốc bảo vệ thực vật trước mỗi đợt thu hoạch."
        ),
        standards=("vietgap",),
    ),
    DemoProduct(
        slug="rau-cu-an-toan-dai-hoang",
        producer="htx-nong-san-an-toan-dai-hoang",
        name="Rau củ an toàn Đại Hoàng",
        set_code="01",
        unit="kg",
        packaging="Túi 1 kg; thùng 10 kg cho bếp ăn tập thể",
        price_min=12_000,
        price_max=28_000,
        description="Cà rốt, củ cải, bí đỏ và rau ăn lá theo mùa, sơ chế sạch, đóng gói tại nhà sơ chế của hợp tác xã.",
        story=(
            "Vùng Đại Hoàng ven sông Hoàng Long có đất phù sa màu mỡ; hợp tác xã liên kết với trường học "
            "và bếp ăn công nghiệp để bao tiêu rau cho xã viên."
        ),
    ),
    DemoProduct(
        slug="rau-an-toan-lien-duong",
        producer="htx-rau-an-toan-lien-duong",
        name="Rau an toàn Liên Dương",
        set_code="01",
        unit="kg",
        packaging="Bó 0,5 kg; túi 1 kg",
        price_min=15_000,
        price_max=25_000,
        description="Rau ăn lá trồng trong nhà lưới, tưới nước giếng khoan đã xử lý, không dùng thuốc diệt cỏ.",
        story="Nhà lưới đầu tiên của hợp tác xã được dựng năm 2017; nay các hộ thành viên cùng theo một sổ nhật ký canh tác.",
    ),
    DemoProduct(
        slug="bi-xanh-an-toan-mai-son",
        producer="htx-nong-nghiep-mai-son",
        name="Bí xanh an toàn Mai Sơn",
        set_code="01",
        unit="kg",
        packaging="Quả nguyên; thùng carton 15 kg",
        price_min=12_000,
        price_max=18_000,
        description="Bí xanh ruột đặc, vỏ phấn trắng, trồng trên đất bãi và thu hoạch khi quả già để bảo quản lâu.",
        story="Cây bí xanh giúp xã viên Mai Sơn có thêm một vụ đông trên chân ruộng hai lúa.",
    ),
    DemoProduct(
        slug="rau-an-toan-tam-diep",
        producer="htx-nong-san-an-toan-tam-diep",
        name="Rau an toàn Tam Điệp",
        set_code="01",
        unit="kg",
        packaging="Túi 0,5 kg và 1 kg có tem truy xuất",
        price_min=15_000,
        price_max=30_000,
        description="Rau cải, rau muống, mồng tơi trồng trên đất đồi Tam Điệp theo hướng an toàn.",
        story="Hợp tác xã tận dụng phân chuồng từ đàn gà đồi và dê để ủ phân hữu cơ bón cho rau.",
        standards=("vietgap",),
    ),
    DemoProduct(
        slug="rau-cu-qua-sach-visa",
        producer="htx-nong-san-sach-visa",
        name="Rau củ quả sạch VISA",
        set_code="01",
        unit="hộp",
        packaging="Hộp 1 kg rau củ tổng hợp; giỏ quà 3 kg",
        price_min=20_000,
        price_max=45_000,
        description="Rau củ quả tuyển chọn từ các hợp tác xã trong tỉnh, đóng hộp theo thực đơn gia đình.",
        story="Hợp tác xã ra đời để đưa rau của các hợp tác xã nhỏ vào cửa hàng tiện lợi ở thành phố.",
    ),
    DemoProduct(
        slug="dua-chuot-bao-tu-dam-dam-viet-xanh",
        producer="cong-ty-cp-che-bien-nong-san-viet-xanh",
        name="Dưa chuột bao tử dầm dấm Việt Xanh",
        set_code="07",
        unit="lọ",
        packaging="Lọ thủy tinh 500 g",
        price_min=35_000,
        price_max=55_000,
        description="Dưa chuột bao tử giòn, dầm giấm gạo với tỏi, ớt và thì là, không dùng chất bảo quản.",
        story="Công ty thu mua dưa chuột của nông dân vụ đông và chế biến tại chỗ để giữ độ giòn.",
        ingredients="Dưa chuột bao tử 60%, giấm gạo, đường, muối, tỏi, ớt, thì là.",
        specification="Hạn sử dụng 12 tháng kể từ ngày sản xuất; bảo quản nơi khô mát.",
    ),
    # --- 3.1 Rice toward organic (03) -------------------------------------------------------------
    DemoProduct(
        slug="nep-nhung-lun-khanh-nhac",
        producer="htx-dich-vu-nong-nghiep-khanh-nhac",
        name="Nếp nhung lùn Khánh Nhạc",
        set_code="03",
        unit="kg",
        packaging="Túi hút chân không 2 kg và 5 kg",
        price_min=40_000,
        price_max=55_000,
        description="Gạo nếp hạt tròn, trắng đục; xôi dẻo, thơm, để nguội vẫn mềm. Dùng nấu xôi, gói bánh chưng, làm bánh giầy.",
        story=(
            "Giống nếp nhung cây thấp được nông dân Khánh Nhạc giữ từ lâu đời. Hợp tác xã phục tráng giống, "
            "canh tác theo hướng hữu cơ và chỉ cấy một vụ mùa mỗi năm."
        ),
        specification="Độ ẩm dưới 14%; tỉ lệ hạt nguyên trên 85%.",
        photos=2,
    ),
    DemoProduct(
        slug="gao-japonica-khanh-trung",
        producer="htx-dich-vu-nong-nghiep-khanh-trung",
        name="Gạo sạch cao cấp Japonica Khánh Trung",
        set_code="03",
        unit="kg",
        packaging="Túi 2 kg và 5 kg, in mã QR truy xuất",
        price_min=30_000,
        price_max=45_000,
        description="Gạo Japonica hạt tròn, cơm dẻo, độ dính vừa, hợp nấu cơm Nhật và cháo.",
        story=(
            "Từ năm 2012 cánh đồng Khánh Trung liên kết với doanh nghiệp trồng lúa Japonica; hợp tác xã "
            "quản lý giống, lịch thời vụ và thu mua toàn bộ sản lượng."
        ),
        standards=("vietgap",),
        photos=2,
    ),
    DemoProduct(
        slug="gao-sach-lien-duong",
        producer="htx-nong-nghiep-lien-duong",
        name="Gạo sạch Liên Dương",
        set_code="03",
        unit="kg",
        packaging="Túi 5 kg và 10 kg",
        price_min=22_000,
        price_max=32_000,
        description="Gạo tẻ thơm canh tác theo hướng hữu cơ, giảm phân bón hóa học, xay xát trong ngày.",
        story="Hợp tác xã đang chuyển dần cánh đồng mẫu lớn sang canh tác hữu cơ, mỗi năm thêm vài chục héc-ta.",
    ),
    DemoProduct(
        slug="gao-thom-hoa-tien",
        producer="htx-nong-nghiep-hoa-tien",
        name="Gạo thơm Hoa Tiên",
        set_code="03",
        unit="kg",
        packaging="Túi 5 kg",
        price_min=20_000,
        price_max=30_000,
        description="Gạo tẻ thơm hạt dài, cơm mềm, trồng trên vùng trũng ven sông Hoàng Long.",
        story="Thôn Hoa Tiên dùng bèo hoa dâu và rơm ủ làm phân, giữ cho ruộng tơi xốp mà không cần nhiều phân hóa học.",
    ),
    DemoProduct(
        slug="nep-cau-van-phu",
        producer="htx-nong-nghiep-van-phu",
        name="Nếp cau Văn Phú",
        set_code="03",
        unit="kg",
        packaging="Túi vải 2 kg",
        price_min=35_000,
        price_max=50_000,
        description="Nếp hạt cau vỏ thóc màu nâu như hạt cau khô, gạo trắng tròn; xôi dẻo và thơm đặc trưng.",
        story="Giống lúa cổ chỉ cấy một vụ mỗi năm; hợp tác xã chọn lọc lại giống để tránh lẫn tạp.",
    ),
    # --- 3.1 Fruit (01) -------------------------------------------------------------------------
    DemoProduct(
        slug="buoi-da-xanh-dong-son",
        producer="htx-buoi-da-xanh-dong-son",
        name="Bưởi da xanh Đông Sơn",
        set_code="01",
        unit="quả",
        packaging="Quả 1,2–2 kg dán tem truy xuất; hộp quà 2 quả",
        price_min=35_000,
        price_max=70_000,
        description="Bưởi vỏ xanh mỏng, múi hồng, mọng nước, vị ngọt thanh, ít hạt.",
        story=(
            "Đất đồi Đông Sơn thoát nước tốt, nhiều nắng, hợp với cây bưởi da xanh. Các hộ thành viên cùng "
            "chăm sóc theo quy trình VietGAP và bán chung một thương hiệu."
        ),
        standards=("vietgap",),
        photos=2,
    ),
    DemoProduct(
        slug="cam-doi-gong-vo",
        producer="tht-gong-vo",
        name="Cam đồi Gọng Vó",
        set_code="01",
        unit="kg",
        packaging="Thùng carton 5 kg và 10 kg",
        price_min=25_000,
        price_max=40_000,
        description="Cam vỏ mỏng, nhiều nước, vị ngọt đậm, thu hoạch từ tháng 10 đến Tết.",
        story="Các hộ trong tổ hợp tác cùng mua phân, cùng thuê xe và bán chung để không bị ép giá.",
    ),
    DemoProduct(
        slug="na-dai-gong-vo",
        producer="tht-gong-vo",
        name="Na dai Gọng Vó",
        set_code="01",
        unit="kg",
        packaging="Hộp xốp 2 kg lót lá",
        price_min=30_000,
        price_max=60_000,
        description="Na dai múi to, thịt trắng ngà, ngọt mát, trồng trên sườn núi đá vôi.",
        story="Cây na bám rễ trong hốc đá, quả nhỏ nhưng thơm hơn na trồng đất bằng.",
    ),
    DemoProduct(
        slug="buoi-dien-dong-phong",
        producer="htx-nong-nghiep-dong-phong",
        name="Bưởi Diễn Đồng Phong",
        set_code="01",
        unit="quả",
        packaging="Quả nguyên, dán tem",
        price_min=25_000,
        price_max=45_000,
        description="Bưởi Diễn quả tròn, vỏ vàng khi chín, múi ráo, ngọt, bày mâm ngũ quả ngày Tết.",
        story="Vùng bưởi được chuyển đổi từ ruộng lúa kém hiệu quả; kế hoạch chỉ ghi «hoa quả», loại quả do dữ liệu mẫu chọn.",
    ),
    # --- 3.1 Aquaculture (02) -------------------------------------------------------------------
    DemoProduct(
        slug="ca-ro-dong-gia-hoa",
        producer="htx-nuoi-trong-thuy-san-gia-hoa",
        name="Cá rô đồng Gia Hòa",
        set_code="02",
        unit="kg",
        packaging="Cá sống giao trong ngày; cá làm sạch đóng khay 0,5 kg",
        price_min=90_000,
        price_max=140_000,
        description="Cá rô đồng nuôi trong ruộng trũng, thịt chắc, béo, hợp nấu canh cải, kho tộ.",
        story="Ruộng chiêm trũng cấy lúa bấp bênh được chuyển sang nuôi cá kết hợp cấy một vụ lúa.",
    ),
    DemoProduct(
        slug="tom-cang-xanh-gia-lap",
        producer="htx-nuoi-trong-thuy-san-gia-lap",
        name="Tôm càng xanh Gia Lập",
        set_code="02",
        unit="kg",
        packaging="Tôm sống sục khí; tôm cấp đông túi 0,5 kg",
        price_min=250_000,
        price_max=350_000,
        description="Tôm càng xanh nuôi xen lúa, vỏ xanh bóng, thịt ngọt và chắc.",
        story="Mô hình tôm – lúa giúp giảm thuốc bảo vệ thực vật vì tôm ăn sâu và cỏ dại.",
    ),
    DemoProduct(
        slug="ca-chep-gia-trung",
        producer="htx-nuoi-trong-thuy-san-gia-trung",
        name="Cá chép Gia Trung",
        set_code="02",
        unit="kg",
        packaging="Cá sống; cá làm sạch đóng túi",
        price_min=60_000,
        price_max=90_000,
        description="Cá chép nuôi ao nước chảy, không mùi bùn, thịt trắng.",
        story="Ao nuôi được thay nước từ kênh tưới, cá được thả thưa để lớn chậm và thịt chắc.",
    ),
    DemoProduct(
        slug="ca-ro-phi-gia-tan",
        producer="htx-nuoi-trong-thuy-san-gia-tan",
        name="Cá rô phi đơn tính Gia Tân",
        set_code="02",
        unit="kg",
        packaging="Cá sống; phi lê cấp đông 0,5 kg",
        price_min=45_000,
        price_max=65_000,
        description="Cá rô phi đơn tính nuôi ao ruộng, cá to đều, thịt dày, ít xương dăm.",
        story="Các hộ nuôi chung một lịch thả giống để có cá quanh năm cho bếp ăn và chợ đầu mối.",
    ),
    DemoProduct(
        slug="ca-tram-den-gia-xuan",
        producer="htx-nuoi-trong-thuy-san-gia-xuan",
        name="Cá trắm đen Gia Xuân",
        set_code="02",
        unit="kg",
        packaging="Cá sống nguyên con 3–6 kg",
        price_min=120_000,
        price_max=180_000,
        description="Cá trắm đen ăn ốc, thịt vàng, dai và thơm; hợp làm gỏi, nướng, om dưa.",
        story="Cá được nuôi hai đến ba năm trong ao sâu mới đạt cỡ bán.",
    ),
    DemoProduct(
        slug="tom-su-tan-tien",
        producer="htx-thuy-san-tan-tien",
        name="Tôm sú Tân Tiến",
        set_code="02",
        unit="kg",
        packaging="Tôm sống; tôm cấp đông hộp 1 kg",
        price_min=280_000,
        price_max=400_000,
        description="Tôm sú nuôi quảng canh cải tiến trong đầm nước lợ, vỏ dày, thịt ngọt đậm.",
        story="Đầm nuôi ở vùng bãi bồi Kim Sơn lấy nước thủy triều, thả mật độ thấp để tôm khỏe.",
    ),
    DemoProduct(
        slug="tom-the-kim-dong",
        producer="htx-nuoi-trong-thuy-san-kim-dong",
        name="Tôm thẻ chân trắng Kim Đông",
        set_code="02",
        unit="kg",
        packaging="Tôm tươi ướp đá; tôm cấp đông 0,5 kg",
        price_min=140_000,
        price_max=220_000,
        description="Tôm thẻ nuôi ao lót bạt, kiểm soát nước và thức ăn, không dùng kháng sinh cấm.",
        story="Hợp tác xã dùng chung hệ thống ao lắng và xử lý nước để giảm dịch bệnh.",
    ),
    DemoProduct(
        slug="ca-vuoc-kim-trung",
        producer="htx-nuoi-trong-thuy-san-kim-trung",
        name="Cá vược Kim Trung",
        set_code="02",
        unit="kg",
        packaging="Cá tươi nguyên con; phi lê cấp đông",
        price_min=150_000,
        price_max=220_000,
        description="Cá vược nước lợ thịt trắng, ngọt, ít xương, hợp hấp, nấu lẩu.",
        story="Cá được nuôi ghép với tôm trong đầm, tận dụng nguồn thức ăn tự nhiên.",
    ),
    DemoProduct(
        slug="tom-rao-con-thoi",
        producer="htx-nuoi-trong-thuy-san-con-thoi",
        name="Tôm rảo Cồn Thoi",
        set_code="02",
        unit="kg",
        packaging="Tôm tươi; tôm nõn phơi khô túi 200 g",
        price_min=180_000,
        price_max=260_000,
        description="Tôm rảo tự nhiên trong đầm ven biển, thân nhỏ, vỏ mỏng, vị ngọt.",
        story="Người Cồn Thoi đánh tôm rảo theo con nước, giữ nghề làm tôm nõn phơi nắng.",
    ),
    DemoProduct(
        slug="trach-sun-yen-hoa",
        producer="htx-cay-con-dac-san-yen-hoa",
        name="Trạch sụn Yên Hòa",
        set_code="02",
        unit="kg",
        packaging="Trạch sống; trạch làm sạch đóng khay 0,5 kg",
        price_min=150_000,
        price_max=220_000,
        description="Trạch sụn thân tròn, xương mềm ăn được cả con; đặc sản chiên giòn, nấu cháo.",
        story="Hợp tác xã sản xuất được con giống trạch sụn, cung cấp cho các hộ nuôi trong huyện.",
    ),
    # --- 3.1 Poultry and goat meat (02) -----------------------------------------------------------
    DemoProduct(
        slug="ga-doi-dong-son",
        producer="htx-nong-san-an-toan-tam-diep",
        name="Gà đồi Đông Sơn",
        set_code="02",
        unit="kg",
        packaging="Gà làm sẵn nguyên con, túi hút chân không, tem kiểm dịch",
        price_min=140_000,
        price_max=180_000,
        description="Gà ri lai thả đồi trên 150 ngày, ăn ngô và thóc; da vàng, thịt săn chắc.",
        story=(
            "Đàn gà được thả dưới tán vườn bưởi và rừng keo trên đồi Đông Sơn; hợp tác xã giết mổ tập trung "
            "và dán tem truy xuất cho từng con."
        ),
        standards=("vietgahp",),
        photos=2,
    ),
    DemoProduct(
        slug="ga-ri-gia-son",
        producer="htx-chan-nuoi-ga-gia-son",
        name="Gà ri Gia Sơn",
        set_code="02",
        unit="kg",
        packaging="Gà sống hoặc làm sẵn nguyên con",
        price_min=120_000,
        price_max=160_000,
        description="Gà ri thuần nhỏ con, chân vàng, thịt thơm, nuôi thả vườn đồi.",
        story="Các hộ giữ đàn gà ri bố mẹ để tự ấp giống, không nhập gà công nghiệp.",
    ),
    DemoProduct(
        slug="ga-tha-vuon-xich-tho",
        producer="htx-chan-nuoi-ga-xich-tho",
        name="Gà thả vườn Xích Thổ",
        set_code="02",
        unit="kg",
        packaging="Gà làm sẵn nguyên con",
        price_min=110_000,
        price_max=150_000,
        description="Gà thả vườn ăn thóc, rau xanh; thịt ngọt, da giòn, hợp luộc và hấp lá chanh.",
        story="Vùng đồi Xích Thổ rộng, đàn gà được vận động nhiều nên thịt chắc.",
    ),
    DemoProduct(
        slug="thit-de-nui-ninh-binh",
        producer="htx-chan-nuoi-de-ninh-binh",
        name="Thịt dê núi Ninh Bình",
        set_code="02",
        unit="kg",
        packaging="Thịt dê pha lóc, túi hút chân không 1 kg, bảo quản lạnh",
        price_min=280_000,
        price_max=350_000,
        description="Thịt dê núi thả trên núi đá vôi, ăn lá cây thuốc; thịt săn, ít mỡ, không hôi.",
        story=(
            "Dê được thả trên các dãy núi đá quanh cố đô, tự tìm lá rừng; hợp tác xã kiểm soát nguồn gốc "
            "từng con trước khi giết mổ."
        ),
    ),
    DemoProduct(
        slug="thit-de-tam-diep",
        producer="htx-nong-san-an-toan-tam-diep",
        name="Thịt dê Tam Điệp",
        set_code="02",
        unit="kg",
        packaging="Thịt dê tươi túi 1 kg; dê tái chanh đóng hộp cho nhà hàng",
        price_min=250_000,
        price_max=320_000,
        description="Thịt dê nuôi bán chăn thả trên đồi Tam Điệp, bổ sung cỏ trồng và bã đậu.",
        story="Hợp tác xã cung cấp thịt dê cho các nhà hàng đặc sản dọc quốc lộ 1 qua dốc Tam Điệp.",
    ),
    # --- 3.2 Herbal (19, 20, 07, 12, 01) -----------------------------------------------------------
    DemoProduct(
        slug="muoi-ngam-chan-thao-duoc-sinh-duoc",
        producer="htx-sinh-duoc",
        name="Muối ngâm chân thảo dược Sinh Dược",
        set_code="20",
        unit="hộp",
        packaging="Hộp 10 gói × 50 g; túi 500 g",
        price_min=60_000,
        price_max=95_000,
        description="Muối biển rang trộn gừng, ngải cứu, quế, hương nhu; ngâm chân ấm giúp thư giãn, dễ ngủ.",
        story=(
            "Bài ngâm chân lấy từ kinh nghiệm của các bà, các mẹ ở Gia Sinh; hợp tác xã tự trồng thảo dược "
            "và phơi sấy ngay tại vùng trồng."
        ),
        ingredients="Muối biển, gừng, ngải cứu, quế, hương nhu, lá lốt.",
        specification="Hòa 1 gói với 2–3 lít nước ấm, ngâm 15–20 phút. Không dùng cho vết thương hở.",
        photos=2,
    ),
    DemoProduct(
        slug="xa-phong-duoc-lieu-sinh-duoc",
        producer="htx-sinh-duoc",
        name="Xà phòng dược liệu Sinh Dược",
        set_code="19",
        unit="bánh",
        packaging="Bánh 100 g trong hộp giấy kraft",
        price_min=45_000,
        price_max=75_000,
        description="Xà phòng thủ công nấu lạnh với dầu dừa, dầu ô liu và thảo dược: bồ kết, mùi già, sả.",
        story=(
            "Mỗi mẻ xà phòng được ủ bốn đến sáu tuần cho dịu nhẹ. Phong tục tắm lá mùi già ngày Tết được "
            "hợp tác xã «gói» vào bánh xà phòng tiện dùng."
        ),
        ingredients="Dầu dừa, dầu ô liu, nước cốt thảo dược (bồ kết, mùi già, sả), tinh dầu thiên nhiên.",
        specification="Độ pH 8–9; không chất tạo bọt tổng hợp.",
        photos=2,
    ),
    DemoProduct(
        slug="tinh-dau-sa-chanh-sinh-duoc",
        producer="htx-sinh-duoc",
        name="Tinh dầu sả chanh Sinh Dược",
        set_code="20",
        unit="lọ",
        packaging="Lọ thủy tinh tối màu 10 ml và 50 ml",
        price_min=60_000,
        price_max=220_000,
        description="Tinh dầu sả chanh chưng cất hơi nước từ sả trồng tại vùng nguyên liệu; xông phòng, đuổi muỗi.",
        story="Mỗi lít tinh dầu cần khoảng một tấn lá sả tươi, cắt vào buổi sáng khi tinh dầu đậm nhất.",
        ingredients="100% tinh dầu sả chanh.",
    ),
    DemoProduct(
        slug="tinh-dau-buoi-sinh-duoc",
        producer="htx-sinh-duoc",
        name="Tinh dầu vỏ bưởi Sinh Dược",
        set_code="20",
        unit="lọ",
        packaging="Lọ thủy tinh 10 ml, 30 ml; chai xịt 100 ml",
        price_min=70_000,
        price_max=240_000,
        description="Tinh dầu chưng cất từ vỏ bưởi Đại Hoàng; dưỡng tóc, xông phòng, khử mùi.",
        story=(
            "Vỏ bưởi thu mua của các nhà vườn trong vùng sau mùa Tết, được hợp tác xã chưng cất ngay trong ngày "
            "để giữ mùi thơm."
        ),
        ingredients="100% tinh dầu vỏ bưởi.",
    ),
    DemoProduct(
        slug="tinh-bot-nghe-yen-son",
        producer="htx-duoc-lieu-yen-son",
        name="Tinh bột nghệ Yên Sơn",
        set_code="07",
        unit="hộp",
        packaging="Hộp 500 g; túi zip 100 g",
        price_min=90_000,
        price_max=380_000,
        description="Tinh bột nghệ vàng lọc nhiều lần, mịn, tan trong nước ấm; dùng pha với mật ong.",
        story="Từ mười tạ nghệ tươi chỉ thu được khoảng mười cân tinh bột; hợp tác xã lọc thủ công và sấy lạnh.",
        ingredients="100% tinh bột nghệ vàng.",
    ),
    DemoProduct(
        slug="tinh-bot-nghe-dong-son",
        producer="htx-duoc-lieu-dong-son",
        name="Tinh bột nghệ Đông Sơn",
        set_code="07",
        unit="hộp",
        packaging="Hộp 500 g",
        price_min=300_000,
        price_max=380_000,
        description="Tinh bột nghệ từ nghệ trồng trên đất đồi, màu vàng tươi, mùi thơm nhẹ.",
        story="Nghệ được trồng xen dưới tán bưởi, thu hoạch sau mười tháng.",
        ingredients="100% tinh bột nghệ.",
    ),
    DemoProduct(
        slug="trach-ta-khanh-cong",
        producer="htx-nam-duoc-lieu-khanh-cong",
        name="Trạch tả Khánh Công",
        set_code="20",
        unit="kg",
        packaging="Dược liệu khô thái lát, túi 1 kg",
        price_min=180_000,
        price_max=260_000,
        description="Củ trạch tả phơi sấy, thái lát, cung cấp cho các nhà thuốc đông y và doanh nghiệp dược.",
        story="Trạch tả trồng trên ruộng nước sau vụ lúa mùa, thu hoạch trước Tết.",
    ),
    DemoProduct(
        slug="nam-so-tuoi-huong-nam",
        producer="doanh-nghiep-nam-huong-nam",
        name="Nấm sò tươi Hương Nam",
        set_code="01",
        unit="kg",
        packaging="Khay 300 g bọc màng; thùng 5 kg",
        price_min=30_000,
        price_max=45_000,
        description="Nấm sò trắng trồng trên phôi rơm rạ, thu hái hằng ngày, giòn và ngọt.",
        story="Doanh nghiệp dùng rơm rạ sau thu hoạch của nông dân làm phôi nấm, vừa giảm đốt rơm vừa tạo việc làm.",
    ),
    DemoProduct(
        slug="tra-dinh-lang-khanh-thuy",
        producer="htx-tm-dv-duoc-lieu-khanh-thuy",
        name="Trà đinh lăng Khánh Thủy",
        set_code="12",
        unit="hộp",
        packaging="Hộp 20 túi lọc × 2 g",
        price_min=60_000,
        price_max=90_000,
        description="Trà túi lọc từ lá và rễ đinh lăng lá nhỏ sao vàng, vị ngọt hậu, giúp ngủ ngon.",
        story="Cây đinh lăng trồng trên đất bãi ven sông, sau ba năm mới thu rễ.",
        ingredients="Lá và rễ đinh lăng lá nhỏ.",
    ),
    DemoProduct(
        slug="nam-linh-chi-nhat-minh",
        producer="htx-nam-nhat-minh",
        name="Nấm linh chi Nhật Minh",
        set_code="20",
        unit="túi 500 g",
        packaging="Nấm linh chi thái lát sấy khô, túi 500 g",
        price_min=350_000,
        price_max=700_000,
        description="Nấm linh chi đỏ trồng trong nhà xưởng, thái lát sấy khô, dùng hãm nước uống.",
        story="Hợp tác xã kiểm soát nhiệt độ và độ ẩm bằng cảm biến, mỗi năm thu hai vụ.",
    ),
    DemoProduct(
        slug="dinh-lang-la-nho-chinh-tam",
        producer="htx-duoc-lieu-chinh-tam",
        name="Đinh lăng lá nhỏ Chính Tâm",
        set_code="20",
        unit="túi 500 g",
        packaging="Rễ đinh lăng thái lát phơi khô, túi 500 g",
        price_min=150_000,
        price_max=250_000,
        description="Rễ đinh lăng lá nhỏ trồng trên năm năm, thái lát mỏng, phơi khô tự nhiên.",
        story="Cây đinh lăng được trồng quanh vườn nhà các xã viên, hợp tác xã thu mua và sơ chế chung.",
    ),
    DemoProduct(
        slug="duoc-lieu-say-kho-than-thanh-phat",
        producer="htx-duoc-lieu-than-thanh-phat",
        name="Dược liệu sấy khô Thận Thành Phát",
        set_code="20",
        unit="kg",
        packaging="Túi 1 kg, dán nhãn tên dược liệu và ngày sấy",
        price_min=80_000,
        price_max=250_000,
        description="Dược liệu sơ chế, sấy khô: cà gai leo, xạ đen, đinh lăng, cung cấp cho nhà thuốc đông y.",
        story="Hợp tác xã thu mua dược liệu của các hộ trên đồi Tam Điệp và sấy bằng lò sấy nhiệt thấp.",
    ),
    # --- 3.3 Handicrafts (21) -------------------------------------------------------------------
    DemoProduct(
        slug="chieu-coi-xuat-khau-dai-dong",
        producer="htx-chieu-coi-xuat-khau-dai-dong",
        name="Chiếu cói xuất khẩu Đại Đồng",
        set_code="21",
        unit="chiếc",
        packaging="Chiếc 1,6 × 2 m và 1,8 × 2 m, cuộn trong túi vải",
        price_min=250_000,
        price_max=900_000,
        description="Chiếu cói dệt sợi chẻ nhỏ, nhuộm màu tự nhiên, mặt chiếu mịn, thoáng mát.",
        story=(
            "Cây cói theo người Kim Sơn lấn biển gần hai trăm năm. Hợp tác xã giữ kỹ thuật dệt chiếu "
            "truyền thống và làm thêm mẫu hoa văn theo đơn hàng xuất khẩu."
        ),
        photos=2,
    ),
    DemoProduct(
        slug="gio-coi-thu-cong-minh-chau",
        producer="htx-thu-cong-my-nghe-minh-chau",
        name="Giỏ cói thủ công Minh Châu",
        set_code="21",
        unit="bộ",
        packaging="Bộ 3 giỏ lồng nhau, đóng thùng carton",
        price_min=60_000,
        price_max=250_000,
        description="Giỏ cói đan tay có quai, dùng đựng đồ, trang trí, cắm hoa.",
        story="Mỗi chiếc giỏ do một thợ đan hoàn thiện từ đầu đến cuối trong khoảng nửa ngày.",
    ),
    DemoProduct(
        slug="gom-men-gan-bo-bat",
        producer="htx-gom-bo-bat",
        name="Gốm men gan Bồ Bát",
        set_code="21",
        unit="bộ",
        packaging="Bộ ấm chén 6 món; bình hoa; hộp quà lót rơm",
        price_min=250_000,
        price_max=2_500_000,
        description="Gốm men gan giả cổ làm từ đất sét trắng Bồ Bát, nung củi, vẽ tay họa tiết sen và rồng thời Lý.",
        story=(
            "Tương truyền thợ gốm Bồ Bát theo vua Lý dời đô ra Thăng Long và lập nên làng gốm Bát Tràng. "
            "Sau nhiều thế kỷ thất truyền, lò gốm ở thôn Bạch Liên được nhóm lửa trở lại."
        ),
        photos=2,
    ),
    DemoProduct(
        slug="gom-dat-nung-gia-thuy",
        producer="htx-gom-gia-thuy",
        name="Gốm đất nung Gia Thủy",
        set_code="21",
        unit="chiếc",
        packaging="Bọc giấy và rơm, đóng thùng gỗ",
        price_min=50_000,
        price_max=600_000,
        description="Chum, vại, chậu cảnh và đèn trang trí bằng đất nung mộc, bền màu.",
        story="Nghề gốm đất nung được các hộ giữ qua nhiều đời, nay làm thêm đồ trang trí cho homestay.",
    ),
    DemoProduct(
        slug="gom-men-ran-hung-son",
        producer="gom-hung-son",
        name="Gốm men rạn Hùng Sơn",
        set_code="21",
        unit="chiếc",
        packaging="Hộp gỗ có lót vải",
        price_min=150_000,
        price_max=1_500_000,
        description="Bình, lọ và đồ thờ men rạn, vẽ tay; mỗi chiếc có vết rạn riêng.",
        story="Xưởng gốm gia đình ở Xích Thổ tự pha men rạn theo công thức riêng.",
    ),
    DemoProduct(
        slug="do-luu-niem-co-do-truong-yen",
        producer="htx-du-lich-truong-yen",
        name="Đồ lưu niệm cố đô Trường Yên",
        set_code="21",
        unit="chiếc",
        packaging="Túi giấy in hình cố đô Hoa Lư",
        price_min=30_000,
        price_max=250_000,
        description="Nón lá, quạt tre, túi cói in hình cố đô Hoa Lư do các hộ thủ công địa phương làm.",
        story="Hợp tác xã gom sản phẩm của các hộ thủ công trong xã để bán tại bến đò và điểm tham quan.",
    ),
    DemoProduct(
        slug="da-my-nghe-van-bao-ngoc",
        producer="doanh-nghiep-van-bao-ngoc",
        name="Đá mỹ nghệ lưu niệm Vạn Bảo Ngọc",
        set_code="21",
        unit="chiếc",
        packaging="Hộp quà có lót mút",
        price_min=80_000,
        price_max=1_200_000,
        description="Tượng, chặn giấy, đế lịch bằng đá xanh chạm khắc hình núi non Tràng An, chùa Bái Đính.",
        story="Thợ chạm học nghề từ làng đá mỹ nghệ Ninh Vân, làm quà lưu niệm nhỏ gọn cho du khách.",
    ),
    # --- 4.4 Tourism services (26) ------------------------------------------------------------------
    DemoProduct(
        slug="tam-ngam-duoc-lieu-sao-sa",
        producer="htx-dich-vu-du-lich-sao-sa",
        name="Tắm ngâm dược liệu Sao Sa",
        set_code="26",
        unit="lượt",
        packaging="Lượt 45–60 phút, bồn gỗ riêng, kèm trà thảo mộc",
        price_min=150_000,
        price_max=350_000,
        description="Tắm ngâm nước lá thuốc nấu từ thảo dược địa phương, giúp thư giãn sau ngày tham quan.",
        story="Bài lá tắm gồm hơn mười loại lá, được nấu mới mỗi ngày bằng lá hái trong vườn thuốc của hợp tác xã.",
    ),
    DemoProduct(
        slug="homestay-gia-van",
        producer="tht-du-lich-cong-dong-gia-van",
        name="Homestay du lịch cộng đồng Gia Vân",
        set_code="26",
        unit="khách/đêm",
        packaging="Phòng trong nhà cổ, gồm bữa sáng và xe đạp",
        price_min=350_000,
        price_max=800_000,
        description=(
            "Lưu trú tại nhà cổ của người dân ven khu bảo tồn đất ngập nước Vân Long: đạp xe, chèo thuyền, "
            "nấu cơm quê cùng chủ nhà."
        ),
        story=(
            "Những ngôi nhà gỗ gần hai trăm năm tuổi được các gia đình giữ gìn và mở cửa đón khách; tổ hợp "
            "tác thống nhất giá, chất lượng phục vụ và chia khách giữa các nhà."
        ),
        photos=2,
    ),
    DemoProduct(
        slug="homestay-cong-dong-trang-an",
        producer="htx-du-lich-cong-dong-trang-an",
        name="Homestay cộng đồng Tràng An",
        set_code="26",
        unit="khách/đêm",
        packaging="Phòng đôi và phòng gia đình, gồm bữa sáng",
        price_min=300_000,
        price_max=900_000,
        description="Homestay trong làng quê quanh quần thể danh thắng Tràng An; trải nghiệm cấy lúa, làm bánh, chèo đò.",
        story="Các hộ xã viên vừa làm nông vừa đón khách, giữ nếp nhà ba gian và vườn rau sau nhà.",
    ),
]

PRODUCTS_BY_SLUG = {product.slug: product for product in PRODUCTS}

CERTIFICATES: list[DemoCertificate] = [
    DemoCertificate(
        product_code="37-14608-002-2024",
        product="gao-japonica-khanh-trung",
        stars=4,
        score="78.50",
        decision_number="DEMO-1024/QĐ-UBND",
        decision_date=datetime.date(2024, 6, 18),
    ),
    # Nếp nhung lùn: a 3-star certificate that has expired, re-rated to 4 stars before it ran out.
    DemoCertificate(
        product_code="37-14611-001-2023",
        product="nep-nhung-lun-khanh-nhac",
        stars=3,
        score="63.00",
        decision_number="DEMO-0517/QĐ-UBND",
        decision_date=datetime.date(2023, 4, 20),
        status="expired",
    ),
    DemoCertificate(
        product_code="37-14611-001-2026",
        product="nep-nhung-lun-khanh-nhac",
        stars=4,
        score="76.00",
        decision_number="DEMO-0388/QĐ-UBND",
        decision_date=datetime.date(2026, 3, 25),
        previous="37-14611-001-2023",
    ),
    DemoCertificate(
        product_code="37-14365-001-2025",
        product="buoi-da-xanh-dong-son",
        stars=3,
        score="64.50",
        decision_number="DEMO-0912/QĐ-UBND",
        decision_date=datetime.date(2025, 5, 12),
    ),
    # One provincial decision recognises several products of a round.
    DemoCertificate(
        product_code="37-14365-004-2024",
        product="ga-doi-dong-son",
        stars=3,
        score="61.00",
        decision_number="DEMO-1789/QĐ-UBND",
        decision_date=datetime.date(2024, 11, 20),
    ),
    DemoCertificate(
        product_code="37-14533-005-2024",
        product="muoi-ngam-chan-thao-duoc-sinh-duoc",
        stars=4,
        score="74.00",
        decision_number="DEMO-1789/QĐ-UBND",
        decision_date=datetime.date(2024, 11, 20),
    ),
    DemoCertificate(
        product_code="37-14533-004-2025",
        product="xa-phong-duoc-lieu-sinh-duoc",
        stars=5,
        score="91.50",
        decision_number="DEMO-4321/QĐ-BNNMT",
        decision_date=datetime.date(2025, 12, 10),
        issuer="national",
        issuer_name="Bộ Nông nghiệp và Môi trường",
    ),
    DemoCertificate(
        product_code="37-14674-002-2025",
        product="chieu-coi-xuat-khau-dai-dong",
        stars=4,
        score="72.50",
        decision_number="DEMO-1203/QĐ-UBND",
        decision_date=datetime.date(2025, 8, 15),
    ),
    # Valid until 25/02/2027: inside the re-rating window, so reminders have something to show.
    DemoCertificate(
        product_code="37-14746-001-2024",
        product="gom-men-gan-bo-bat",
        stars=4,
        score="80.00",
        decision_number="DEMO-0245/QĐ-UBND",
        decision_date=datetime.date(2024, 2, 26),
    ),
    DemoCertificate(
        product_code="37-14488-003-2025",
        product="homestay-gia-van",
        stars=3,
        score="66.00",
        decision_number="DEMO-1655/QĐ-UBND",
        decision_date=datetime.date(2025, 10, 30),
    ),
    DemoCertificate(
        product_code="37-14371-003-2024",
        product="tinh-bot-nghe-yen-son",
        stars=3,
        score="58.50",
        decision_number="DEMO-1342/QĐ-UBND",
        decision_date=datetime.date(2024, 8, 5),
        status="revoked",
        revocation_ground="labelling_violation",
        revocation_note=(
            "Dữ liệu minh họa: nhãn ghi khối lượng tịnh 500 g nhưng kiểm tra thực tế chỉ 450 g; cơ sở đã "
            "được nhắc nhở nhưng không khắc phục trong thời hạn."
        ),
        revoked_on=datetime.date(2026, 7, 10),
    ),
    # Thịt dê núi: its only certificate has expired and was not renewed (no stars shown).
    DemoCertificate(
        product_code="37-14533-002-2023",
        product="thit-de-nui-ninh-binh",
        stars=3,
        score="60.00",
        decision_number="DEMO-1187/QĐ-UBND",
        decision_date=datetime.date(2023, 9, 14),
        status="expired",
    ),
]
