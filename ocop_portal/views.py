import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from showcase.cache import public_page

from . import selectors
from .guards import public_view

logger = logging.getLogger(__name__)


@public_view
@public_page
def home(request):
    return render(
        request,
        "ocop_portal/home.html",
        {
            "numbers": selectors.home_numbers(),
            "featured": (featured := selectors.featured_products()),
            "newest": selectors.newest_certified(exclude=featured.ids),
            "articles": selectors.latest_news(),
            "events": selectors.upcoming_events(),
        },
    )


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_redis() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return "ok"


def _check_broker() -> str:
    from ocop_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@public_view
@never_cache
def health(request):
    """Reachability of the database and, when configured, Redis and the Celery broker.
    200 when everything answers, 503 otherwise; the body says which part failed."""
    checks = {"database": _check_database}
    if settings.REDIS_URL:
        checks["redis"] = _check_redis
        checks["broker"] = _check_broker
    results = {}
    for name, check in checks.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 — any failure is a failed check
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = "error"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)
