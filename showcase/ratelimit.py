"""Moved to ocop_portal.ratelimit (one rate limiter for the whole portal)."""

from ocop_portal.ratelimit import client_ip, rate_limit_exceeded  # noqa: F401
