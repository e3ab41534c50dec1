"""Each metric's counting rule at the period's boundaries, the filters, and "no data"."""

import datetime

import pytest

from cooperatives.models import SupportRequest
from plans.metrics import Scope, registry
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory
from tests.factories.fairs import ApplicationFactory, EventFactory, OutcomeReportFactory
from tests.factories.news import ArticleFactory

from .helpers import END, START, at, dossier

pytestmark = pytest.mark.django_db

ALL = Scope()
DAY = datetime.timedelta(days=1)


def value(code, scope=ALL, start=START, end=END):
    return registry.get(code).value(start=start, end=end, scope=scope)


def test_every_metric_has_a_name_a_description_and_a_unit():
    for metric in registry.all():
        assert str(metric.name) and str(metric.description)
        assert metric.unit in {"count", "percent", "vnd", "yesno"}


def test_cooperatives_registered_counts_dossiers_first_sent_inside_the_period():
    inside_first = dossier(submitted_on=START, hour=0)
    inside_last = dossier(submitted_on=END, hour=23)
    dossier(submitted_on=START - DAY, hour=23)
    dossier(submitted_on=END + DAY, hour=0)
    dossier(submitted_on=None, state="draft")
    dossier(submitted_on=START + DAY, cooperative=inside_first.cooperative)  # same cooperative twice

    assert value("coops_registered") == 2
    records = registry.get("coops_registered").records(start=START, end=END, scope=ALL)
    assert {r.cooperative_id for r in records} == {inside_first.cooperative_id, inside_last.cooperative_id}
    assert len(records) == 2


def test_cooperatives_registered_of_them_founded_before_the_period():
    dossier(submitted_on=START, founded_on=START - DAY)
    dossier(submitted_on=START, founded_on=START)
    dossier(submitted_on=START, founded_on=None)

    assert value("coops_registered_existing") == 1


def test_newly_joining_counts_only_a_first_dossier_ever():
    new = dossier(submitted_on=START + DAY)
    veteran = dossier(submitted_on=START - DAY)
    dossier(submitted_on=START + DAY, cooperative=veteran.cooperative)
    dossier(submitted_on=START + DAY, ocop_joined_year=2025)
    dossier(submitted_on=START + DAY, ocop_joined_year=2026)

    assert value("coops_new_to_ocop") == 2
    ids = {r.cooperative_id for r in registry.get("coops_new_to_ocop").records(start=START, end=END, scope=ALL)}
    assert new.cooperative_id in ids and veteran.cooperative_id not in ids


def test_newly_founded_cooperatives_with_a_certified_product():
    CertificateFactory(decision_date=END, product__cooperative=CooperativeFactory(founded_on=START))
    CertificateFactory(decision_date=END + DAY, product__cooperative=CooperativeFactory(founded_on=START))
    CertificateFactory(decision_date=END, product__cooperative=CooperativeFactory(founded_on=START - DAY))
    CertificateFactory(decision_date=END, product__cooperative=CooperativeFactory(founded_on=None, newly_founded=True))

    assert value("coops_new_founded_certified") == 2


def test_products_certified_in_the_period_by_decision_date_and_by_stars():
    CertificateFactory(decision_date=START, stars=3)
    CertificateFactory(decision_date=END, stars=4)
    CertificateFactory(decision_date=END, stars=4)
    CertificateFactory(decision_date=START - DAY, stars=5)  # before the period: not counted
    CertificateFactory(decision_date=END + DAY, stars=5)

    assert value("products_certified") == 3
    by_stars = registry.get("products_certified").breakdown(start=START, end=END, scope=ALL, by="stars")
    assert by_stars == [(4, 2), (3, 1)]


def test_valid_certificates_at_the_end_of_the_period():
    CertificateFactory(decision_date=datetime.date(2024, 1, 1))  # valid until 01/01/2027
    CertificateFactory(decision_date=datetime.date(2023, 12, 30))  # ended 30/12/2026
    CertificateFactory(
        decision_date=datetime.date(2025, 1, 1),
        status="revoked",
        revocation_ground="mark_misuse",
        revoked_on=datetime.date(2026, 6, 1),
    )
    CertificateFactory(
        decision_date=datetime.date(2025, 1, 1),
        status="revoked",
        revocation_ground="mark_misuse",
        revoked_on=datetime.date(2027, 2, 1),  # revoked after the period: was in force on its last day
    )

    assert value("certificates_valid") == 2


def test_certificates_expiring_within_180_days_of_the_period_end():
    end = datetime.date(2025, 12, 31)
    CertificateFactory(decision_date=datetime.date(2023, 6, 29))  # until 29/06/2026: 180 days after
    CertificateFactory(decision_date=datetime.date(2023, 7, 1))  # until 01/07/2026: 182 days
    CertificateFactory(decision_date=datetime.date(2022, 12, 30))  # already ended

    assert value("certificates_expiring", start=datetime.date(2025, 1, 1), end=end) == 1


def test_filters_by_sector_and_commune_and_former_district():
    from places.models import Commune
    from tests.factories.products import product_set

    other_commune = Commune.objects.exclude(code=14608).filter(province_id=37).first()
    rice = dossier(submitted_on=START, former_district="Yên Khánh")  # product set 03, sector I
    herbal = dossier(submitted_on=START)
    herbal.product.product_set = product_set("21")
    herbal.product.save()
    herbal.product_set = herbal.product.product_set
    herbal.save()
    dossier(submitted_on=START, commune=other_commune)

    sector_i = rice.product_set.group.sector_id
    assert value("coops_registered", Scope(sector=sector_i)) == 2
    assert value("coops_registered", Scope(sector=herbal.product_set.group.sector_id)) == 1
    assert value("coops_registered", Scope(commune=other_commune.code)) == 1
    assert value("coops_registered", Scope(district="yên khánh")) == 1
    by_district = registry.get("coops_registered").breakdown(start=START, end=END, scope=ALL, by="district")
    assert ("Yên Khánh", 1) in by_district


