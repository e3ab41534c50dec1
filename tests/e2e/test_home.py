from tests.e2e.helpers import e2e_db
from tests.factories import CertificateFactory


@e2e_db
def test_home_page_shows_numbers_and_switches_to_english(page):
    CertificateFactory(stars=5)
    page.goto("/")
    assert page.locator("h1").inner_text() == "Sản phẩm OCOP của các hợp tác xã Ninh Bình"
    assert (
        "Sản phẩm đạt chứng nhận OCOP" in page.locator("section[aria-labelledby=numbers-title] .numbers").inner_text()
    )
    page.get_by_role("button", name="EN").click()
    page.wait_for_url("**/en/")
    assert page.locator("h1").inner_text() == "OCOP products of Ninh Bình cooperatives"


@e2e_db
def test_home_page_fits_a_phone_screen(phone_page):
    phone_page.goto("/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
