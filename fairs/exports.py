"""Excel exports of an event's applications and exhibitors, in the registry's .xlsx format
(products.excel.ExcelFormat: bold frozen header, filters, amounts as numbers, text as text)."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

from products.excel import Amount, xlsx_response  # noqa: F401  (xlsx_response: the views and plans call it here)

from . import selectors


def _products(application) -> str:
    parts = []
    for verdict in getattr(application, "products_verdicts", None) or []:
        parts.append(f"{verdict.product.name} ({verdict.stars}★)" if verdict.stars else verdict.product.name)
    if not parts:
        parts = [shown.product.name for shown in application.shown_products.all()]
    return "; ".join(parts)


def _people(application) -> str:
    return "; ".join(f"{p['name']} {p.get('phone', '')}".strip() for p in application.booth_staff)


def applications_sheet(event) -> tablib.Dataset:
    """Every application of the event, as the review page shows it."""
    dataset = tablib.Dataset(
        headers=[
            _("Producer"),
            _("Commune"),
            _("Phone"),
            _("Products"),
            _("Booth type"),
            _("Support asked for"),
            _("Support (VND)"),
            _("Earlier events"),
            _("Status"),
            _("Booth number"),
            _("People at the booth"),
            _("Notes"),
            _("Applied on"),
        ],
        title=_("Applications")[:31],
    )
    for application in selectors.review_rows(event):
        cooperative = application.cooperative
        dataset.append(
            [
                cooperative.name,
                cooperative.commune.name if cooperative.commune_id else "",
                cooperative.phone,
                _products(application),
                str(application.booth_type),
                "; ".join(str(s.support.get_kind_display()) for s in application.supports),
                Amount(application.support_total),
                application.past_participations,
                str(application.get_status_display()),
                application.booth_number,
                _people(application),
                application.notes,
                timezone.localtime(application.created_at).date(),
            ]
        )
    return dataset


def exhibitors_sheet(event) -> tablib.Dataset:
    """The accepted exhibitors with their booth numbers."""
    dataset = tablib.Dataset(
        headers=[
            _("Booth number"),
            _("Producer"),
            _("Commune"),
            _("Phone"),
            _("Booth type"),
            _("Products"),
            _("People at the booth"),
        ],
        title=_("Exhibitors")[:31],
    )
    for application in selectors.exhibitors(event):
        cooperative = application.cooperative
        dataset.append(
            [
                application.booth_number,
                cooperative.name,
                cooperative.commune.name if cooperative.commune_id else "",
                cooperative.phone,
                str(application.booth_type),
                _products(application),
                _people(application),
            ]
        )
    return dataset
