import pytest
from django.core import mail
from django.urls import reverse

from ocop_portal.models import OutboundEmail
from showcase.models import Enquiry
from tests.factories import MembershipFactory

VALID = {
    "name": "Trần Thị Bình",
    "organisation": "Siêu thị Nông sản sạch",
    "phone": "0987 654 321",
    "email": "binh@sieuthi.vn",
    "quantity": "500 kg mỗi tháng",
    "message": "Chúng tôi muốn nhập nếp nhung cho chuỗi cửa hàng.",
    "website": "",
}


@pytest.fixture
def product(certified_product):
    cooperative = certified_product.cooperative
    cooperative.email = "htx@example.vn"
    cooperative.save()
    MembershipFactory(cooperative=cooperative, user__email="giamdoc@example.vn")
    return certified_product


def test_enquiry_is_stored_and_the_cooperative_emailed_after_commit(
    client, product, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(product.get_absolute_url(), VALID)
        assert mail.outbox == []  # nothing leaves before the transaction commits

    enquiry = Enquiry.objects.get()
    assert response.status_code == 302 and response.url == product.get_absolute_url()
    assert (enquiry.product, enquiry.cooperative, enquiry.name, enquiry.phone) == (
        product,
        product.cooperative,
        "Trần Thị Bình",
        "0987654321",
    )
    assert (enquiry.quantity, enquiry.status, enquiry.language) == ("500 kg mỗi tháng", Enquiry.Status.NEW, "vi")
    email = OutboundEmail.objects.get()
    assert email.to == ["htx@example.vn", "giamdoc@example.vn"]
    assert callbacks  # queued on commit

    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == f"Yêu cầu mới của người mua: {product.name}"
    assert "Trần Thị Bình" in sent.body and "500 kg mỗi tháng" in sent.body
    assert "http://127.0.0.1:8000/space/enquiries/" in sent.body
    assert sent.reply_to == ['"Trần Thị Bình" <binh@sieuthi.vn>']
    assert "binh@sieuthi.vn" in sent.message()["Reply-To"]
    assert sent.from_email != "binh@sieuthi.vn"  # the portal sends; the buyer gets the answers


def test_an_enquiry_by_phone_only_has_no_reply_to(client, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(product.get_absolute_url(), {**VALID, "email": ""})

    assert OutboundEmail.objects.get().reply_to == []
    assert mail.outbox[0].reply_to == []


def test_enquiry_success_message_is_shown_on_the_product_page(client, product):
    response = client.post(product.get_absolute_url(), VALID, follow=True)

    assert "Cảm ơn bạn: yêu cầu đã được gửi tới chủ thể sản xuất." in response.content.decode()


def test_enquiry_without_phone_or_email_is_refused_and_nothing_saved(client, product):
    response = client.post(product.get_absolute_url(), {**VALID, "phone": "", "email": ""})

    assert response.status_code == 200
    assert "Vui lòng ghi số điện thoại hoặc địa chỉ email để chủ thể sản xuất liên hệ lại." in response.content.decode()
    assert Enquiry.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_enquiry_with_a_bad_phone_and_no_message_shows_both_errors(client, product):
    response = client.post(product.get_absolute_url(), {**VALID, "phone": "12345", "message": ""})
    html = response.content.decode()

    assert "Enter a Vietnamese phone number" not in html  # shown in Vietnamese
    assert response.context["form"].errors.keys() == {"phone", "message"}
    assert 'value="Trần Thị Bình"' in html  # what was typed is kept
    assert Enquiry.objects.count() == 0


def test_enquiry_honeypot_pretends_success_and_stores_nothing(client, product):
    response = client.post(product.get_absolute_url(), {**VALID, "website": "http://spam.example"}, follow=True)

    assert "Cảm ơn bạn" in response.content.decode()
    assert Enquiry.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_enquiry_rate_limit_per_ip_refuses_the_sixth_in_an_hour(client, product, settings):
    settings.SHOWCASE_ENQUIRY_RATE_LIMIT = 5
    for _ in range(5):
        assert client.post(product.get_absolute_url(), VALID, REMOTE_ADDR="203.0.113.7").status_code == 302

    refused = client.post(product.get_absolute_url(), VALID, REMOTE_ADDR="203.0.113.7")
    other_ip = client.post(product.get_absolute_url(), VALID, REMOTE_ADDR="203.0.113.8")

    assert refused.status_code == 429
    assert "Đã có quá nhiều yêu cầu được gửi từ kết nối của bạn." in refused.content.decode()
    assert other_ip.status_code == 302
    assert Enquiry.objects.count() == 6


def test_enquiry_form_errors_do_not_use_up_the_rate_limit(client, product, settings):
    settings.SHOWCASE_ENQUIRY_RATE_LIMIT = 1
    for _ in range(3):
        client.post(product.get_absolute_url(), {**VALID, "message": ""})

    assert client.post(product.get_absolute_url(), VALID).status_code == 302


def test_enquiry_to_a_cooperative_without_email_is_stored_without_email(client, certified_product):
    client.post(certified_product.get_absolute_url(), VALID)

    assert Enquiry.objects.count() == 1
    assert OutboundEmail.objects.count() == 0


def test_enquiry_needs_the_csrf_token(product):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(product.get_absolute_url(), VALID)

    assert response.status_code == 403
    assert Enquiry.objects.count() == 0


def test_staff_see_every_enquiry_in_the_admin(staff_client, product):
    from tests.factories.showcase import EnquiryFactory

    EnquiryFactory(product=product, name="Người mua A")
    EnquiryFactory(name="Người mua B")

    response = staff_client.get(reverse("admin:showcase_enquiry_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Người mua A" in html and "Người mua B" in html


def test_enquiry_rate_limit_behind_the_proxy_counts_per_client(client, product, settings):
    settings.SHOWCASE_ENQUIRY_RATE_LIMIT = 2
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    for _ in range(2):
        client.post(product.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    refused = client.post(product.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)
    other_client = client.post(product.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)

    assert refused.status_code == 429
    assert other_client.status_code == 302


def test_enquiry_rate_limit_ignores_a_forged_header_without_a_configured_proxy(client, product, settings):
    settings.SHOWCASE_ENQUIRY_RATE_LIMIT = 2
    settings.PROXY_COUNT = 0
    for i in range(2):
        client.post(product.get_absolute_url(), VALID, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")

    refused = client.post(product.get_absolute_url(), VALID, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="9.9.9.9")

    assert refused.status_code == 429
