import datetime
import re

from showcase.models import Enquiry
from tests.e2e.helpers import e2e_db
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory, product_set


def _certified(name, **product_fields):
    product = ProductFactory(name=name, **product_fields)
    CertificateFactory(product=product, stars=4)
    return product


@e2e_db
def test_buyer_searches_without_accents_opens_a_product_and_sends_an_enquiry(page):
    cooperative = CooperativeFactory(name="HTX dịch vụ nông nghiệp Khánh Nhạc", email="htx@example.vn")
    _certified("Nếp nhung lùn Khánh Nhạc", cooperative=cooperative, story="Giống nếp cổ của làng.")
    _certified("Chiếu cói Kim Sơn", product_set=product_set("21"))

    page.goto("/")
    page.get_by_label("Tìm sản phẩm").fill("nep nhung")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/products/?q=nep+nhung")
    results = page.locator(".product-card")
    assert results.count() == 1
    page.get_by_role("link", name="Nếp nhung lùn Khánh Nhạc").click()

    assert page.locator("h1").inner_text() == "Nếp nhung lùn Khánh Nhạc"
    assert "Giống nếp cổ của làng." in page.content()
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Điện thoại").fill("0987 654 321")
    page.get_by_label("Số lượng").fill("500 kg mỗi tháng")
    page.get_by_label("Nội dung").fill("Chúng tôi muốn nhập hàng cho chuỗi cửa hàng.")
    page.get_by_role("button", name="Gửi yêu cầu", exact=True).click()

    page.wait_for_selector(".alert-success")
    assert "Cảm ơn bạn: yêu cầu đã được gửi tới chủ thể sản xuất." in page.locator(".alert-success").inner_text()
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.phone, enquiry.cooperative_id) == ("Trần Thị Bình", "0987654321", cooperative.pk)


@e2e_db
def test_qr_address_opens_the_traceability_page(page):
    product = _certified("Tinh bột nghệ Yên Sơn", story="Từ mười tạ nghệ tươi chỉ thu được khoảng mười cân tinh bột.")
    expired = ProductFactory(name="Thịt dê núi")
    CertificateFactory(product=expired, status="expired", decision_date=datetime.date(2021, 3, 1))

    page.goto(product.qr_code.get_absolute_url())
    assert page.locator("h1").inner_text() == "Tinh bột nghệ Yên Sơn"
    assert "Sản phẩm đạt chứng nhận OCOP 4 sao" in page.locator(".trace-verdict").inner_text()
    assert product.cooperative.name in page.content()

    page.goto(expired.qr_code.get_absolute_url())
    assert "đã hết hiệu lực" in page.locator(".trace-verdict").inner_text()


@e2e_db
def test_catalogue_fits_a_phone_screen_and_filters_work(phone_page):
    for n in range(8):
        _certified(f"Sản phẩm OCOP có tên khá dài để thử màn hình nhỏ số {n}")

    phone_page.goto("/products/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone_page.locator(".product-card").count() == 8

    phone_page.locator("summary", has_text="Bộ lọc").click()
    phone_page.get_by_role("checkbox", name=re.compile("4 sao")).first.check()
    phone_page.wait_for_url("**stars=4**")
    assert phone_page.locator(".product-card").count() == 8
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
