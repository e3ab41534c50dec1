"""A request body larger than the largest upload is refused before it is read."""

from django.urls import reverse


def test_a_request_declaring_a_body_over_the_limit_is_refused_unread(client, settings, monkeypatch):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024
    read = []
    monkeypatch.setattr("django.core.handlers.wsgi.LimitedStream.read", lambda self, *a: read.append(a) or b"")

    response = client.post(reverse("accounts:login"), {"username": "x"}, CONTENT_LENGTH=str(2 * 1024 * 1024))

    assert response.status_code == 413
    assert "tối đa 1 MB" in response.content.decode()
    assert read == []


def test_a_request_under_the_limit_goes_through(client, settings, db):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024

    response = client.post(reverse("accounts:login"), {"username": "a@b.vn", "password": "x"})

    assert response.status_code == 200
