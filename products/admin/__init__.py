"""The registry's admin for products, one module per subject (issue 8: the single module had
grown past 560 lines): `catalogue` (products, photos), `certificates`, `classification`;
their forms in `forms`."""

from . import catalogue, certificates, classification  # noqa: F401 — registers the model admins
