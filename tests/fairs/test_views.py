"""The pages: the cooperative's space (scoping, bad input), the staff's review, booths, exports
and printable list, the public event pages and the iCalendar files; flat query counts."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from fairs.models import Application, Event
from fairs.services import applications as services
from tests.factories import CertificateFactory, MembershipFactory
from tests.factories.fairs import ApplicationFactory, EventFactory, OutcomeReportFactory, in_days
from tests.factories.registry import xlsx_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client):
    user = MembershipFactory().user
    client.force_login(user)
    client.user = user
    return client


def _cooperative(client):
    return client.user.membership.cooperative


def test_the_space_lists_open_events_and_our_applications(member_client):
    open_event = EventFactory(name="Hội chợ mở đơn")
    EventFactory(name="Hội chợ nháp", status=Event.Status.DRAFT)
    ApplicationFactory(cooperative=_cooperative(member_client), event=EventFactory(name="Đã nộp đơn"))

    page = member_client.get(reverse("fairs:space")).content.decode()

    assert "Hội chợ mở đơn" in page and "Đã nộp đơn" in page and "Hội chợ nháp" not in page
    assert reverse("fairs:space_apply", args=[open_event.pk]) in page


def test_apply_form_sends_the_application(member_client):
    cooperative = _cooperative(member_client)
    event = EventFactory()
    first, second = (CertificateFactory(product__cooperative=cooperative).product for _ in range(2))

    response = member_client.post(
        reverse("fairs:space_apply", args=[event.pk]),
        {
            "booth_type": event.booth_types.get().pk,
            "products": [first.pk, second.pk],
            "person_0_name": "Trần Văn Bình",
            "person_0_phone": "0912 345 678",
        },
    )

    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("fairs:application", args=[application.pk])
    assert set(application.products.all()) == {first, second}
    assert application.booth_staff == [{"name": "Trần Văn Bình", "phone": "0912345678"}]


def test_apply_form_with_an_ineligible_product_shows_why_and_saves_nothing(member_client):
    cooperative = _cooperative(member_client)
    event = EventFactory()
    uncertified = cooperative.products.create(
        name="Mật ong chưa chứng nhận", slug="mat-ong", product_set_id=CertificateFactory().product.product_set_id
    )

    response = member_client.post(
        reverse("fairs:space_apply", args=[event.pk]),
        {"booth_type": event.booth_types.get().pk, "products": [uncertified.pk]},
    )

    assert response.status_code == 400
    assert "Mật ong chưa chứng nhận" in response.content.decode()
    assert "không có giấy chứng nhận OCOP còn hiệu lực" in response.content.decode()
    assert not Application.objects.exists()


def test_apply_form_with_another_cooperatives_product_says_so(member_client):
    event = EventFactory()
    foreign = CertificateFactory().product

    response = member_client.post(
        reverse("fairs:space_apply", args=[event.pk]),
        {"booth_type": event.booth_types.get().pk, "products": [foreign.pk]},
    )

    assert response.status_code == 400
    assert "không phải sản phẩm của hợp tác xã" in response.content.decode()
    assert not Application.objects.exists()


def test_another_cooperatives_application_answers_404(member_client):
    other = ApplicationFactory(status="accepted")
    for name in ("application", "application_edit", "outcome"):
        assert member_client.get(reverse(f"fairs:{name}", args=[other.pk])).status_code == 404
    assert member_client.post(reverse("fairs:application_withdraw", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == "accepted"


def test_space_pages_need_a_login(client):
    application = ApplicationFactory()
    for url in (reverse("fairs:space"), reverse("fairs:application", args=[application.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_staff_pages_are_hidden_from_cooperatives(member_client):
    event = EventFactory()
    for name in ("staff_events",):
        assert member_client.get(reverse(f"fairs:{name}")).status_code == 404
    for name in (
        "staff_event",
        "staff_booths",
        "staff_export_applications",
        "staff_print_exhibitors",
        "staff_outcomes",
    ):
        assert member_client.get(reverse(f"fairs:{name}", args=[event.pk])).status_code == 404


def test_outcome_form_bad_input_shows_the_message(member_client):
    application = ApplicationFactory(cooperative=_cooperative(member_client), status="accepted")
    Event.objects.filter(pk=application.event_id).update(
        starts_on=datetime.date.today(), application_deadline=datetime.date.today()
    )

    response = member_client.post(
        reverse("fairs:outcome", args=[application.pk]), {"sales_vnd": "-5", "contracts_value_vnd": "1.000.000"}
    )

    assert response.status_code == 400
    assert not hasattr(Application.objects.get(pk=application.pk), "outcome")
    response = member_client.post(
        reverse("fairs:outcome", args=[application.pk]),
        {"sales_vnd": "4.500.000", "contracts_count": "2", "contracts_value_vnd": "60.000.000 đ", "new_buyers": "5"},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).outcome.sales_vnd == 4_500_000


def test_review_page_shows_applications_side_by_side_with_the_budget(staff_client):
    event = EventFactory(booth_count=2, support_budget_vnd=3_000_000)
    application = ApplicationFactory(event=event, cooperative__name="HTX Rau sạch Yên Khánh")
    earlier = EventFactory(
        starts_on=in_days(-100), ends_on=in_days(-98), application_deadline=in_days(-110), status="held"
    )
    ApplicationFactory(event=earlier, cooperative=application.cooperative, status="accepted")

    page = staff_client.get(reverse("fairs:staff_event", args=[event.pk])).content.decode()

    assert "HTX Rau sạch Yên Khánh" in page
    assert "0 / 2" in page and "3.000.000" in page
    assert application.shown_products.get().product.name in page


def test_review_page_runs_the_same_queries_for_3_or_30_applications(staff_client, django_assert_max_num_queries):
    event = EventFactory(booth_count=40)
    for _ in range(3):
        ApplicationFactory(event=event)
    url = reverse("fairs:staff_event", args=[event.pk])
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for _ in range(27):
        ApplicationFactory(event=event)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url)
    assert len(few) == len(many)


def test_decide_accept_from_the_review_page(staff_client):
    application = ApplicationFactory()

    response = staff_client.post(
        reverse("fairs:staff_decide", args=[application.pk]), {"decision": "accepted", "note": ""}
    )

    application.refresh_from_db()
    assert response.status_code == 302 and application.status == "accepted"


def test_booth_allocation_page_saves_numbers_and_refuses_duplicates(staff_client):
    event = EventFactory()
    one, two = ApplicationFactory(event=event, status="accepted"), ApplicationFactory(event=event, status="accepted")
    url = reverse("fairs:staff_booths", args=[event.pk])

    refused = staff_client.post(url, {f"booth-{one.pk}": "B1", f"booth-{two.pk}": "B1"}, follow=True)
    assert "B1" in refused.content.decode() and "hai lần" in refused.content.decode()
    staff_client.post(url, {f"booth-{one.pk}": "B1", f"booth-{two.pk}": "B2"})

    assert sorted(Application.objects.values_list("booth_number", flat=True)) == ["B1", "B2"]


def test_booth_plan_upload_is_checked_by_content(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.ocop_portal.test_uploads import image_bytes

    event = EventFactory()
    url = reverse("fairs:staff_booths", args=[event.pk])
    bad = staff_client.post(url, {"booth_plan": SimpleUploadedFile("plan.png", b"<html>", content_type="image/png")})
    assert bad.status_code == 400
    staff_client.post(url, {"booth_plan": SimpleUploadedFile("plan.png", image_bytes("PNG"), content_type="image/png")})
    event.refresh_from_db()
    assert event.booth_plan.name.endswith((".png", ".jpg")) and "plan" not in event.booth_plan.name.split("/")[-1]


def test_excel_exports_and_the_printable_list(staff_client):
    event = EventFactory()
    accepted = ApplicationFactory(event=event, status="accepted", cooperative__name="HTX Gốm Bồ Bát")
    Application.objects.filter(pk=accepted.pk).update(booth_number="A3")
    ApplicationFactory(event=event, cooperative__name="HTX Cói Kim Sơn")

    headers, rows, _sheet = xlsx_read(
        staff_client.get(reverse("fairs:staff_export_applications", args=[event.pk])).content
    )
    assert headers[0] == "Chủ thể" and {row[0] for row in rows} == {"HTX Gốm Bồ Bát", "HTX Cói Kim Sơn"}
    headers, rows, _sheet = xlsx_read(
        staff_client.get(reverse("fairs:staff_export_exhibitors", args=[event.pk])).content
    )
    assert [row[:2] for row in rows] == [["A3", "HTX Gốm Bồ Bát"]]
    page = staff_client.get(reverse("fairs:staff_print_exhibitors", args=[event.pk])).content.decode()
    assert "HTX Gốm Bồ Bát" in page and "A3" in page and "HTX Cói Kim Sơn" not in page


def test_public_event_page_lists_exhibitors_and_their_products(client):
    event = EventFactory(name="Hội chợ OCOP Ninh Bình")
    accepted = ApplicationFactory(event=event, status="accepted", cooperative__name="HTX Sinh Dược")
    ApplicationFactory(event=event, cooperative__name="HTX Chờ Duyệt")
    product = accepted.shown_products.get().product

    page = client.get(event.get_absolute_url()).content.decode()

    assert "HTX Sinh Dược" in page and "HTX Chờ Duyệt" not in page
    assert product.name in page


def test_draft_events_are_not_public(client):
    assert client.get(EventFactory(status=Event.Status.DRAFT).get_absolute_url()).status_code == 404


def test_past_events_show_published_totals_only(client, staff_user):
    past = EventFactory(
        starts_on=in_days(-30),
        ends_on=in_days(-28),
        application_deadline=in_days(-40),
        status="held",
        name="Hội chợ đã qua",
    )
    OutcomeReportFactory(application__event=past, sales_vnd=12_345_000)

    assert "12.345.000" not in client.get(past.get_absolute_url()).content.decode()
    from fairs.services.events import outcomes_publish

    outcomes_publish(event=past, published=True, by=staff_user)
    assert "12.345.000" in client.get(past.get_absolute_url()).content.decode()
    listing = client.get(reverse("fairs:events")).content.decode()
    assert "Hội chợ đã qua" in listing and "12.345.000" in listing


def test_event_list_runs_the_same_queries_for_3_or_30_events(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for _ in range(n):
            EventFactory()
            EventFactory(
                starts_on=in_days(-30),
                ends_on=in_days(-29),
                application_deadline=in_days(-40),
                status="held",
                outcomes_published=True,
            )

    make(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("fairs:events"))
    make(27)
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("fairs:events"))
    assert len(few) == len(many)


def test_event_page_runs_the_same_queries_for_3_or_30_exhibitors(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory(booth_count=50)
    for _ in range(3):
        ApplicationFactory(event=event, status="accepted")
    with CaptureQueriesContext(connection) as few:
        client.get(event.get_absolute_url())
    for _ in range(27):
        ApplicationFactory(event=event, status="accepted")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(event.get_absolute_url())
    assert len(few) == len(many)


def test_icalendar_of_an_event_and_the_feed(client):
    event = EventFactory(
        name="Hội nghị kết nối cung cầu",
        starts_on=datetime.date(2027, 3, 10),
        ends_on=datetime.date(2027, 3, 11),
        application_deadline=datetime.date(2027, 3, 1),
    )
    EventFactory(status=Event.Status.CANCELLED, name="Hội chợ bị huỷ")

    response = client.get(reverse("fairs:event_ics", args=[event.slug]))
    calendar = Calendar.from_ical(response.content)
    [item] = calendar.walk("VEVENT")

    assert response["Content-Type"].startswith("text/calendar")
    assert str(item["SUMMARY"]) == "Hội nghị kết nối cung cầu"
    assert item.decoded("DTSTART") == datetime.date(2027, 3, 10)
    assert item.decoded("DTEND") == datetime.date(2027, 3, 12)
    feed = Calendar.from_ical(client.get(reverse("fairs:events_feed")).content)
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in feed.walk("VEVENT")}
    assert statuses["Hội chợ bị huỷ"] == "CANCELLED" and statuses["Hội nghị kết nối cung cầu"] == "CONFIRMED"


def test_user_text_is_escaped_on_the_public_page(client):
    event = EventFactory(description="<script>alert(1)</script>")
    ApplicationFactory(event=event, status="accepted", cooperative__name="<b>HTX</b>")

    page = client.get(event.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;b&gt;HTX&lt;/b&gt;" in page


def test_decisions_refresh_the_cached_public_page(client, staff_user):
    event = EventFactory()
    application = ApplicationFactory(event=event, cooperative__name="HTX Mới Được Nhận")
    from django.test import Client

    anonymous = Client()
    assert "HTX Mới Được Nhận" not in anonymous.get(event.get_absolute_url()).content.decode()
    services.application_decide(application=application, decision="accepted", by=staff_user)
    assert "HTX Mới Được Nhận" in anonymous.get(event.get_absolute_url()).content.decode()


def test_the_edit_form_shows_the_application_as_it_is(member_client):
    application = ApplicationFactory(
        cooperative=_cooperative(member_client), booth_staff=[{"name": "Lò Thị Mai", "phone": "0912000111"}]
    )
    product = application.shown_products.get().product

    form = member_client.get(reverse("fairs:application_edit", args=[application.pk])).context["form"]

    assert form["products"].value() == [product.pk]
    assert form["booth_type"].value() == application.booth_type_id
    assert form["person_0_name"].value() == "Lò Thị Mai"


def test_the_dashboard_panel_lists_open_events_and_ours(member_client):
    EventFactory(name="Hội chợ còn nhận đơn")
    ApplicationFactory(
        cooperative=_cooperative(member_client), event=EventFactory(name="Hội chợ đã đăng ký"), status="accepted"
    )

    page = member_client.get(reverse("cooperatives:dashboard")).content.decode()

    assert "Hội chợ còn nhận đơn" in page and "Hội chợ đã đăng ký" in page


def test_the_space_list_runs_the_same_queries_for_3_or_30_applications(member_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for _ in range(n):
            ApplicationFactory(cooperative=_cooperative(member_client))

    make(3)
    member_client.get(reverse("fairs:space"))
    with CaptureQueriesContext(connection) as few:
        member_client.get(reverse("fairs:space"))
    make(27)
    with CaptureQueriesContext(connection) as many:
        member_client.get(reverse("fairs:space"))
    assert len(few) == len(many)


def test_the_event_cards_and_exhibitor_rows_follow_changes_made_without_invalidation(client, settings):
    """Cards and rows are kept per worker under a key of what they show: a bulk .update() of a
    booth number, a product's name or an event's status shows on the next visit."""
    from products.models import Product

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    event = EventFactory(name="Hội chợ có thẻ", booth_count=50)
    application = ApplicationFactory(event=event, status="accepted", booth_number="A07")
    product = application.shown_products.get().product
    page = client.get(event.get_absolute_url()).content.decode()
    assert "A07" in page and product.name in page
    listing = client.get(reverse("fairs:events")).content.decode()
    assert "1 chủ thể trưng bày" in listing
    assert "Đang nhận đăng ký" in listing[listing.index("Hội chợ có thẻ") - 600 : listing.index("Hội chợ có thẻ")]

    Application.objects.filter(pk=application.pk).update(booth_number="B12")
    Product.objects.filter(pk=product.pk).update(name="Miến dong đổi tên")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "B12" in page and "A07" not in page and "Miến dong đổi tên" in page

    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    listing = client.get(reverse("fairs:events")).content.decode()
    assert "Đang nhận đăng ký" not in listing[listing.index("Hội chợ có thẻ") - 600 : listing.index("Hội chợ có thẻ")]
    ApplicationFactory(event=event, status="accepted")
    assert "2 chủ thể trưng bày" in client.get(reverse("fairs:events")).content.decode()


def test_the_public_event_page_names_a_withdrawn_product_without_linking_it(client):
    from tests.factories import ProductFactory

    accepted = ApplicationFactory(status="accepted")
    certified = accepted.shown_products.get().product
    withdrawn = ProductFactory(cooperative=accepted.cooperative, name="Rượu cần đã ngừng", status="archived")
    accepted.shown_products.create(product=withdrawn, position=5)

    page = client.get(accepted.event.get_absolute_url()).content.decode()

    assert f'href="{certified.get_absolute_url()}"' in page
    assert "Rượu cần đã ngừng" in page and withdrawn.get_absolute_url() not in page
    assert f'href="{accepted.cooperative.get_absolute_url()}"' in page
