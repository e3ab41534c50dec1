"""Permanent QR addresses, outside the language prefix: printed labels live for years."""

urlpatterns: list = []
