"""A cooperative's representative signs up, confirms the email, is approved by staff, logs in
and adds a product with a photo — in a real browser."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from accounts.models import SignupRequest
from accounts.services import signup_approve
from ocop_portal.models import OutboundEmail
from products.models import Product
from tests.e2e.helpers import e2e_db
from tests.factories import CooperativeFactory, StaffUserFactory

PASSWORD = "Nep-cai-hoa-vang-2026"


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 160, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


@e2e_db
def test_signup_approval_login_and_first_product_with_a_photo(page):
    cooperative = CooperativeFactory(name="HTX Nông nghiệp Đại Hoàng")
    staff = StaffUserFactory()

    # 1. Find the cooperative without typing the accents, and ask for an account.
    page.goto("/accounts/signup/")
    page.get_by_label("Tên hợp tác xã của bạn").fill("dai hoang")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Đây là HTX của tôi").click()
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Email").fill("binh@daihoang.vn")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_url("**/accounts/signup/sent/")
    expect(page.locator("h1")).to_have_text("Hãy kiểm tra email")

    # 2. Open the confirmation link of the email.
    email = OutboundEmail.objects.get(to=["binh@daihoang.vn"])
    link = re.search(r"https?://\S+(/accounts/signup/confirm/\S+/)", email.body).group(1)
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("đã được xác nhận")

    # 3. Staff approve the request.
    signup_approve(signup=SignupRequest.objects.get(email="binh@daihoang.vn"), by=staff)

    # 4. First login lands in the cooperative's space.
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("binh@daihoang.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/space/")
    assert page.locator(".space-name").inner_text() == "HTX Nông nghiệp Đại Hoàng"

    # 5. Add a product with a photo.
    page.get_by_role("link", name="+ Thêm sản phẩm").first.click()
    page.get_by_label("Tên").first.fill("Gạo nếp cái hoa vàng")
    page.get_by_label("Bộ sản phẩm (phân loại OCOP)").select_option(label="03 · Gạo, ngũ cốc, hạt sơ chế khác")
    page.locator("input[name=photos]").set_input_files(
        [{"name": "nep.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.get_by_label("Nội dung ảnh").fill("Túi gạo nếp 2 kg")
    page.get_by_role("button", name="Thêm sản phẩm").click()

    expect(page.locator(".alert-success")).to_contain_text("Đã thêm sản phẩm “Gạo nếp cái hoa vàng”.")
    product = Product.objects.get(cooperative=cooperative)
    photo = product.photos.get()
    assert photo.alt_text == "Túi gạo nếp 2 kg"
    image = page.locator("#photos img").first
    assert image.get_attribute("alt") == "Túi gạo nếp 2 kg"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
