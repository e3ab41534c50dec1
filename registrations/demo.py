"""Demo round and dossiers for `manage.py load_demo` (idempotent), scored on the official sheets.

The official sheets of Decision 148/2023 are loaded first (registrations.services.criteria — the
same idempotent loader `make run` calls as `manage.py load_criteria`). The dossiers belong to
the demo cooperative HTX Sinh Dược and go through the real services, so their timelines are
genuine:
- "Tinh dầu sả chanh": a draft on sheet 20 (essential oils), half filled in, for the
  cooperative manager to finish;
- "Muối ngâm chân thảo dược": an upgrade, returned once, resubmitted, checked and now before
  the demo round's council (the demo council member scores it);
- "Tinh dầu vỏ bưởi": scored 100 points (5 stars) by the council of an earlier, closed round
  and forwarded to the national council, where it waits for the ministry's decision (the staff
  record it on the dossier's page).
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
from registrations.services import dossiers, national, workflow
from registrations.services.criteria import criteria_sets_load

DEMO_ORDER = 95  # after the demo accounts (accounts.demo, 90)
COOPERATIVE = "htx-sinh-duoc"
MANAGER = "sinhduoc@demo.ocop.vn"
COUNCIL = "hoidong@demo.ocop.vn"
STAFF = "canbo@demo.ocop.vn"
DRAFT_PRODUCT = "tinh-dau-sa-chanh-sinh-duoc"
REVIEW_PRODUCT = "muoi-ngam-chan-thao-duoc-sinh-duoc"
NATIONAL_PRODUCT = "tinh-dau-buoi-sinh-duoc"
ROUND_NAME = "Đợt 2 năm 2026 (minh họa)"
EARLIER_ROUND_NAME = "Đợt 1 năm 2026 (minh họa)"


def demo_load(*, stdout) -> None:
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[MANAGER, COUNCIL, STAFF])}
    cooperative = Cooperative.objects.filter(slug=COOPERATIVE).first()
    products = Product.objects.in_bulk([DRAFT_PRODUCT, REVIEW_PRODUCT, NATIONAL_PRODUCT], field_name="slug")
    if len(users) < 3 or cooperative is None or len(products) < 3:
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
    if not Registration.objects.filter(product=products[NATIONAL_PRODUCT]).exists():
        created.append(_forwarded(cooperative, products[NATIONAL_PRODUCT], manager, staff, users[COUNCIL]))
    # The demo's own workflow emails are not sent to anybody.
    OutboundEmail.objects.filter(pk__gt=first_email, status=OutboundEmail.Status.PENDING).delete()
    stdout.write(
        f"Hồ sơ OCOP (dossiers): {loaded} phiếu chấm chính thức mới nạp; "
        f"{len(created)} hồ sơ tạo mới; đợt đánh giá: {round_.name}."
    )


def demo_round_load(*, council, name=ROUND_NAME, opens_on=datetime.date(2026, 11, 2), until=None) -> Round:
    round_, _created = Round.objects.get_or_create(
        name=name,
        defaults={
            "year": 2026,
            "council_name": "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình",
            "opens_on": opens_on,
            "scoring_until": until or opens_on + datetime.timedelta(days=43),
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


def _sent_for_review(cooperative, product, manager, staff, *, target_stars, **kinds) -> Registration:
    """A dossier filled in with the best option of every criterion, its required documents, sent
    and checked by the commune."""
    registration = dossiers.registration_start(
        cooperative=cooperative,
        product=product,
        by=manager,
        product_description=product.description.split("\n")[0],
        target_stars=target_stars,
        **kinds,
        **FORM,
    )
    dossiers.self_assessment_save(
        registration=registration, by=manager, choices=_choices(registration, pick=lambda o: o[-1])
    )
    for doc_type in DocumentType.objects.filter(is_required=True, is_active=True):
        dossiers.document_add(
            registration=registration,
            doc_type=doc_type,
            content=_pdf(doc_type.code),
            original_name=f"{doc_type.code}.pdf",
            by=manager,
        )
    dossiers.registration_submit(registration=registration, by=manager)
    workflow.registration_commune_check(
        registration=registration, by=staff, internal_note="UBND xã Gia Sinh xác nhận nguồn gốc (minh họa)."
    )
    return registration


def _forwarded(cooperative, product, manager, staff, council) -> Registration:
    registration = _sent_for_review(cooperative, product, manager, staff, target_stars=5)
    earlier = demo_round_load(council=council, name=EARLIER_ROUND_NAME, opens_on=datetime.date(2026, 5, 4))
    Round.objects.filter(pk=earlier.pk).update(is_open=True)
    workflow.registrations_assign_round(registrations=[registration], round=earlier, by=staff)
    workflow.scorecard_save(
        registration=registration,
        member=council,
        choices=_choices(registration, pick=lambda o: o[-1]),
        submit=True,
    )
    workflow.registration_finalize(registration=registration, by=staff)
    Round.objects.filter(pk=earlier.pk).update(is_open=False)
    national.registration_forward_national(
        registration=registration,
        by=staff,
        ministry="Bộ Nông nghiệp và Môi trường",
        dispatch_number="DEMO-456/UBND-KTTH",
        note="Sản phẩm đạt 100 điểm, được tỉnh đề nghị Hội đồng cấp trung ương đánh giá, công nhận 5 sao.",
    )
    registration.refresh_from_db()
    return registration
