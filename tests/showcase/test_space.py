import io

import pytest
from django.urls import reverse
from PIL import Image

from showcase.models import Enquiry
from showcase.space_panels import panels
from tests.factories import CertificateFactory, MembershipFactory, ProductFactory
from tests.factories.showcase import EnquiryFactory


@pytest.fixture
def member(db):
    return MembershipFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


def test_space_enquiries_lists_only_the_cooperatives_own_enquiries(member_client, member):
    mine = ProductFactory(cooperative=member.cooperative, name="Nếp nhung của tôi")
    EnquiryFactory(product=mine, name="Người mua của tôi")
    EnquiryFactory(name="Người mua của HTX khác")

    response = member_client.get(reverse("showcase:space_enquiries"))
    html = response.content.decode()

    assert [e.name for e in response.context["enquiries"]] == ["Người mua của tôi"]
    assert "Người mua của HTX khác" not in html
    assert "Nếp nhung của tôi" in html
    assert response.context["space_section"] == "enquiries"


def test_space_enquiries_filters_new_and_handled(member_client, member):
    EnquiryFactory(product=ProductFactory(cooperative=member.cooperative), name="Mới")
    EnquiryFactory(product=ProductFactory(cooperative=member.cooperative), name="Cũ", status=Enquiry.Status.HANDLED)

    new = member_client.get(reverse("showcase:space_enquiries"), {"status": "new"})

    assert [e.name for e in new.context["enquiries"]] == ["Mới"]
    assert new.context["counts"] == {"new": 1, "handled": 1}


def test_space_marking_an_enquiry_handled_records_who_and_when(member_client, member):
    enquiry = EnquiryFactory(product=ProductFactory(cooperative=member.cooperative))

    response = member_client.post(reverse("showcase:space_enquiry_handled", args=[enquiry.pk]))

    enquiry.refresh_from_db()
    assert response.status_code == 302
    assert enquiry.status == Enquiry.Status.HANDLED
    assert enquiry.handled_by == member.user and enquiry.handled_at is not None


def test_space_marking_another_cooperatives_enquiry_is_404(member_client):
    other = EnquiryFactory()

    response = member_client.post(reverse("showcase:space_enquiry_handled", args=[other.pk]))

    other.refresh_from_db()
    assert response.status_code == 404
    assert other.status == Enquiry.Status.NEW


@pytest.mark.parametrize(
    "name,args",
    [("showcase:space_enquiries", []), ("showcase:space_qr", [1, "png"]), ("showcase:space_qr", [1, "svg"])],
)
def test_space_urls_send_anonymous_visitors_to_login(client, db, name, args):
    url = reverse(name, args=args)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_space_urls_answer_404_to_a_user_without_cooperative(client, staff_user):
    client.force_login(staff_user)
    product = ProductFactory()

    assert client.get(reverse("showcase:space_enquiries")).status_code == 404
    assert client.get(reverse("showcase:space_qr", args=[product.pk, "png"])).status_code == 404


def test_space_qr_of_another_cooperatives_product_is_404(member_client):
    other = ProductFactory()

    assert member_client.get(reverse("showcase:space_qr", args=[other.pk, "png"])).status_code == 404
    assert member_client.get(reverse("showcase:space_qr", args=[other.pk, "svg"])).status_code == 404


def test_space_qr_png_is_print_resolution_and_encodes_the_permanent_address(member_client, member):
    product = CertificateFactory(product=ProductFactory(cooperative=member.cooperative)).product

    response = member_client.get(reverse("showcase:space_qr", args=[product.pk, "png"]))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="ocop-qr-{product.qr_code.code}.png"'
    image = Image.open(io.BytesIO(response.content))
    assert image.width >= 1000
    assert round(image.info["dpi"][0]) == 600


def test_space_qr_svg_has_millimetre_modules_and_the_address(member_client, member):
    product = ProductFactory(cooperative=member.cooperative)

    response = member_client.get(reverse("showcase:space_qr", args=[product.pk, "svg"]))
    svg = response.content.decode()

    assert response["Content-Type"] == "image/svg+xml"
    assert 'width="37mm"' in svg or 'mm"' in svg.split(">", 2)[1]
    assert f"http://127.0.0.1:8000/q/{product.qr_code.code}" in svg


def test_dashboard_panel_counts_new_enquiries_of_the_cooperative(member, django_assert_num_queries):
    for _ in range(4):
        EnquiryFactory(product=ProductFactory(cooperative=member.cooperative))
    EnquiryFactory(product=ProductFactory(cooperative=member.cooperative), status=Enquiry.Status.HANDLED)
    EnquiryFactory()

    with django_assert_num_queries(2):
        [panel] = panels(cooperative=member.cooperative, user=member.user)

    assert str(panel["title"]) == "Yêu cầu từ người mua"
    assert panel["template"] == "showcase/space/panel_enquiries.html"
    assert panel["context"]["new_count"] == 4
    assert len(panel["context"]["latest"]) == 3
    assert panel["context"]["url"] == "/space/enquiries/?status=new"


def _enquiries_queries(client, cooperative, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(count):
        EnquiryFactory(product=ProductFactory(cooperative=cooperative))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("showcase:space_enquiries"))
    assert len(response.context["enquiries"]) == count
    return len(captured)


def test_space_enquiries_list_runs_as_many_queries_for_3_rows_as_for_15(client, db):
    few, many = MembershipFactory(), MembershipFactory()

    client.force_login(few.user)
    with_3 = _enquiries_queries(client, few.cooperative, 3)
    client.force_login(many.user)
    with_15 = _enquiries_queries(client, many.cooperative, 15)

    assert with_3 == with_15


def test_space_qr_download_writes_nothing(member_client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product = ProductFactory(cooperative=member.cooperative)

    with CaptureQueriesContext(connection) as captured:
        response = member_client.get(reverse("showcase:space_qr", args=[product.pk, "svg"]))

    assert response.status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
