"""Demo plans for `manage.py load_demo`:

- the seed's plan, "Kế hoạch triển khai Chương trình mỗi xã một sản phẩm, giai đoạn 2019-2020"
  of the provincial Cooperative Alliance, with its targets exactly as it states them (at least
  25 cooperatives with products register flagship products; about 20–25 new cooperatives join
  OCOP; one centre introducing and selling OCOP products; trade promotion; 100 % of the leaders
  of participating cooperatives trained; news and exemplary stories; support for trademarks,
  barcodes, QR traceability and fund loans), closed;
- the current year's plan, in force, with figures the demo records reach in part.

Idempotent: plans are found by name, targets by (plan, metric); nothing that exists is changed."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .models import Plan, Target

DEMO_ORDER = 99  # after every app whose records the metrics count

SEED_PLAN = "Kế hoạch triển khai Chương trình mỗi xã một sản phẩm, giai đoạn 2019-2020"
SEED_NOTES = (
    "Căn cứ Quyết định số 992/QĐ-UBND ngày 12/7/2018 của UBND tỉnh Ninh Bình và Quyết định số "
    "174/QĐ-LMHTXVN ngày 06/5/2019 của Liên minh HTX Việt Nam. Tổng kết, đánh giá tình hình thực "
    'hiện "Chương trình mỗi xã một sản phẩm giai đoạn 2019-2020" sau 2 năm triển khai.'
)

# (metric, wording as the plan states it, target, upper end of the range)
SEED_TARGETS = [
    (
        "coops_registered_existing",
        "Đăng ký sản phẩm chủ lực của ít nhất 25 hợp tác xã đã có sản phẩm",
        Decimal(25),
        None,
    ),
    (
        "coops_new_to_ocop",
        "Phát triển mới khoảng 20 - 25 hợp tác xã ngành hàng có sản phẩm chủ lực tham gia chương trình OCOP",
        Decimal(20),
        Decimal(25),
    ),
    (
        "sales_centre_in_operation",
        "Xây dựng 01 điểm hoặc trung tâm giới thiệu, kết nối tiêu thụ và bán sản phẩm OCOP",
        Decimal(1),
        None,
    ),
    (
        "fair_participations",
        "Tích cực đưa các sản phẩm OCOP của các HTX tham gia các chương trình xúc tiến thương mại",
        None,
        None,
    ),
    (
        "conference_exhibitors",
        "Hội nghị kết nối cung cầu, giới thiệu, tiêu thụ sản phẩm khu vực đồng bằng sông Hồng vào năm 2020",
        None,
        None,
    ),
    (
        "leaders_trained_percent",
        "Đào tạo, tập huấn cho 100% lãnh đạo hợp tác xã đăng ký tham gia chương trình OCOP",
        Decimal(100),
        None,
    ),
    (
        "news_published",
        "Đăng tải các tin, bài về chương trình OCOP trên cổng thông tin điện tử của Liên minh HTX tỉnh",
        None,
        None,
    ),
    ("stories_published", "Nêu gương tập thể, cá nhân có thành tích tiêu biểu", None, None),
    ("support_trademark_done", "Hỗ trợ đăng ký nhãn hiệu, logo", None, None),
    ("support_barcode_done", "Hỗ trợ đăng ký mã vạch", None, None),
    ("support_qr_traceability_done", "Hỗ trợ truy xuất nguồn gốc mã QR", None, None),
    ("support_loan_done", "Hỗ trợ tiếp cận nguồn vốn vay của Quỹ quay vòng phát triển HTX tỉnh", None, None),
]


def _current_targets():
    return [
        ("products_certified", "Công nhận mới sản phẩm OCOP trong năm", Decimal(4), None),
        ("coops_registered", "HTX đăng ký sản phẩm tham gia OCOP trong năm", Decimal(8), None),
        ("coops_new_to_ocop", "HTX mới tham gia OCOP", Decimal(3), Decimal(5)),
        ("certificates_valid", "Sản phẩm OCOP còn hiệu lực cuối năm", Decimal(12), None),
        ("fair_participations", "Lượt HTX tham gia hội chợ, triển lãm", Decimal(10), None),
        ("leaders_trained_percent", "100% lãnh đạo HTX tham gia OCOP được tập huấn", Decimal(100), None),
        ("news_published", "Tin bài về OCOP trên cổng thông tin", Decimal(12), None),
        ("stories_published", "Bài gương điển hình", Decimal(4), None),
        ("sales_centre_in_operation", "Duy trì trung tâm giới thiệu và bán sản phẩm OCOP", Decimal(1), None),
        ("sales_centre_sales_vnd", "Doanh số trung tâm bán sản phẩm", Decimal(50_000_000), None),
        ("support_trademark_received", "Tiếp nhận yêu cầu hỗ trợ đăng ký nhãn hiệu", None, None),
    ]


def _plan(name, **fields) -> Plan:
    plan = Plan.objects.filter(name=name).first()
    if plan is None:
        plan = Plan(name=name, **fields)
        plan.full_clean()
        plan.save()
    return plan


def _targets(plan, rows) -> int:
    created = 0
    for position, (metric, wording, value, upper) in enumerate(rows):
        if plan.targets.filter(metric=metric).exists():
            continue
        target = Target(
            plan=plan, metric=metric, wording=wording, target_value=value, target_max=upper, position=position
        )
        target.full_clean()
        target.save()
        created += 1
    return created


def demo_load(*, stdout) -> None:
    seed = _plan(
        SEED_PLAN,
        document_issuer="Liên minh Hợp tác xã tỉnh Ninh Bình",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
        status=Plan.Status.CLOSED,
        notes=SEED_NOTES,
    )
    created = _targets(seed, SEED_TARGETS)
    year = timezone.localdate().year
    current = _plan(
        f"Kế hoạch thực hiện Chương trình OCOP năm {year}",
        document_issuer="Liên minh Hợp tác xã tỉnh Ninh Bình",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        status=Plan.Status.IN_FORCE,
    )
    created += _targets(current, _current_targets())
    stdout.write(f"Kế hoạch (plans): 2 kế hoạch, {created} chỉ tiêu tạo mới (created).")
