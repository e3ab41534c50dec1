"""The staff's pages: who may open them, the dashboard's query budget, filters, drill-down,
chart downloads, and forms refusing bad input with nothing saved."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from plans.models import Plan, Target
from tests.factories import CertificateFactory, CooperativeFactory, MembershipFactory, UserFactory
from tests.factories.registrations import CouncilUserFactory

from .helpers import END, START, dossier

pytestmark = pytest.mark.django_db


def _plan(**fields):
    plan = Plan.objects.create(name="Kế hoạch OCOP 2026", starts_on=START, ends_on=END, status="in_force", **fields)
    for position, metric in enumerate(["products_certified", "coops_registered", "certificates_valid"]):
        Target.objects.create(plan=plan, metric=metric, target_value=10, position=position)
    Target.objects.create(plan=plan, metric="leaders_trained_percent", target_value=100, position=9)
    return plan


STAFF_URLS = [
    ("plans:dashboard", {}),
    ("plans:plan_list", {}),
    ("plans:plan_create", {}),
    ("plans:metric", {"code": "products_certified"}),
    ("plans:chart_xlsx", {"code": "stars"}),
]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_URLS)
def test_council_members_and_cooperatives_get_404(client, name, kwargs):
    for user in (CouncilUserFactory(), MembershipFactory().user, UserFactory(is_staff=True)):
        client.force_login(user)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


def test_plan_pages_and_reports_are_404_for_a_cooperative(client):
    plan = _plan()
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("plans:plan", kwargs={"pk": plan.pk})).status_code == 404
    assert client.post(reverse("plans:report_create"), {"plan": plan.pk}).status_code == 404
    assert not plan.reports.exists()


def _records(n):
    for i in range(n):
        CertificateFactory(decision_date=datetime.date(2026, 1 + i % 12, 1))
        dossier(submitted_on=datetime.date(2026, 1 + i % 12, 2))


def test_dashboard_runs_the_same_number_of_queries_for_3_and_30_records(staff_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = _plan()
    _records(3)
    # A first visit fills the process's caches (content types, after a test that flushed the
    # database): not what is measured.
    staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk})
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk}).status_code == 200
    _records(27)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk})
    assert len(many) == len(few)
    assert len(many) <= 60, [q["sql"] for q in many.captured_queries]
    body = response.content.decode()
    assert "<svg" in body and "<table" in body
    assert "cdn" not in body.lower()


def test_dashboard_keeps_its_figures_a_minute_but_shows_saved_public_data_and_edited_targets_at_once(
    staff_client, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from registrations.models import Registration
    from showcase.cache import public_pages_invalidate

    from .helpers import at

    settings.PLANS_DASHBOARD_CACHE_SECONDS = 60
    plan = _plan()
    CertificateFactory(decision_date=datetime.date(2026, 2, 1))
    draft = dossier(submitted_on=None, state="draft")
    url = reverse("plans:dashboard")

    def figure(code, **params):
        with CaptureQueriesContext(connection) as queries:
            body = staff_client.get(url, {"plan": plan.pk, **params}).content.decode()
        value = body.split(f'data-figure="{code}">', 1)[1].split("<", 1)[0]
        return value, len(queries), body

    first, computing, body = figure("products_certified")
    assert first == "1" and "Số liệu tính lúc" in body and "fresh=1" in body
    again, cached, _body = figure("products_certified")
    assert again == "1" and cached < computing - 10
    # A dossier is not public data: it shows within the minute, or at once on "recompute now".
    Registration.objects.filter(pk=draft.pk).update(state="submitted", submitted_at=at(datetime.date(2026, 3, 2), 9))
    assert figure("coops_registered")[0] == "0"
    assert figure("coops_registered", fresh="1")[0] == "1"
    # A certificate saved through a service bumps the public data's generation: shown at once.
    CertificateFactory(decision_date=datetime.date(2026, 3, 1))
    public_pages_invalidate()
    assert figure("products_certified")[0] == "2"
    # An edited target is judged against its new value at once.
    Target.objects.filter(plan=plan, metric="products_certified").update(target_value=4)
    assert "50,0 %" in figure("products_certified")[2]


def test_dashboard_cards_show_value_target_percent_and_no_data_for_trainings(staff_client, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trainings.selectors", None)  # as if trainings were not built
    plan = _plan()
    CertificateFactory(decision_date=datetime.date(2026, 2, 1))
    CertificateFactory(decision_date=datetime.date(2025, 12, 31))
    response = staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk})
    body = response.content.decode()
    assert 'data-figure="products_certified">1<' in body
    assert "10,0 %" in body  # 1 of 10
    assert "Chưa có dữ liệu" in body or "No data" in body


def test_dashboard_filters_by_sector(staff_client):
    from products.models import Sector
    from tests.factories.products import product_set

    plan = _plan()
    CertificateFactory(decision_date=datetime.date(2026, 2, 1))  # rice: sector I
    herbal = CertificateFactory(decision_date=datetime.date(2026, 2, 1))
    herbal.product.product_set = product_set("21")
    herbal.product.save()
    sector = Sector.objects.get(pk=herbal.product.product_set.group.sector_id)
    response = staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk, "sector": sector.pk})
    assert 'data-figure="products_certified">1<' in response.content.decode()


def test_a_figure_links_to_its_records(staff_client):
    plan = _plan()
    certificate = CertificateFactory(decision_date=datetime.date(2026, 2, 1))
    CertificateFactory(decision_date=datetime.date(2025, 2, 1))
    response = staff_client.get(reverse("plans:metric", kwargs={"code": "products_certified"}), {"plan": plan.pk})
    body = response.content.decode()
    assert certificate.product_code in body
    records = body.split("data-records", 1)[1].split("</table>", 1)[0]
    assert records.count("<tr>") == 2  # the header and one record


def test_unknown_metric_page_is_404(staff_client):
    assert staff_client.get(reverse("plans:metric", kwargs={"code": "nope"})).status_code == 404


def test_drill_down_list_runs_a_flat_number_of_queries(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("plans:metric", kwargs={"code": "coops_registered"})
    _records(3)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url, {"starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    _records(27)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url, {"starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert len(many) == len(few)


def test_each_chart_downloads_as_excel(staff_client):
    CertificateFactory(decision_date=datetime.date(2026, 2, 1), stars=4)
    response = staff_client.get(
        reverse("plans:chart_xlsx", kwargs={"code": "stars"}), {"starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["★★★★", 1]


def test_target_with_an_unknown_metric_is_refused_and_nothing_saved(staff_client):
    plan = _plan()
    response = staff_client.post(
        reverse("plans:target_create", kwargs={"plan_pk": plan.pk}), {"metric": "made_up", "target_value": "5"}
    )
    assert "Chỉ số này không tồn tại" in response.content.decode()
    assert plan.targets.count() == 4


@pytest.mark.parametrize(
    ("value", "message"),
    [("-3", "Chỉ tiêu không được là số âm."), ("hai mươi", "Nhập một con số")],
)
def test_target_with_a_negative_or_non_numeric_value_is_refused(staff_client, value, message):
    plan = _plan()
    response = staff_client.post(
        reverse("plans:target_create", kwargs={"plan_pk": plan.pk}),
        {"metric": "products_certified", "target_value": value},
    )
    assert message in response.content.decode()
    assert plan.targets.count() == 4


def test_a_range_target_and_a_percentage_above_100(staff_client):
    plan = _plan()
    url = reverse("plans:target_create", kwargs={"plan_pk": plan.pk})
    staff_client.post(url, {"metric": "coops_new_to_ocop", "target_value": "20", "target_max": "25", "position": 1})
    assert plan.targets.filter(metric="coops_new_to_ocop", target_value=20, target_max=25).exists()
    response = staff_client.post(url, {"metric": "leaders_trained_percent", "target_value": "120", "position": 1})
    assert "không được vượt quá 100" in response.content.decode()


def test_a_plan_whose_period_ends_before_it_starts_is_refused(staff_client):
    response = staff_client.post(
        reverse("plans:plan_create"),
        {"name": "Kế hoạch sai", "starts_on": "2026-12-31", "ends_on": "2026-01-01", "status": "draft"},
    )
    assert "Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu." in response.content.decode()
    assert not Plan.objects.filter(name="Kế hoạch sai").exists()


def test_a_plan_is_created_with_dates_day_first(staff_client):
    response = staff_client.post(
        reverse("plans:plan_create"),
        {"name": "Kế hoạch 2021-2025", "starts_on": "01/01/2021", "ends_on": "31/12/2025", "status": "closed"},
    )
    plan = Plan.objects.get(name="Kế hoạch 2021-2025")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.ends_on == datetime.date(2025, 12, 31)


def test_dashboard_with_a_period_ending_before_it_starts_shows_the_message(staff_client):
    _plan()
    response = staff_client.get(reverse("plans:dashboard"), {"starts_on": "2026-12-31", "ends_on": "2026-01-01"})
    assert "Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu." in response.content.decode()


def test_public_numbers_page_is_cached_and_linked_from_home(client, django_assert_num_queries):
    CertificateFactory(decision_date=datetime.date(2026, 2, 1), product__cooperative=CooperativeFactory())
    home = client.get("/").content.decode()
    assert reverse("plans:numbers") in home
    first = client.get(reverse("plans:numbers"))
    assert first.status_code == 200 and "OCOP" in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(reverse("plans:numbers"))
    assert second["X-Page-Cache"] == "hit"


def test_a_target_broken_down_by_commune_shows_its_breakdown_on_the_card(staff_client):
    plan = _plan()
    Target.objects.filter(plan=plan, metric="products_certified").update(breakdown="commune")
    CertificateFactory(decision_date=datetime.date(2026, 2, 1))
    body = staff_client.get(reverse("plans:dashboard"), {"plan": plan.pk}).content.decode()
    assert "Theo xã/phường" in body and "Khánh Trung" in body


def test_a_plan_document_must_be_a_real_pdf_or_image_and_is_served_to_staff_only(staff_client, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {"name": "Kế hoạch có văn bản", "starts_on": "2026-01-01", "ends_on": "2026-12-31", "status": "draft"}
    fake = SimpleUploadedFile("ke-hoach.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    staff_client.post(reverse("plans:plan_create"), {**fields, "document_file": fake})
    assert not Plan.objects.filter(name="Kế hoạch có văn bản").exists()
    pdf = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    staff_client.post(reverse("plans:plan_create"), {**fields, "document_file": pdf})
    plan = Plan.objects.get(name="Kế hoạch có văn bản")
    url = reverse("plans:plan_document", kwargs={"pk": plan.pk})
    assert staff_client.get(url).status_code == 200
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404


def test_admin_pages_of_plans_and_reports_open(admin_client):
    plan = _plan()
    for url in (
        reverse("admin:plans_plan_changelist"),
        reverse("admin:plans_plan_add"),
        reverse("admin:plans_plan_change", args=[plan.pk]),
        reverse("admin:plans_report_changelist"),
    ):
        assert admin_client.get(url).status_code == 200, url
