"""Permanent QR addresses, outside the language prefix: printed labels live for years.
The page is shown in the visitor's language (cookie or browser preference)."""

from django.urls import path

from . import views

app_name = "qr"

urlpatterns = [
    path("<str:code>", views.qr_trace, name="trace"),
    path("<str:code>/", views.qr_trace),
]
