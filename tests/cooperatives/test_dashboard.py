"""The dashboard: products with OCOP status and certificate expiry, open support requests,
what needs action, and the panels other apps add through `<app>/space_panels.py`."""

import datetime
import sys
import types

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from tests.factories import CertificateFactory, ProductFactory, ProductPhotoFactory
from tests.factories.space import SupportRequestFactory


def test_dashboard_shows_products_stars_expiry_and_open_requests(member_client, cooperative):
    certified = ProductFactory(cooperative=cooperative, name="Nước mắm Kim Sơn")
    ProductPhotoFactory(product=certified)
    CertificateFactory(product=certified, stars=4, decision_date=datetime.date(2025, 1, 10))
    ProductFactory(cooperative=cooperative, name="Chiếu cói")
    SupportRequestFactory(cooperative=cooperative, subject="Đăng ký nhãn hiệu")
    SupportRequestFactory(cooperative=cooperative, subject="Đã xong rồi", status="done")

    response = member_client.get(reverse("cooperatives:dashboard"))

    html = response.content.decode()
    assert [p.name for p in response.context["products"]] == ["Chiếu cói", "Nước mắm Kim Sơn"]
    assert "10/01/2028" in html  # 36 months from the decision date, to the same day
    assert [s.subject for s in response.context["open_requests"]] == ["Đăng ký nhãn hiệu"]
    assert response.context["certified_count"] == 1
    assert response.context["open_request_count"] == 1


def test_dashboard_lists_what_needs_action(member_client, cooperative):
    expiring = ProductFactory(cooperative=cooperative, name="Rượu nếp")
    ProductPhotoFactory(product=expiring)
    decision = timezone.localdate() - datetime.timedelta(days=365 * 3 - 100)
    CertificateFactory(product=expiring, decision_date=decision)
    ProductFactory(cooperative=cooperative, name="Miến dong")  # no photo

    actions = member_client.get(reverse("cooperatives:dashboard")).context["actions"]

    texts = [a["text"] for a in actions]
    assert any("Rượu nếp" in t and "đánh giá lại" in t for t in texts)
    assert any("Miến dong" in t for t in texts)
    assert actions[0]["level"] in ("danger", "warning")


@pytest.fixture
def fake_panel_app(monkeypatch):
    """An installed app that contributes a panel, as registrations and showcase do."""
    config = apps.get_app_config("places")
    module = types.ModuleType("places.space_panels")

    def panels(*, cooperative, user):
        return [{"title": "Bảng thử", "template": "h3_test_panel.html", "context": {"who": user.email}}]

    module.panels = panels
    monkeypatch.setitem(sys.modules, "places.space_panels", module)
    return config


def test_dashboard_renders_the_panels_of_other_apps(member_client, manager, fake_panel_app, settings, tmp_path):
    (tmp_path / "h3_test_panel.html").write_text("<p class='probe'>{{ cooperative.name }} / {{ who }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    response = member_client.get(reverse("cooperatives:dashboard"))

    html = response.content.decode()
    assert "Bảng thử" in html
    assert f"<p class='probe'>{manager.cooperative.name} / {manager.user.email}</p>" in html


def test_a_broken_panel_is_left_out_and_logged(member_client, monkeypatch, caplog):
    module = types.ModuleType("places.space_panels")

    def panels(*, cooperative, user):
        raise RuntimeError("boom")

    module.panels = panels
    monkeypatch.setitem(sys.modules, "places.space_panels", module)

    response = member_client.get(reverse("cooperatives:dashboard"))

    assert response.status_code == 200
    assert "Dashboard panel of places failed" in caplog.text