def test_support_requests_received_and_completed_by_kind():
    cooperative = CooperativeFactory()

    def request(kind, created, closed=None, status="new"):
        support = SupportRequest.objects.create(
            cooperative=cooperative, kind=kind, subject="Hỗ trợ", description="…", status=status
        )
        SupportRequest.objects.filter(pk=support.pk).update(created_at=at(created), closed_at=closed and at(closed))

    request("trademark", START)
    request("trademark", START - DAY, closed=START, status="done")
    request("trademark", END, closed=END + DAY, status="done")
    request("barcode", END)

    assert value("support_trademark_received") == 2
    assert value("support_trademark_done") == 1
    assert value("support_barcode_received") == 1
    assert value("support_loan_received") == 0


def test_news_and_stories_published_in_the_period():
    ArticleFactory(kind="news", published_at=at(START, 0))
    ArticleFactory(kind="news", published_at=at(END + DAY, 0))
    ArticleFactory(kind="story", published_at=at(END, 23))
    ArticleFactory(kind="story", published_at=at(END, 12), status="draft")

    assert value("news_published") == 1
    assert value("stories_published") == 1


def test_fair_metrics_read_the_fairs_selectors():
    inside = EventFactory(starts_on=END, status="held")
    before = EventFactory(starts_on=START - DAY, status="held")
    conference = EventFactory(starts_on=START, kind="conference", status="held")
    accepted = ApplicationFactory(event=inside, status="accepted")
    ApplicationFactory(event=inside, status="refused")
    ApplicationFactory(event=before, status="accepted")
    ApplicationFactory(event=conference, status="accepted")
    OutcomeReportFactory(application=accepted, sales_vnd=12_500_000, contracts_count=2)

    assert value("fair_participations") == 2
    assert value("conference_exhibitors") == 1
    assert value("fair_sales_vnd") == 12_500_000
    assert value("fair_contracts") == 2


def test_sales_centre_without_a_centre_is_no_data_for_sales_and_no_for_operation():
    assert value("sales_centre_in_operation") == 0
    assert value("sales_centre_sales_vnd") is None


def test_training_metrics_are_no_data_while_the_trainings_selectors_are_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trainings.selectors", None)  # import fails
    for code in ("leaders_trained_percent", "courses_held", "training_participants"):
        assert value(code) is None
        assert registry.get(code).records(start=START, end=END, scope=ALL) == []


def test_monthly_curve_is_cumulative_by_first_date():
    CertificateFactory(decision_date=datetime.date(2026, 1, 31))
    CertificateFactory(decision_date=datetime.date(2026, 3, 1))
    product = ProductFactory()
    CertificateFactory(product=product, decision_date=datetime.date(2026, 3, 2))
    CertificateFactory(product=product, decision_date=datetime.date(2026, 4, 2), decision_number="2/QĐ")

    monthly = registry.get("products_certified").monthly(start=START, end=datetime.date(2026, 4, 30), scope=ALL)
    assert [n for _m, n in monthly] == [1, 1, 3, 3]


def test_training_metrics_read_the_contract_of_trainings_selectors(monkeypatch):
    """The functions the metrics read from trainings.selectors, by name, with a stand-in module:
    the figures from leader_coverage_counts, the sparkline from leader_coverage_monthly, the
    drill-down rows from leader_coverage."""
    import sys
    import types

    from cooperatives.models import Cooperative

    cooperative = CooperativeFactory()
    calls = {}

    def leader_coverage(*, start, end, cooperatives=None):
        calls["coverage"] = (start, end, cooperatives)
        return {
            "rows": [{"cooperative": cooperative, "leader": None, "trained": True, "course": None}],
            "participating": 4,
            "trained": 3,
            "percent": 75.0,
        }

    def leader_coverage_counts(*, start, end, cooperatives=None):
        calls["counts"] = (start, end, cooperatives)
        return {"participating": 4, "trained": 3, "percent": 75.0}

    def leader_coverage_monthly(*, start, end, cooperatives=None):
        return [(start, None), (start.replace(month=2), 75.0)]

    module = types.SimpleNamespace(
        leader_coverage=leader_coverage,
        leader_coverage_counts=leader_coverage_counts,
        leader_coverage_monthly=leader_coverage_monthly,
        courses_held=lambda *, start, end: Cooperative.objects.all(),
        participants_attended=lambda *, start, end, cooperatives=None: Cooperative.objects.none(),
    )
    monkeypatch.setitem(sys.modules, "trainings.selectors", module)
    import trainings

    monkeypatch.setattr(trainings, "selectors", module, raising=False)

    assert value("leaders_trained_percent") == 75.0
    assert value("courses_held") == 1
    assert value("training_participants") == 0
    assert calls["counts"] == (START, END, None)
    metric = registry.get("leaders_trained_percent")
    assert metric.monthly(start=START, end=END, scope=ALL) == [(START, None), (START.replace(month=2), 75.0)]
    rows = metric.records(start=START, end=END, scope=ALL)
    assert rows[0]["cooperative"] == cooperative
    assert calls["coverage"] == (START, END, None)
    value("leaders_trained_percent", Scope(commune=cooperative.commune_id))
    assert list(calls["counts"][2]) == [cooperative]
