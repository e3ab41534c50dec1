"""The portal's one rate limit: a fixed window counted in the cache (Redis in production), per
client address or any other identity (an email, a buyer)."""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_ip(request) -> str:
    """The visitor's address, resolved the same way as for login throttling (PROXY_COUNT)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"


def rate_limit_exceeded(*, scope: str, ident: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `ident` in `scope`; True once more than `limit` attempts were made
    in the current window. The counter expires with the window (cache-based, no table)."""
    key = "ratelimit:" + hashlib.sha256(f"{scope}|{ident}".encode()).hexdigest()
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
