"""Factories for the OCOP workflow: a small test score sheet, council members, rounds and
dossiers at any step (built through the real services)."""

import datetime
from pathlib import Path

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

# Alternative cases (rule R9) written into other parts and groups than sheet 26 does:
# group 1 (part A) has a common criterion and three cases — case 1 a heading over two
# sub-criteria, cases 2 and 3 one row each; group 3 (part B) has two cases of its own. Each
# group's cases differ, so each is chosen on its own. Best: A 4 + 16 + 20, B 25, C 35 = 100.
CASES_SHEET_CSV = """title,description,level,stars,score
Phần A SẢN PHẨM VÀ SỨC MẠNH CỦA CỘNG ĐỒNG (40 Điểm),,0,,40
1. NGUYÊN LIỆU,Lựa chọn một trong ba trường hợp sau:,1,,20
a) Kế hoạch sản xuất,,2,,4
□ Không có,,3,,0
□ Có kế hoạch,,3,,4
b) Trường hợp 1: Tự sản xuất nguyên liệu,,2,,16
- Vùng nguyên liệu,,2,,10
□ Không có,,3,,0
□ Có vùng nguyên liệu riêng,,3,,10
- Chứng nhận vùng trồng,,2,,6
□ Chưa có,,3,,0
□ Có chứng nhận****,,3,4,6
c) Trường hợp 2: Mua nguyên liệu có hợp đồng,,2,,16
□ Không có hợp đồng,,3,,0
□ Có hợp đồng,,3,,8
□ Hợp đồng dài hạn,,3,,16
d) Trường hợp 3: Mua nguyên liệu tự do,,2,,16
□ Không rõ nguồn,,3,,0
□ Rõ nguồn gốc,,3,,12
2. TỔ CHỨC SẢN XUẤT,,1,,20
a) Tổ chức sản xuất,,2,,20
□ Hộ gia đình,,3,,0
□ Tổ hợp tác,,3,,10
□ Hợp tác xã,,3,,20
Phần B KHẢ NĂNG TIẾP THỊ (25 Điểm),,0,,25
3. KÊNH BÁN HÀNG,Lựa chọn một trong hai trường hợp sau:,1,,25
a) Trường hợp 1: Bán lẻ,,2,,25
□ Trong xã,,3,,5
□ Toàn quốc,,3,,25
b) Trường hợp 2: Bán buôn,,2,,25
□ Một đại lý,,3,,10
□ Nhiều đại lý,,3,,25
Phần C CHẤT LƯỢNG SẢN PHẨM (35 Điểm),,0,,35
4. CHẤT LƯỢNG,,1,,35
a) Cảm quan,,2,,35
□ Kém,,3,,0
□ Tốt,,3,,35
"""

# The same two cases in a group of part A and a group of part C (written once with "Điểm du
# lịch", once with "điểm du lich"): one choice made once for the whole sheet.
SHARED_CASES_CSV = """title,description,level,stars,score
Phần A SẢN PHẨM VÀ SỨC MẠNH CỦA CỘNG ĐỒNG (40 Điểm),,0,,40
1. TỔ CHỨC DỊCH VỤ,,1,,40
a. Trường hợp 1: Cộng đồng du lịch,,2,,40
□ Chưa có ban điều hành,,3,,0
□ Có ban điều hành,,3,,40
b. Trường hợp 2: Điểm du lịch,,2,,40
□ Chưa đăng ký,,3,,0
□ Có đăng ký kinh doanh,,3,,20
□ Đạt chuẩn*****,,3,5,40
Phần B KHẢ NĂNG TIẾP THỊ (25 Điểm),,0,,25
2. TIẾP THỊ,,1,,25
a) Quảng bá,,2,,25
□ Không,,3,,0
□ Có,,3,,25
Phần C CHẤT LƯỢNG SẢN PHẨM (35 Điểm),,0,,35
3. TIỆN NGHI,,1,,35
a. Trường hợp 1: cộng đồng du lịch,,2,,35
□ Thiếu,,3,,0
□ Đầy đủ,,3,,35
b. Trường hợp 2: điểm du lich,,2,,35
□ Thiếu,,3,,0
□ Đầy đủ,,3,,35
"""

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "registrations" / "data" / "criteria" / "qd148-2023"


def shipped_sheet_path(set_code: str) -> Path:
    """The official sheet of a product set as shipped in the repository."""
    return next(SHIPPED_DIR.glob(f"{set_code}-*.csv"))


def sheet_from_csv(text: str, set_code="03", *, file_name="cases.csv") -> ScoreSheet:
    return score_sheet_import(
        data=text.encode(), file_name=file_name, product_set=product_set(set_code), version=criteria_version()
    )


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


MINISTRY = "Bộ Nông nghiệp và Môi trường"
# On the small test sheet: 100 points, every requirement met (b's ***** option ticked).
FIVE_STARS = (20, 20, 25, 30, 5)


def scored_make(*, staff, points=FIVE_STARS, members=1, **draft) -> Registration:
    """A dossier the round's council scored with `points` (every member alike), result recorded."""
    registration = advance(draft_make(**draft), "under_review", staff=staff, round_=round_with_council(members))
    council_score_all(registration, points=points)
    workflow.registration_finalize(registration=registration, by=staff)
    registration.refresh_from_db()
    return registration


def forwarded_make(*, staff, ministry=MINISTRY, **scored) -> Registration:
    """A 5-star result forwarded to the national council, waiting for its decision."""
    from registrations.services import national

    registration = scored_make(staff=staff, **scored)
    national.registration_forward_national(registration=registration, by=staff, ministry=ministry)
    registration.refresh_from_db()
    return registration
