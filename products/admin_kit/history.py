"""Change history that says who changed what, with values as people read them."""

import datetime

from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from ocop_portal.text import format_vnd

from .display import date_text


class ReadableChanges(HistoricalRecordContextHelper):
    """Old and new values as people read them: choice labels, Có/Không, dd/mm/yyyy."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "—"
        if field.choices and not field.many_to_many:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if field.name in {"price_min", "price_max"} and isinstance(value, int):
            return format_vnd(value)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return date_text(value)
        return super().prepare_delta_change_value(change, value)


class RegistryHistoryMixin:
    """django-simple-history's history page, in Vietnamese, with dates dd/mm/yyyy, the person
    who made each change and what changed (old → new)."""

    object_history_template = "admin/registry/object_history.html"
    object_history_list_template = "admin/registry/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)
