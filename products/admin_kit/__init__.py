"""Pieces shared by the registry's admin pages (producers, products, certificates, places):
readable columns (stars, đồng, dd/mm/yyyy dates, coloured status badges), date and money inputs
as Vietnamese staff type them, the searchable commune filter, Excel import/export whose preview
names each bad row and saves nothing, and change history that says who changed what."""

from .display import EXPIRY_WARNING_DAYS, badge, certificate_status_badge, date_text, price_range_text, stars_html
from .filters import CommuneListFilter, StarsListFilter, YearListFilter
from .history import ReadableChanges, RegistryHistoryMixin
from .imports import MAX_IMPORT_BYTES, ExcelImportExportMixin, ExcelImportForm
from .inputs import (
    REGISTRY_CSS,
    AmountField,
    FoldedNameSearchMixin,
    RegistryAdminMixin,
    RegistryFormMixin,
    RegistryInlineMixin,
)
from .third_party import THIRD_PARTY_MESSAGES

__all__ = [
    "EXPIRY_WARNING_DAYS",
    "MAX_IMPORT_BYTES",
    "REGISTRY_CSS",
    "THIRD_PARTY_MESSAGES",
    "AmountField",
    "CommuneListFilter",
    "ExcelImportExportMixin",
    "ExcelImportForm",
    "FoldedNameSearchMixin",
    "ReadableChanges",
    "RegistryAdminMixin",
    "RegistryFormMixin",
    "RegistryHistoryMixin",
    "RegistryInlineMixin",
    "StarsListFilter",
    "YearListFilter",
    "badge",
    "certificate_status_badge",
    "date_text",
    "price_range_text",
    "stars_html",
]
