"""The selectors the plans app calls (listed in fairs/selectors.py) and the home page's upcoming events."""

import datetime

import pytest

from cooperatives.models import Cooperative
from fairs import selectors
from fairs.models import Application, Event
from tests.factories import CooperativeFactory, StaffUserFactory
from tests.factories.fairs import (
    ApplicationFactory,
    EventFactory,
    OutcomeReportFactory,
    SalesCentreFactory,
)

pytestmark = pytest.mark.django_db

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _event(day, **kwargs):
    return EventFactory(
        starts_on=day,
        ends_on=day + datetime.timedelta(days=2),
        application_deadline=day - datetime.timedelta(days=5),
        status=kwargs.pop("status", Event.Status.HELD),
        **kwargs,
    )


def test_participations_count_accepted_applications_of_the_period_only():
    fair = _event(datetime.date(2026, 3, 10))
    conference = _event(datetime.date(2026, 9, 1), kind=Event.Kind.CONFERENCE)
    last_year = _event(datetime.date(2025, 12, 30))
    cancelled = _event(datetime.date(2026, 5, 1), status=Event.Status.CANCELLED)
    accepted = ApplicationFactory(event=fair, status=Application.Status.ACCEPTED)
    at_conference = ApplicationFactory(event=conference, status=Application.Status.ACCEPTED)
    ApplicationFactory(event=fair, status=Application.Status.REFUSED)
    ApplicationFactory(event=fair, status=Application.Status.RESERVE)
    ApplicationFactory(event=last_year, status=Application.Status.ACCEPTED)
    ApplicationFactory(event=cancelled, status=Application.Status.ACCEPTED)

    found = selectors.participations(start=YEAR[0], end=YEAR[1])

    assert sorted(a.pk for a in found) == sorted([accepted.pk, at_conference.pk])
    fairs_only = selectors.participations(start=YEAR[0], end=YEAR[1], kinds=[Event.Kind.TRADE_FAIR])
    assert [a.pk for a in fairs_only] == [accepted.pk]
    assert [a.pk for a in selectors.conference_exhibitors(start=YEAR[0], end=YEAR[1])] == [at_conference.pk]


def test_participations_restricted_to_the_cooperatives_given():
    fair = _event(datetime.date(2026, 3, 10))
    mine = ApplicationFactory(event=fair, status=Application.Status.ACCEPTED)
    ApplicationFactory(event=fair, status=Application.Status.ACCEPTED)

    found = selectors.participations(
        start=YEAR[0], end=YEAR[1], cooperatives=Cooperative.objects.filter(pk=mine.cooperative_id)
    )

    assert [a.pk for a in found] == [mine.pk]


def test_outcome_totals_add_up_the_reports_of_the_period():
    fair = _event(datetime.date(2026, 3, 10))
    other = _event(datetime.date(2025, 3, 10))
    first = OutcomeReportFactory(
        application__event=fair, sales_vnd=4_500_000, contracts_count=2, contracts_value_vnd=60_000_000, new_buyers=5
    )
    OutcomeReportFactory(
        application__event=fair, sales_vnd=1_000_000, contracts_count=0, contracts_value_vnd=0, new_buyers=1
    )
    OutcomeReportFactory(application__event=other, sales_vnd=99_000_000)

    totals = selectors.outcome_totals(start=YEAR[0], end=YEAR[1])
    only_first = selectors.outcome_totals(
        start=YEAR[0], end=YEAR[1], cooperatives=Cooperative.objects.filter(pk=first.application.cooperative_id)
    )

    assert totals == {
        "sales_vnd": 5_500_000,
        "contracts_count": 2,
        "contracts_value_vnd": 60_000_000,
        "new_buyers": 6,
        "reports": 2,
    }
    assert only_first["sales_vnd"] == 4_500_000 and only_first["reports"] == 1


def test_outcome_totals_are_zero_without_reports():
    assert selectors.outcome_totals(start=YEAR[0], end=YEAR[1]) == {
        "sales_vnd": 0,
        "contracts_count": 0,
        "contracts_value_vnd": 0,
        "new_buyers": 0,
        "reports": 0,
    }


def test_contract_selectors_run_a_flat_number_of_queries(django_assert_num_queries):
    fair = _event(datetime.date(2026, 3, 10))
    for _ in range(3):
        OutcomeReportFactory(application__event=fair)
    with django_assert_num_queries(1):
        list(selectors.participations(start=YEAR[0], end=YEAR[1]))
    with django_assert_num_queries(1):
        selectors.outcome_totals(start=YEAR[0], end=YEAR[1])


def test_sales_centre_summary_is_none_without_a_centre():
    assert selectors.sales_centre_summary(start=YEAR[0], end=YEAR[1]) is None


