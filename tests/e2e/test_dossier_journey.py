"""A cooperative's manager drafts an OCOP dossier on a phone-sized screen and in a desktop
browser: the form, the self-assessment on the score sheet, a document — and sends it."""

from registrations.models import Document, DocumentType, Registration
from tests.e2e.helpers import e2e_db
from tests.factories import MembershipFactory, ProductFactory, UserFactory
from tests.factories.registrations import PDF_BYTES, small_sheet

PASSWORD = "Muoi-ngam-chan-2026"


def _login(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@e2e_db
def test_cooperative_drafts_and_submits_a_dossier_with_a_document(page, tmp_path):
    user = UserFactory(email="hoa@sinhduoc.vn", full_name="Nguyễn Thị Hoa", password=PASSWORD)
    membership = MembershipFactory(user=user)
    ProductFactory(cooperative=membership.cooperative, name="Muối ngâm chân thảo dược")
    small_sheet()
    # Staff decide which documents are required: here only the label.
    DocumentType.objects.exclude(code="label").update(is_required=False)
    pdf_path = tmp_path / "nhan-san-pham.pdf"
    pdf_path.write_bytes(PDF_BYTES)

    _login(page, user.email)
    page.goto("/dossiers/")
    page.get_by_role("link", name="Đăng ký sản phẩm").first.click()

    # 1. Start: choose the product.
    page.locator("#id_product").select_option(label="Muối ngâm chân thảo dược")
    page.get_by_role("button", name="Tạo hồ sơ nháp").click()
    assert "Đã tạo hồ sơ nháp" in page.locator(".alert-success").inner_text()

    # 2. The registration form (contact person already filled from the account).
    assert page.locator("#id_contact_name").input_value() == "Nguyễn Thị Hoa"
    page.locator("#id_contact_phone").fill("0912345678")
    page.locator("#id_product_description").fill("Muối biển rang với gừng, ngải cứu và quế.")
    page.get_by_role("button", name="Lưu và sang phần tự đánh giá").click()

    # 3. Self-assessment: one answer per criterion; the running total follows the ticks.
    for label in ["Toàn bộ", "Có hợp đồng", "Trong huyện", "Tốt", "Đã công bố"]:
        page.get_by_label(label).check()
    assert page.locator("[data-total]").inner_text() == "70"
    page.get_by_role("button", name="Lưu và sang phần tài liệu").click()

    # 4. A document.
    page.locator("#id_doc_type").select_option(label="Nhãn và bao bì sản phẩm")
    page.locator("#id_file").set_input_files(str(pdf_path))
    page.get_by_role("button", name="Tải lên").click()
    assert "Đã thêm tài liệu." in page.locator(".alert-success").inner_text()
    assert page.get_by_role("link", name="nhan-san-pham.pdf").is_visible()

    # 5. Send.
    page.get_by_role("link", name="Xong: kiểm tra và gửi hồ sơ").click()
    page.get_by_role("button", name="Gửi Liên minh HTX").click()

    assert "Hồ sơ đã được gửi tới Liên minh HTX" in page.locator(".alert-success").inner_text()
    assert page.locator(".dossier-state").first.inner_text() == "Đã gửi — đang chờ kiểm tra"
    registration = Registration.objects.get()
    assert registration.state == "submitted"
    assert registration.scorecards.get(kind="self").total == 70
    assert Document.objects.get().original_name == "nhan-san-pham.pdf"


@e2e_db
def test_self_assessment_fits_a_phone_screen(phone_page):
    user = UserFactory(email="lan@sinhduoc.vn", password=PASSWORD)
    membership = MembershipFactory(user=user)
    product = ProductFactory(cooperative=membership.cooperative)
    small_sheet()
    from registrations.services.dossiers import registration_start

    registration = registration_start(cooperative=membership.cooperative, product=product, by=user)

    _login(phone_page, user.email)
    for url in [f"/dossiers/{registration.pk}/", f"/dossiers/{registration.pk}/self-assessment/"]:
        phone_page.goto(url)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375, url
