"""The 5-star path in a browser: the staff forward a dossier the provincial council scored 100
points, find it in the queue waiting for the national decision, record the ministry's decision,
and the cooperative sees its 5-star certificate."""

from django.utils import timezone

from registrations.models import Registration
from tests.e2e.helpers import e2e_db, login
from tests.factories import StaffUserFactory
from tests.factories.registrations import owner, scored_make

PASSWORD = "Tinh-dau-buoi-2026"


@e2e_db
def test_staff_forward_to_national_council_and_record_its_decision(page, phone_page):
    staff = StaffUserFactory(email="canbo@lmhtx.vn", password=PASSWORD)
    registration = scored_make(staff=staff)
    cooperative_user = owner(registration)
    cooperative_user.set_password(PASSWORD)
    cooperative_user.save()
    product = registration.product.name

    # 1. The staff open the scored dossier and forward it.
    login(page, staff.email, PASSWORD)
    page.goto(f"/dossiers/staff/{registration.pk}/")
    form = page.locator("form.national-forward")
    assert form.get_by_label("Gửi tới (Bộ)").input_value() == "Bộ Nông nghiệp và Môi trường"
    form.get_by_label("Số văn bản đề nghị của tỉnh").fill("456/UBND-KTTH")
    form.get_by_role("button", name="Chuyển Hội đồng trung ương").click()
    assert "Đã chuyển hồ sơ lên Hội đồng trung ương." in page.locator(".alert-success").inner_text()
    assert page.locator(".national-waiting").inner_text() == "đang chờ quyết định cấp trung ương 0 ngày"

    # 2. The queue shows it waiting for the national decision, and for how long.
    page.goto("/dossiers/staff/")
    panel = page.locator(".national-queue")
    assert "Chờ quyết định cấp trung ương: 1 hồ sơ" in panel.inner_text()
    assert "456/UBND-KTTH" in panel.inner_text()
    assert panel.locator(".national-days").inner_text() == "0 ngày"
    panel.get_by_role("link", name=product).click()

    # 3. The ministry's decision arrives: 5 stars, it is the certificate.
    form = page.locator("form.national-decision")
    form.get_by_label("Số quyết định cấp trung ương").fill("781/QĐ-BNNMT")
    form.get_by_label("Ngày quyết định cấp trung ương").fill(timezone.localdate().isoformat())
    form.get_by_label("Số sao theo quyết định trung ương").select_option("5")
    form.get_by_role("button", name="Ghi nhận quyết định cấp trung ương").click()

    registration.refresh_from_db()
    assert registration.state == Registration.State.CERTIFIED
    code = registration.certificate.product_code
    assert f"Đã cấp giấy chứng nhận: mã sản phẩm {code}." in page.locator(".alert-success").inner_text()
    page.goto("/dossiers/staff/")
    assert page.locator(".national-queue").count() == 0

    # 4. The cooperative, on its phone, sees the 5-star certificate of the national decision.
    login(phone_page, cooperative_user.email, PASSWORD)
    phone_page.goto(f"/dossiers/{registration.pk}/")
    text = phone_page.locator("main").inner_text()
    assert "781/QĐ-BNNMT" in text
    assert "Bộ Nông nghiệp và Môi trường" in text
    assert code in text
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
