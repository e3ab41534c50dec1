"""Who the visitor is behind the proxy (one function for axes and the portal's rate limits),
and the one rate limit, which lets writes through when the cache is down."""

import pytest
from django.test import RequestFactory

from ocop_portal import ratelimit
from ocop_portal.ratelimit import client_ip, rate_limit_exceeded

PROXY = "10.0.0.1"


def request(remote=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("forwarded", [None, "203.0.113.9", "203.0.113.9, 198.51.100.2", "garbage"])
def test_client_ip_without_a_configured_proxy_is_the_connection_address(settings, forwarded):
    settings.PROXY_COUNT = 0

    assert client_ip(request(remote="198.51.100.7", forwarded=forwarded)) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),  # what nginx sends for a client that sent no header
        ("6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged entry on the left is ignored
        ("1.1.1.1, 2.2.2.2, 203.0.113.9", "203.0.113.9"),
        ("192.168.1.20", "192.168.1.20"),  # a private client of an intranet proxy
        (None, PROXY),  # no header at all: the connection's address
        ("not-an-address", PROXY),
    ],
)
def test_client_ip_behind_one_proxy_is_the_address_it_appended(settings, forwarded, expected):
    settings.PROXY_COUNT = 1

    assert client_ip(request(forwarded=forwarded)) == expected


def test_client_ip_behind_two_proxies_is_the_address_the_outer_one_saw(settings):
    settings.PROXY_COUNT = 2

    assert client_ip(request(forwarded="6.6.6.6, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


def test_axes_counts_by_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.PROXY_COUNT = 1

    assert get_client_ip_address(request(forwarded="6.6.6.6, 203.0.113.9")) == "203.0.113.9"


def test_rate_limit_refuses_after_the_limit_per_identity():
    results = [rate_limit_exceeded(scope="t", ident="a", limit=2, window_seconds=60) for _ in range(3)]

    assert results == [False, False, True]
    assert rate_limit_exceeded(scope="t", ident="b", limit=2, window_seconds=60) is False


def test_rate_limit_lets_the_attempt_through_when_the_cache_is_down(monkeypatch, caplog):
    class DownCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(ratelimit, "cache", DownCache())

    assert rate_limit_exceeded(scope="t", ident="a", limit=0, window_seconds=60) is False
    assert "cache is unreachable" in caplog.text


def test_one_rate_limiter_in_the_portal():
    """Every rate limit goes through ocop_portal.ratelimit; no app keeps its own counter."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {".venv", "tests", "node_modules"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.name != "ratelimit.py" and ("ratelimit:" in text or "REMOTE_ADDR" in text):
            offenders.append(str(path.relative_to(root)))

    assert offenders == []
