"""The catalogue's facets as declared objects (showcase.facets): the extension point, the sales
centre's facet, counts computed once per filter and shared by its pages and sorts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from salescentre.services import movement_record
from showcase.facets import FlagFacet, catalogue_facets, register_facet
from tests.factories import StaffUserFactory
from tests.factories.fairs import SalesCentreFactory

pytestmark = pytest.mark.django_db


def _get(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("showcase:catalogue"), params)
    assert response.status_code == 200
    return response, len(queries)


def test_facets_are_declared_in_order_with_the_sales_centre_registered_by_its_app():
    keys = [facet.key for facet in catalogue_facets()]

    assert keys == ["stars", "centre", "classification", "kinds", "communes", "districts"]


def test_a_facet_needs_parameters_of_its_own():
    class Clash(FlagFacet):
        key, params = "clash", ("stars",)

    with pytest.raises(ValueError, match="URL parameters"):
        register_facet(Clash())


def test_available_at_the_sales_centre_counts_and_filters(client, make_certified):
    on_shelf = make_certified(name="Miến dong Yên Quang")
    make_certified(name="Bún khô Gia Viễn")
    centre = SalesCentreFactory(opened_on=datetime.date(2026, 1, 1))
    movement_record(
        centre=centre,
        product=on_shelf,
        kind="received",
        quantity=10,
        unit_price_vnd=30_000,
        occurred_on=datetime.date(2026, 3, 2),
        by=StaffUserFactory(),
    )

    everything, _n = _get(client)
    option = everything.context["facets"]["centre"][0]
    narrowed, _n = _get(client, centre="1")

    assert (option.label, option.count, option.selected) == ("Có bán tại Trung tâm OCOP", 1, False)
    assert "Có bán tại Trung tâm OCOP" in everything.content.decode()
    assert [p.name for p in narrowed.context["products"]] == ["Miến dong Yên Quang"]
    assert narrowed.context["facets"]["centre"][0].selected
    assert [o.count for o in narrowed.context["facets"]["stars"]] == [0, 1, 0]


def test_the_centre_facet_is_hidden_when_nothing_is_in_stock(client, make_certified):
    make_certified(name="Bún khô Gia Viễn")

    response, _n = _get(client)

    assert response.context["facets"]["centre"] == []


def test_facet_counts_are_computed_once_per_filter_and_shared_by_its_pages_and_sorts(client, make_certified):
    for n in range(30):
        make_certified(name=f"Gạo số {n:02d}", stars=3 + n % 3)

    first, cold = _get(client, stars="4")
    second, warm = _get(client, stars="4", sort="name", page="2")

    assert warm < cold
    assert second.context["facets"] == first.context["facets"]
    assert [o.count for o in second.context["facets"]["stars"]] == [10, 10, 10]


def test_a_change_to_the_registry_refreshes_the_shared_counts(client, make_certified):
    make_certified(name="Gạo tám thơm", stars=4)
    before, _n = _get(client)
    make_certified(name="Gạo nếp cái hoa vàng", stars=4)
    after, _n = _get(client, sort="name")

    assert [o.count for o in before.context["facets"]["stars"]] == [0, 1, 0]
    assert [o.count for o in after.context["facets"]["stars"]] == [0, 2, 0]
