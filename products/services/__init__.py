"""Writes on products and certificates, one module per subject:
`certificates` (stars, expiry, issuing, revoking) and `catalog` (products and photos)."""

from .catalog import *  # noqa: F403 — product and photo writes (see catalog.__all__)
from .certificates import certificates_expire, product_sync_stars  # noqa: F401
