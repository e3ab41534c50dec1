import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_health_reports_database_ok(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db
def test_health_reports_unreachable_redis_and_broker_with_503(client, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    from ocop_portal import views

    def broker_down():
        raise ConnectionError("broker down")

    monkeypatch.setattr(views, "_check_broker", broker_down)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "error"
    assert body["checks"]["broker"] == "error"


@pytest.mark.django_db
def test_health_checks_real_redis_when_configured(client, settings):
    import os

    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL not set: no real Redis to check")
    settings.REDIS_URL = os.environ["REDIS_URL"]
    response = client.get(reverse("health"))
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "broker": "ok"}
