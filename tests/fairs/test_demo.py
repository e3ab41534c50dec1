"""The trade-promotion and sales-centre demo: every state shown, true figures, idempotent."""

import io

import pytest
from django.core.management import call_command

from fairs.demo import CONFERENCE, HANOI_FAIR, PROVINCIAL_FAIR
from fairs.models import Application, Event, Meeting
from fairs.selectors import event_outcome_totals
from salescentre.models import ProductStock, StockMovement
from salescentre.statements import statement_for

pytestmark = pytest.mark.django_db


def test_the_demo_loads_events_applications_schedule_and_ledger_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Demo-lan-dau-2026")
    call_command("load_demo", stdout=io.StringIO())
    counts = (
        Event.objects.count(),
        Application.objects.count(),
        Meeting.objects.count(),
        StockMovement.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Event.objects.count(),
        Application.objects.count(),
        Meeting.objects.count(),
        StockMovement.objects.count(),
    ) == counts

    hanoi = Event.objects.get(slug=HANOI_FAIR)
    assert set(hanoi.applications.values_list("status", flat=True)) == {"submitted", "accepted", "reserve", "withdrawn"}
    provincial = Event.objects.get(slug=PROVINCIAL_FAIR)
    assert provincial.outcomes_published and event_outcome_totals(provincial)["reports"] == 5
    conference = Event.objects.get(slug=CONFERENCE)
    meetings = list(conference.meetings.all())
    assert meetings and conference.buyers.count() == 5
    assert len({(m.starts_at, m.table_number) for m in meetings}) == len(meetings)
    assert {m.outcome for m in meetings} >= {"contract", "mou", "follow_up"}

    for stock in ProductStock.objects.all():
        assert stock.on_hand == sum(StockMovement.objects.filter(product=stock.product).values_list("delta", flat=True))
        assert stock.on_hand >= 0
    import datetime

    sinh_duoc = Application.objects.filter(cooperative__slug="htx-sinh-duoc").first().cooperative
    november = statement_for(cooperative=sinh_duoc, month=datetime.date(2026, 11, 1))
    assert november.totals["sold"] > 0 and november.totals["owed_vnd"] > 0
    assert StockMovement.objects.filter(reverses__isnull=False).count() == 1
