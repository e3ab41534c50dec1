"""Writes on products and certificates, one module per subject:
`certificates` (stars, expiry, issuing, revoking) and `catalog` (products and photos)."""

from .certificates import certificates_expire, product_sync_stars  # noqa: F401
