"""Staff open the programme dashboard, filter it by sector, follow a figure to the records
behind it, generate the period report and open the downloaded .docx."""

import datetime
import io

from docx import Document

from plans.models import Plan, Target
from products.models import Sector
from tests.e2e.helpers import e2e_db
from tests.factories import CertificateFactory, StaffUserFactory
from tests.factories.products import product_set

PASSWORD = "Ke-hoach-OCOP-2026"


@e2e_db
def test_dashboard_filter_drill_down_and_report(page):
    staff = StaffUserFactory(email="canbo@lienminh.vn", password=PASSWORD)
    year = datetime.date.today().year
    plan = Plan.objects.create(
        name=f"Kế hoạch OCOP năm {year}",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        status="in_force",
    )
    Target.objects.create(plan=plan, metric="products_certified", target_value=4, wording="Công nhận mới 4 sản phẩm")
    day = datetime.date(year, 1, 15)
    rice = CertificateFactory(decision_date=day, product__name="Gạo nếp cái hoa vàng")
    herbal = CertificateFactory(decision_date=day, product__name="Xà phòng dược liệu Sinh Dược")
    herbal.product.product_set = product_set("21")
    herbal.product.save()
    herbal_sector = Sector.objects.get(pk=herbal.product.product_set.group.sector_id)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    # 1. The dashboard shows the target's card: 2 of 4 certified.
    page.goto("/staff/plans/")
    figure = page.locator('[data-figure="products_certified"]')
    assert figure.inner_text() == "2"
    assert page.locator("svg.plans-chart").count() >= 3

    # 2. Filter by the herbal sector: one product left.
    page.get_by_label("Ngành", exact=True).select_option(str(herbal_sector.pk))
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_load_state()
    assert page.locator('[data-figure="products_certified"]').inner_text() == "1"

    # 3. Follow the figure to the records behind it.
    page.locator('[data-figure="products_certified"]').click()
    page.wait_for_load_state()
    records = page.locator("[data-records]").inner_text()
    assert herbal.product_code in records and rice.product_code not in records

    # 4. Generate the report from the dashboard and open the Word file.
    page.goto("/staff/plans/")
    page.get_by_role("button", name="Lập báo cáo (Word và Excel)").click()
    page.wait_for_load_state()
    assert page.locator("[data-report-status]").get_attribute("data-report-status") == "done"
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải tài liệu Word").click()
    path = info.value.path()
    with open(path, "rb") as handle:
        document = Document(io.BytesIO(handle.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert plan.name in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert rice.product_code in cells and herbal.product_code in cells