def test_sales_centre_summary_sums_the_sales_per_month_reversals_deducted():
    from salescentre.services import movement_record, movement_reverse

    staff = StaffUserFactory()
    centre = SalesCentreFactory(opened_on=datetime.date(2026, 2, 15))
    product = ApplicationFactory().shown_products.first().product
    common = {"centre": centre, "product": product, "by": staff}
    movement_record(
        kind="received", quantity=50, unit_price_vnd=40_000, occurred_on=datetime.date(2026, 2, 20), **common
    )
    movement_record(kind="sold", quantity=10, unit_price_vnd=50_000, occurred_on=datetime.date(2026, 3, 2), **common)
    mistake = movement_record(
        kind="sold", quantity=5, unit_price_vnd=50_000, occurred_on=datetime.date(2026, 3, 5), **common
    )
    movement_reverse(movement=mistake, note="Nhập nhầm", occurred_on=datetime.date(2026, 4, 1), by=staff)
    movement_record(kind="sold", quantity=2, unit_price_vnd=55_000, occurred_on=datetime.date(2026, 4, 9), **common)

    summary = selectors.sales_centre_summary(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 30))

    assert summary["in_operation"] is True
    assert summary["opened_on"] == datetime.date(2026, 2, 15)
    assert summary["monthly_sales"] == [
        (datetime.date(2026, 1, 1), 0),
        (datetime.date(2026, 2, 1), 0),
        (datetime.date(2026, 3, 1), 750_000),
        (datetime.date(2026, 4, 1), -250_000 + 110_000),
    ]
    assert summary["total_sales_vnd"] == 610_000
    before = selectors.sales_centre_summary(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert before["in_operation"] is False and before["total_sales_vnd"] == 0


def test_upcoming_public_events_for_the_home_page(django_assert_num_queries):
    soon = EventFactory(name="Hội chợ OCOP Ninh Bình 2026")
    EventFactory(status=Event.Status.DRAFT)
    EventFactory(status=Event.Status.CANCELLED)
    _event(datetime.date(2020, 1, 1))

    with django_assert_num_queries(1):  # only the columns shown: no deferred field read later
        events = selectors.upcoming_public_events(limit=4)

    assert events == [
        {
            "title": "Hội chợ OCOP Ninh Bình 2026",
            "starts_on": soon.starts_on,
            "place": "Quảng trường Đinh Tiên Hoàng, Phường Hoa Lư, Ninh Bình",
            "url": f"/events/{soon.slug}/",
            "kind": "Hội chợ thương mại",
        }
    ]


def test_the_home_page_lists_upcoming_events(client):
    EventFactory(name="Tuần hàng OCOP tại Hà Nội", kind=Event.Kind.INTRO_WEEK)
    CooperativeFactory()

    response = client.get("/")

    assert "Tuần hàng OCOP tại Hà Nội" in response.content.decode()


def test_public_exhibitors_are_plain_rows_in_booth_order_in_two_queries(django_assert_num_queries):
    from tests.factories import CertificateFactory, ProductFactory

    event = EventFactory()
    second = ApplicationFactory(event=event, status="accepted", booth_number="B2", cooperative__name="HTX Cói Kim Sơn")
    first = ApplicationFactory(event=event, status="accepted", booth_number="A1", cooperative__name="HTX Gốm Bồ Bát")
    ApplicationFactory(event=event, cooperative__name="HTX Chưa Duyệt")
    certified = CertificateFactory(product__cooperative=first.cooperative, product__name="Gốm men lam").product
    withdrawn = ProductFactory(cooperative=first.cooperative, name="Bình gốm cũ", status="archived")
    first.shown_products.all().delete()
    first.shown_products.create(product=withdrawn, position=1)
    first.shown_products.create(product=certified, position=0)

    with django_assert_num_queries(2):
        rows = selectors.public_exhibitors(event)

    assert [(row.booth_number, row.cooperative_name) for row in rows] == [
        ("A1", "HTX Gốm Bồ Bát"),
        ("B2", "HTX Cói Kim Sơn"),
    ]
    assert [(p.name, p.certified) for p in rows[0].products] == [("Gốm men lam", True), ("Bình gốm cũ", False)]
    assert rows[0].products[0].get_absolute_url() == certified.get_absolute_url()
    assert rows[0].cooperative_url() == first.cooperative.get_absolute_url()
    assert len(rows[1].products) == 1 and rows[1].pk == second.pk
    hash(rows[0])  # the row is the key of its cached HTML


def test_an_event_without_exhibitors_reads_no_products(django_assert_num_queries):
    event = EventFactory()
    with django_assert_num_queries(1):
        assert selectors.public_exhibitors(event) == []
