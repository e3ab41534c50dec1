"""The trade-promotion data in the admin: every page opens for staff; the booth count cannot go
below the booths already given."""

import pytest
from django.urls import reverse

from fairs.models import Event
from fairs.services import applications as services
from tests.factories.fairs import ApplicationFactory, BuyerFactory, EventFactory, OutcomeReportFactory
from tests.factories.registry import admin_post_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["event", "application", "outcomereport", "buyer", "meeting"])
def test_admin_changelists_open(staff_client, model):
    OutcomeReportFactory()
    BuyerFactory()
    assert staff_client.get(reverse(f"admin:fairs_{model}_changelist")).status_code == 200


def test_admin_event_pages_open(staff_client):
    event = EventFactory()
    assert staff_client.get(reverse("admin:fairs_event_add")).status_code == 200
    assert staff_client.get(reverse("admin:fairs_event_change", args=[event.pk])).status_code == 200


def test_admin_refuses_a_booth_count_below_the_booths_given(staff_client, staff_user):
    event = EventFactory(booth_count=3)
    for _ in range(2):
        services.application_decide(application=ApplicationFactory(event=event), decision="accepted", by=staff_user)
    url = reverse("admin:fairs_event_change", args=[event.pk])

    response = staff_client.post(url, admin_post_data(staff_client.get(url), booth_count="1"))

    assert response.status_code == 200
    assert "Đã giao 2 gian hàng" in response.content.decode()
    assert Event.objects.get(pk=event.pk).booth_count == 3
