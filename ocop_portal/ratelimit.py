"""The portal's one rate limit and its one notion of who the visitor is.

`client_ip` is the address django-axes (failed logins) and every rate limit of the portal
(enquiries, sign-up, buyer registration) count by. `rate_limit_exceeded` is a fixed window
counted in the cache (Redis in production), per client address or any other identity (an email,
a buyer)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from ipware.ip import get_client_ip

logger = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    """The visitor's address.

    Without a proxy configured (PROXY_COUNT=0) it is the connection's address and any
    X-Forwarded-For header is ignored: a visitor can write anything there. Behind PROXY_COUNT
    proxies that each append the address they received the request from (nginx's
    `$proxy_add_x_forwarded_for`), it is the PROXY_COUNT-th address from the right of
    X-Forwarded-For: the one our outermost proxy saw. Whatever a client put further left is
    ignored. django-ipware reads the header (AXES_CLIENT_IP_CALLABLE points here). None when
    the request came with no address at all (a test client, a management command)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware counts the proxies listed in the header, i.e. all but the one that connected to us.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote


def rate_limit_exceeded(*, scope: str, ident: str | None, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `ident` in `scope`; True once more than `limit` attempts were made
    in the current window. The counter expires with the window (cache-based, no table).

    If the cache cannot be reached the attempt is let through (and a warning logged): an outage
    of Redis must not stop people from writing to the portal."""
    key = "ratelimit:" + hashlib.sha256(f"{scope}|{ident}".encode()).hexdigest()
    try:
        cache.add(key, 0, window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window_seconds)
            count = 1
    except Exception:  # noqa: BLE001 — the cache is down: fail open
        logger.warning("Rate limit %s not counted: the cache is unreachable", scope, exc_info=True)
        return False
    return count > limit
