"""Factories for the OCOP workflow: a small test score sheet, council members, rounds and
dossiers at any step (built through the real services)."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from accounts.roles import COUNCIL_MEMBER
from products.models import ClassificationScheme
from registrations.models import CriteriaVersion, DocumentType, Registration, Round, RoundMember, ScoreSheet
from registrations.scoring import sheet_load
from registrations.services import dossiers, workflow
from registrations.services.sheets_import import score_sheet_import

from .accounts import UserFactory
from .cooperatives import MembershipFactory
from .products import ProductFactory, product_set

# A sheet small enough to reason about, with totals that reach every band edge:
#   a: 0/10/20   b: 0/10 (****)/20 (*****)   c: 0/0.99/4.99/5/24.99/25   d: 0/20/30   e: 0/5 (***)
TEST_SHEET_CSV = """title,description,level,stars,score
Phần A SẢN PHẨM VÀ SỨC MẠNH CỦA CỘNG ĐỒNG (40 Điểm),,0,,40
1. TỔ CHỨC SẢN XUẤT,,1,,40
a) Nguồn nguyên liệu,,2,,20
□ Dưới một nửa,,3,,0
□ Một nửa trở lên,,3,,10
□ Toàn bộ,,3,,20
b) Liên kết chuỗi,,2,,20
□ Không có,,3,,0
□ Có hợp đồng****,,3,4,10
□ Hợp đồng ổn định*****,,3,5,20
Phần B KHẢ NĂNG TIẾP THỊ (25 Điểm),,0,,25
2. TIẾP THỊ,,1,,25
c) Kênh phân phối,,2,,25
□ Không có,,3,,0
□ Rất ít,,3,,0.99
□ Trong xã,,3,,4.99
□ Trong huyện,,3,,5
□ Gần toàn tỉnh,,3,,24.99
□ Toàn quốc,,3,,25
Phần C CHẤT LƯỢNG SẢN PHẨM (35 Điểm),,0,,35
3. CHẤT LƯỢNG,,1,,35
d) Cảm quan,,2,,30
□ Kém,,3,,0
□ Khá,,3,,20
□ Tốt,,3,,30
e) Công bố chất lượng,,2,,5
□ Chưa công bố,,3,,0
□ Đã công bố***,,3,3,5
"""

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def criteria_version(code="qd148-2023") -> CriteriaVersion:
    version = CriteriaVersion.objects.filter(code=code).first()
    if version is None:
        version = CriteriaVersion.objects.create(
            code=code, name=code, scheme=ClassificationScheme.objects.get(code="qd148-2023")
        )
    return version


def small_sheet(set_code="03", *, version=None) -> ScoreSheet:
    """The small test sheet, imported (and active) for a product set."""
    existing = ScoreSheet.objects.filter(product_set=product_set(set_code), is_active=True).first()
    if existing is not None:
        return existing
    return score_sheet_import(
        data=TEST_SHEET_CSV.encode(),
        file_name="test-sheet.csv",
        product_set=product_set(set_code),
        version=version or criteria_version(),
    )


def choices_by_points(sheet, points: list) -> dict:
    """{criterion_id: option_id} picking, in criterion order, the option worth `points[i]`
    (None: "none of these")."""
    view = sheet_load(sheet)
    result = {}
    for criterion, wanted in zip(view.criteria, points, strict=True):
        if wanted is None:
            result[criterion.pk] = None
            continue
        option = next(o for o in criterion.options.all() if o.points == wanted)
        result[criterion.pk] = option.pk
    return result


class CouncilUserFactory(UserFactory):
    @factory.post_generation
    def council_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=COUNCIL_MEMBER))


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Đợt {n} năm 2026")
    year = 2026
    opens_on = datetime.date(2026, 11, 1)


class RoundMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundMember

    round = factory.SubFactory(RoundFactory)
    user = factory.SubFactory(CouncilUserFactory)


def round_with_council(size=3) -> Round:
    round_ = RoundFactory()
    for i in range(size):
        RoundMemberFactory(round=round_, is_chair=i == 0)
    return round_


def member_of(cooperative=None):
    """A manager (user) of `cooperative` (a new cooperative when None)."""
    kwargs = {"cooperative": cooperative} if cooperative is not None else {}
    return MembershipFactory(**kwargs).user


def pdf(name="tai-lieu.pdf") -> ContentFile:
    from ocop_portal.uploads import document_clean

    return document_clean(ContentFile(PDF_BYTES, name=name))


def required_documents_add(registration, user, *, skip=()):
    for doc_type in DocumentType.objects.filter(is_required=True, is_active=True):
        if doc_type.code in skip:
            continue
        dossiers.document_add(
            registration=registration, doc_type=doc_type, content=pdf(), original_name=f"{doc_type.code}.pdf", by=user
        )


FORM = {"contact_name": "Nguyễn Thị Hoa", "contact_phone": "0912345678", "product_description": "Gạo nếp thơm."}


def draft_make(
    *, user=None, product=None, complete=True, points=(20, 10, 5, 30, 5), kind=Registration.Kind.FIRST
) -> Registration:
    """A draft dossier; with `complete`, ready to submit (form, self-assessment, documents)."""
    user = user or member_of()
    cooperative = user.membership.cooperative
    product = product or ProductFactory(cooperative=cooperative)
    sheet = small_sheet(product.product_set.code)
    registration = dossiers.registration_start(
        cooperative=cooperative, product=product, by=user, kind=kind, **(FORM if complete else {})
    )
    if complete:
        dossiers.self_assessment_save(
            registration=registration, by=user, choices=choices_by_points(sheet, list(points))
        )
        required_documents_add(registration, user)
    registration.refresh_from_db()
    return registration


def owner(registration):
    return registration.cooperative.memberships.first().user


def advance(registration, to: str, *, staff, round_=None) -> Registration:
    """Move a complete draft along the workflow until it reaches `to` (up to under_review)."""
    order = ["submitted", "commune_checked", "under_review"]
    user = owner(registration)
    if to == "draft":
        return registration
    if to == "returned":
        dossiers.registration_submit(registration=registration, by=user)
        workflow.registration_return(registration=registration, by=staff, note="Bổ sung phiếu kiểm nghiệm.")
    elif to == "resubmitted":
        advance(registration, "returned", staff=staff)
        dossiers.registration_resubmit(registration=registration, by=user, note="Đã bổ sung.")
    elif to == "withdrawn":
        dossiers.registration_withdraw(registration=registration, by=user)
    else:
        steps = order[: order.index(to) + 1] if to in order else order
        for step in steps:
            if step == "submitted":
                dossiers.registration_submit(registration=registration, by=user)
            elif step == "commune_checked":
                workflow.registration_commune_check(registration=registration, by=staff)
            elif step == "under_review":
                workflow.registrations_assign_round(
                    registrations=[registration], round=round_ or round_with_council(), by=staff
                )
    registration.refresh_from_db()
    return registration


def council_score_all(registration, points=(20, 10, 5, 30, 5)):
    """Every member of the dossier's round hands in the same scorecard."""
    choices = choices_by_points(registration.sheet, list(points))
    for membership in registration.round.memberships.all():
        workflow.scorecard_save(registration=registration, member=membership.user, choices=choices, submit=True)
