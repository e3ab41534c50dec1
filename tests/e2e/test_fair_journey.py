"""A cooperative applies for a booth with two products on a phone; staff accept it and allocate
a booth in a desktop browser; the public event page lists the exhibitor; after the first day the
cooperative reports its outcomes."""

import datetime

from fairs.models import Application, Event
from tests.e2e.helpers import e2e_db
from tests.factories import CertificateFactory, MembershipFactory, StaffUserFactory, UserFactory
from tests.factories.fairs import EventFactory, in_days

PASSWORD = "Hoi-cho-OCOP-2026"


def _login(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@e2e_db
def test_apply_accept_allocate_publish_and_report(phone_page, page):
    manager = UserFactory(email="lan@sinhduoc.vn", full_name="Phạm Thị Lan", password=PASSWORD)
    cooperative = MembershipFactory(user=manager, cooperative__name="HTX Sinh Dược").cooperative
    for name in ("Xà phòng dược liệu", "Muối ngâm chân thảo dược"):
        CertificateFactory(product__cooperative=cooperative, product__name=name, stars=4)
    staff = StaffUserFactory(email="canbo@lienminh.vn", password=PASSWORD)
    event = EventFactory(name="Hội chợ OCOP Ninh Bình 2027", booth_count=5)

    # 1. On a phone, the cooperative applies with its two products.
    _login(phone_page, manager.email)
    phone_page.goto("/space/fairs/")
    phone_page.get_by_role("link", name="Đăng ký gian hàng").first.click()
    phone_page.get_by_label("Xà phòng dược liệu").check()
    phone_page.get_by_label("Muối ngâm chân thảo dược").check()
    phone_page.locator("#id_person_0_name").fill("Phạm Thị Lan")
    phone_page.locator("#id_person_0_phone").fill("0912 345 678")
    phone_page.get_by_role("button", name="Gửi đơn đăng ký").click()
    assert "Đã gửi đơn đăng ký" in phone_page.locator(".alert-success").inner_text()
    application = Application.objects.get(event=event)
    assert application.products.count() == 2

    # 2. Staff accept it on the review page and give it booth A07.
    _login(page, staff.email)
    page.goto(f"/staff/fairs/{event.pk}/")
    row = page.locator(f"#application-{application.pk}")
    assert "Xà phòng dược liệu" in row.inner_text()
    row.get_by_role("button", name="Chấp nhận").click()
    assert "Đã chấp nhận" in page.locator(".alert-success").inner_text()
    page.get_by_role("link", name="Gian hàng", exact=True).click()
    page.locator(f"#booth-{application.pk}").fill("A07")
    page.get_by_role("button", name="Lưu số gian hàng").click()
    application.refresh_from_db()
    assert (application.status, application.booth_number) == ("accepted", "A07")

    # 3. The public event page lists the exhibitor with its booth and products.
    page.goto(event.get_absolute_url())
    exhibitors = page.locator(".exhibitor-list").inner_text()
    assert "HTX Sinh Dược" in exhibitors and "A07" in exhibitors and "Muối ngâm chân thảo dược" in exhibitors

    # 4. From the first day, the cooperative reports its results on the phone.
    Event.objects.filter(pk=event.pk).update(starts_on=datetime.date.today(), application_deadline=in_days(-1))
    phone_page.goto(f"/space/fairs/applications/{application.pk}/")
    phone_page.get_by_role("link", name="Báo cáo kết quả").click()
    phone_page.locator("#id_sales_vnd").fill("4.500.000")
    phone_page.locator("#id_contracts_count").fill("2")
    phone_page.locator("#id_contracts_value_vnd").fill("60.000.000")
    phone_page.locator("#id_new_buyers").fill("5")
    phone_page.get_by_role("button", name="Lưu kết quả").click()
    assert "kết quả của bạn đã được ghi nhận" in phone_page.locator(".alert-success").inner_text()
    application.refresh_from_db()
    assert application.outcome.sales_vnd == 4_500_000 and application.outcome.contracts_value_vnd == 60_000_000
