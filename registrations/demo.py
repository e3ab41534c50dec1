"""Demo round and dossiers for `manage.py load_demo` (idempotent), scored on the official sheets.

The official sheets of Decision 148/2023 are loaded first (registrations.services.criteria — the
same idempotent loader `make run` calls as `manage.py load_criteria`). The dossiers belong to
the demo cooperative HTX Sinh Dược and go through the real services, so their timelines are
genuine:
- "Tinh dầu sả chanh": a draft on sheet 20 (essential oils), half filled in, for the
  cooperative manager to finish;
- "Muối ngâm chân thảo dược": an upgrade, returned once, resubmitted, checked and now before
  the demo round's council (the demo council member scores it).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from cooperatives.models import Cooperative
from ocop_portal.models import OutboundEmail
from ocop_portal.uploads import document_clean
from products.models import Product
from registrations.models import DocumentType, Registration, Round, RoundMember
from registrations.scoring import sheet_load
from registrations.services import dossiers, workflow
from registrations.services.criteria import criteria_sets_load

DEMO_ORDER = 95  # after the demo accounts (accounts.demo, 90)
COOPERATIVE = "htx-sinh-duoc"
MANAGER = "sinhduoc@demo.ocop.vn"
COUNCIL = "hoidong@demo.ocop.vn"
STAFF = "canbo@demo.ocop.vn"
DRAFT_PRODUCT = "tinh-dau-sa-chanh-sinh-duoc"
REVIEW_PRODUCT = "muoi-ngam-chan-thao-duoc-sinh-duoc"
ROUND_NAME = "Đợt 2 năm 2026 (minh họa)"


def demo_load(*, stdout) -> None:
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[MANAGER, COUNCIL, STAFF])}
    cooperative = Cooperative.objects.filter(slug=COOPERATIVE).first()
    products = Product.objects.in_bulk([DRAFT_PRODUCT, REVIEW_PRODUCT], field_name="slug")
    if len(users) < 3 or cooperative is None or len(products) < 2:
        stdout.write("Hồ sơ OCOP (dossiers): bỏ qua — thiếu tài khoản hoặc sản phẩm minh họa (accounts/products demo).")
        return
    first_email = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    loaded = sum(len(report.created) for report in criteria_sets_load())
    round_ = demo_round_load(council=users[COUNCIL])
    created = []
    manager, staff = users[MANAGER], users[STAFF]
    if not Registration.objects.filter(product=products[DRAFT_PRODUCT]).exists():
        created.append(_draft(cooperative, products[DRAFT_PRODUCT], manager))
    if not Registration.objects.filter(product=products[REVIEW_PRODUCT]).exists():
        created.append(_under_review(cooperative, products[REVIEW_PRODUCT], manager, staff, round_))
    # The demo's own workflow emails are not sent to anybody.
    OutboundEmail.objects.filter(pk__gt=first_email, status=OutboundEmail.Status.PENDING).delete()
    stdout.write(
        f"Hồ sơ OCOP (dossiers): {loaded} phiếu chấm chính thức mới nạp; "
        f"{len(created)} hồ sơ tạo mới; đợt đánh giá: {round_.name}."
    )


def demo_round_load(*, council) -> Round:
    round_, _created = Round.objects.get_or_create(
        name=ROUND_NAME,
        defaults={
            "year": 2026,
            "council_name": "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình",
            "opens_on": datetime.date(2026, 11, 2),
            "scoring_until": datetime.date(2026, 12, 15),
        },
    )
    RoundMember.objects.get_or_create(
        round=round_, user=council, defaults={"is_chair": True, "position_title": "Chủ tịch Hội đồng"}
    )
    return round_


FORM = {
    "contact_name": "Quản lý HTX Sinh Dược (demo)",
    "contact_phone": "0912345678",
    "production_address": "Thôn Tập Ninh, xã Gia Sinh",
    "raw_materials": "Thảo dược do hợp tác xã tự trồng trên 3 ha tại Gia Sinh; muối biển mua của diêm dân Kim Sơn.",
    "annual_output": "12.000 hộp",
    "sales_channels": "Cửa hàng tại hợp tác xã, điểm du lịch Tràng An, sàn thương mại điện tử.",
}


def _choices(registration, *, pick, limit=None) -> dict:
    """Answers for the self-assessment: `pick(options)` chooses among a criterion's options."""
    view = sheet_load(registration.sheet)
    criteria = view.criteria[:limit] if limit else view.criteria
    return {c.pk: pick(list(c.options.all())).pk for c in criteria}


def _pdf(title: str) -> ContentFile:
    body = f"%PDF-1.4\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return document_clean(ContentFile(body.encode("latin-1", "replace"), name="demo.pdf"))


def _draft(cooperative, product, manager) -> Registration:
    registration = dossiers.registration_start(
        cooperative=cooperative,
        product=product,
        by=manager,
        product_description=product.description.split("\n")[0],
        target_stars=3,
        **FORM,
    )
    dossiers.self_assessment_save(
        registration=registration, by=manager, choices=_choices(registration, pick=lambda o: o[1], limit=8)
    )
    doc_type = DocumentType.objects.get(code="business-registration")
    dossiers.document_add(
        registration=registration,
        doc_type=doc_type,
        content=_pdf("Giay chung nhan dang ky HTX"),
        original_name="giay-dang-ky-htx-sinh-duoc.pdf",
        by=manager,
    )
    return registration


def _under_review(cooperative, product, manager, staff, round_) -> Registration:
    registration = dossiers.registration_start(
        cooperative=cooperative,
        product=product,
        by=manager,
        kind=Registration.Kind.UPGRADE,
        product_description=product.description.split("\n")[0],
        target_stars=5,
        **FORM,
    )
    dossiers.self_assessment_save(
        registration=registration, by=manager, choices=_choices(registration, pick=lambda o: o[-1])
    )
    for doc_type in DocumentType.objects.filter(is_required=True, is_active=True).exclude(code="lab-test"):
        dossiers.document_add(
            registration=registration,
            doc_type=doc_type,
            content=_pdf(doc_type.code),
            original_name=f"{doc_type.code}.pdf",
            by=manager,
        )
    lab_test = DocumentType.objects.get(code="lab-test")
    if lab_test.is_required:
        # Sent without the lab test first: refused, as it would be for a real cooperative.
        dossiers.document_add(
            registration=registration,
            doc_type=lab_test,
            content=_pdf("phieu kiem nghiem 2023"),
            original_name="phieu-kiem-nghiem-2023.pdf",
            by=manager,
        )
    dossiers.registration_submit(registration=registration, by=manager)
    workflow.registration_return(
        registration=registration,
        by=staff,
        note="Phiếu kiểm nghiệm đã hết hiệu lực (năm 2023). Đề nghị bổ sung phiếu kiểm nghiệm trong 12 tháng gần nhất.",
    )
    dossiers.document_add(
        registration=registration,
        doc_type=lab_test,
        content=_pdf("phieu kiem nghiem 2026"),
        original_name="phieu-kiem-nghiem-2026.pdf",
        by=manager,
    )
    dossiers.registration_resubmit(
        registration=registration, by=manager, note="Đã bổ sung phiếu kiểm nghiệm tháng 10/2026."
    )
    workflow.registration_commune_check(
        registration=registration, by=staff, internal_note="UBND xã Gia Sinh xác nhận nguồn gốc (minh họa)."
    )
    workflow.registrations_assign_round(registrations=[registration], round=round_, by=staff)
    registration.refresh_from_db()
    return registration
