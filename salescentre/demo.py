"""The demo sales centre for `manage.py load_demo`: the Alliance's centre with two placeholder
photos, goods received on consignment from demo cooperatives in October and November 2026, a
month of sales (November), a return, a damaged item and a corrected (reversed) sale — every
movement through the ledger service, so the stock and the statements are true to the ledger.
Idempotent: the centre is found by slug; the ledger is loaded only while the centre has none."""

import datetime

from django.core.files.base import ContentFile

from accounts.models import User
from products.models import Product

from .models import SalesCentre, SalesCentrePhoto, StockMovement
from .services import movement_record, movement_reverse

DEMO_ORDER = 98  # after the demo accounts (90)
SLUG = "trung-tam-ocop-lien-minh-htx-ninh-binh"
STAFF_EMAIL = "canbo@demo.ocop.vn"

# product slug: (received on, quantity, agreed price, selling price, sales in November as (day, quantity))
CONSIGNMENTS = {
    "gao-japonica-khanh-trung": (
        datetime.date(2026, 10, 28),
        200,
        28_000,
        35_000,
        [(3, 20), (8, 35), (15, 40), (22, 30), (28, 25)],
    ),
    "nep-nhung-lun-khanh-nhac": (
        datetime.date(2026, 10, 28),
        120,
        32_000,
        40_000,
        [(5, 15), (12, 20), (19, 18), (26, 22)],
    ),
    "buoi-da-xanh-dong-son": (datetime.date(2026, 11, 2), 150, 45_000, 60_000, [(4, 30), (11, 40), (18, 35), (25, 20)]),
    "xa-phong-duoc-lieu-sinh-duoc": (
        datetime.date(2026, 10, 20),
        80,
        38_000,
        50_000,
        [(6, 10), (13, 12), (20, 9), (27, 14)],
    ),
    "muoi-ngam-chan-thao-duoc-sinh-duoc": (datetime.date(2026, 10, 20), 60, 55_000, 75_000, [(7, 6), (14, 8), (21, 5)]),
    "chieu-coi-xuat-khau-dai-dong": (datetime.date(2026, 10, 25), 25, 280_000, 350_000, [(9, 3), (16, 4), (23, 2)]),
    "gom-men-gan-bo-bat": (datetime.date(2026, 10, 25), 40, 150_000, 210_000, [(10, 5), (17, 3), (24, 6)]),
}


def demo_load(*, stdout) -> None:
    centre, created = centre_demo_load()
    movements = ledger_demo_load(centre=centre)
    stdout.write(
        f"Trung tâm OCOP (sales centre): {'tạo mới' if created else 'đã có'}, {movements} nghiệp vụ kho tạo mới (movements created)."
    )


def centre_demo_load() -> tuple[SalesCentre, bool]:
    from products.demo import placeholder_jpeg

    centre = SalesCentre.objects.filter(slug=SLUG).first()
    if centre is not None:
        return centre, False
    centre = SalesCentre(
        slug=SLUG,
        name="Trung tâm giới thiệu và bán sản phẩm OCOP — Liên minh HTX tỉnh Ninh Bình",
        address="Trụ sở Liên minh HTX tỉnh, phường Hoa Lư, tỉnh Ninh Bình (địa chỉ minh họa)",
        opening_hours="Thứ Hai – Thứ Bảy: 7:30 – 17:30\nChủ nhật: 8:00 – 12:00",
        phone="0900000097",
        email="trungtam@demo.ocop.vn",
        description="Trung tâm giới thiệu, kết nối và bán các sản phẩm OCOP của các hợp tác xã trong tỉnh, theo "
        "kế hoạch 2019–2020 của Liên minh. Hàng được ký gửi trực tiếp từ các hợp tác xã (dữ liệu minh họa).",
        opened_on=datetime.date(2020, 12, 15),
    )
    centre.full_clean()
    centre.save()
    for position, (title, subtitle) in enumerate(
        [("Trung tâm OCOP", "Quầy gạo, nông sản"), ("Trung tâm OCOP", "Quầy thủ công mỹ nghệ")]
    ):
        photo = SalesCentrePhoto(centre=centre, alt_text=f"{title} — {subtitle} (ảnh minh họa)", position=position)
        photo.image.save(
            f"centre-{position}.jpg",
            ContentFile(placeholder_jpeg(title=title, subtitle=subtitle, sector="IV"), name="centre.jpg"),
            save=False,
        )
        photo.save()
    return centre, True


def ledger_demo_load(*, centre: SalesCentre) -> int:
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    if staff is None or StockMovement.objects.filter(centre=centre).exists():
        return 0
    products = Product.objects.in_bulk(list(CONSIGNMENTS), field_name="slug")
    count = 0
    for slug, (received_on, quantity, agreed, price, sales) in CONSIGNMENTS.items():
        product = products.get(slug)
        if product is None:
            continue
        common = {"centre": centre, "product": product, "by": staff}
        movement_record(kind="received", quantity=quantity, unit_price_vnd=agreed, occurred_on=received_on, **common)
        count += 1
        for day, sold in sales:
            movement_record(
                kind="sold", quantity=sold, unit_price_vnd=price, occurred_on=datetime.date(2026, 11, day), **common
            )
            count += 1
    if "buoi-da-xanh-dong-son" in products:
        pomelo = products["buoi-da-xanh-dong-son"]
        common = {"centre": centre, "product": pomelo, "by": staff}
        movement_record(
            kind="damaged",
            quantity=4,
            unit_price_vnd=None,
            occurred_on=datetime.date(2026, 11, 20),
            note="Quả dập khi vận chuyển",
            **common,
        )
        wrong = movement_record(
            kind="sold", quantity=12, unit_price_vnd=60_000, occurred_on=datetime.date(2026, 11, 26), note="", **common
        )
        movement_reverse(
            movement=wrong, note="Nhập trùng hoá đơn ngày 25/11", occurred_on=datetime.date(2026, 11, 26), by=staff
        )
        movement_record(
            kind="returned",
            quantity=10,
            unit_price_vnd=None,
            occurred_on=datetime.date(2026, 11, 29),
            note="Trả hàng cận hạn cho HTX",
            **common,
        )
        count += 4
    return count
