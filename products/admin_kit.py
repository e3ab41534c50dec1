"""Pieces shared by the registry's admin pages (producers, products, certificates, places):
readable columns (stars, đồng, dd/mm/yyyy dates, coloured status badges), date and money inputs
as Vietnamese staff type them, the searchable commune filter, Excel import/export whose preview
names each bad row and saves nothing, and change history that says who changed what."""

import datetime
import re
import zipfile

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext, pgettext
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from import_export.results import RowResult
from import_export.signals import post_import
from simple_history.template_utils import HistoricalRecordContextHelper

from ocop_portal.text import fold, fold_terms, format_thousands, format_vnd, search_filter
from places.models import Commune
from places.selectors import communes_portal_first

from .excel import DATE_INPUT_FORMATS, ExcelFormat, parse_amount

_TMP_NAME = re.compile(r"[0-9a-f]{32}")

# django-import-export and django-simple-history ship no Vietnamese catalogue. The messages of
# theirs that staff can still see are repeated here so they land in ours: Django merges every
# catalogue of a language, so these translations serve the packages' own gettext calls too.
THIRD_PARTY_MESSAGES = [
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert"),
    gettext_noop("Close"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("You may edit it again below"),
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    # Django's own Vietnamese catalogue misses these admin strings.
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Error:"),
]

REGISTRY_CSS = "products/admin-registry.css"
EXPIRY_WARNING_DAYS = 180  # re-rating is filed 180 to 120 days before a certificate expires

# --- Readable values --------------------------------------------------------------------------


def price_range_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "—"
    if low is None:
        return _("up to %(price)s") % {"price": format_vnd(high)}
    if high is None or high == low:
        return format_vnd(low) if high == low else _("from %(price)s") % {"price": format_vnd(low)}
    return f"{format_thousands(low)} – {format_vnd(high)}"


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def stars_html(stars: int | None):
    """★★★★ 4, readable by screen readers as "4 stars"."""
    if not stars:
        return format_html('<span class="registry-muted">{}</span>', _("not rated"))
    label = ngettext("%(count)d star", "%(count)d stars", stars) % {"count": stars}
    return format_html(
        '<span class="registry-stars" title="{}"><span aria-hidden="true">{}</span> {}</span>',
        label,
        "★" * stars,
        stars,
    )


def badge(label, tone: str):
    """A coloured status label; `tone` is one of ok, warn, bad, muted, info."""
    return format_html('<span class="registry-badge registry-badge--{}">{}</span>', tone, label)


# --- Form inputs ------------------------------------------------------------------------------


class AmountField(forms.IntegerField):
    """An amount of đồng typed as staff write it: 25000, 25.000 or "25.000 đ". (Django's own
    integer input would read "25.000" as 25.)"""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "vIntegerField"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid")

    def prepare_value(self, value):
        return format_thousands(value) if isinstance(value, int) else value


class RegistryFormMixin:
    """Dates typed and shown as dd/mm/yyyy in every registry form and inline (Django's default
    input formats would read 03/04/2026 as 4 March), decimals with a comma."""

    formfield_overrides = {
        models.DateField: {"widget": AdminDateWidget(format="%d/%m/%Y"), "input_formats": DATE_INPUT_FORMATS},
        # Scores as Vietnamese write them: 75,5.
        models.DecimalField: {"localize": True},
        # "ocop.vn" typed without a scheme becomes https://ocop.vn.
        models.URLField: {"assume_scheme": "https"},
    }


class RegistryAdminMixin(RegistryFormMixin):
    list_per_page = 50

    @property
    def media(self):
        return super().media + forms.Media(css={"all": [REGISTRY_CSS]})


class RegistryInlineMixin(RegistryFormMixin):
    pass


class FoldedNameSearchMixin:
    """Search without diacritics on small reference tables (provinces, sectors, product sets…)
    that have no stored search column: the few rows are folded in Python."""

    search_fields = ["name"]
    folded_search_fields = ("name", "code")

    def get_search_results(self, request, queryset, search_term):
        terms = fold_terms(search_term)
        if not terms:
            return queryset, False
        ids = [
            pk
            for pk, *values in self.model.objects.values_list("pk", *self.folded_search_fields)
            if all(term in fold(" ".join(str(value) for value in values)) for term in terms)
        ]
        return queryset.filter(pk__in=ids), False


# --- Filters ----------------------------------------------------------------------------------


class CommuneListFilter(admin.SimpleListFilter):
    """The communes actually used by the listed records (portal province first), with a search
    box that ignores diacritics — never a list of all 3,321 units of the country."""

    title = gettext_lazy("commune / ward")
    parameter_name = "commune"
    search_parameter = "commune_q"
    field_path = "commune"
    max_choices = 15
    template = "admin/registry/commune_filter.html"

    @classmethod
    def on(cls, field_path: str):
        return type(f"CommuneListFilter_{field_path}", (cls,), {"field_path": field_path})

    def __init__(self, request, params, model, model_admin):
        self.search = (params.pop(self.search_parameter, [""])[-1] or "").strip()
        self.more = 0
        self.hidden_params = []
        super().__init__(request, params, model, model_admin)
        if self.search:
            self.used_parameters[self.search_parameter] = self.search

    def expected_parameters(self):
        return [self.parameter_name, self.search_parameter]

    def lookups(self, request, model_admin):
        used = model_admin.get_queryset(request).order_by().values(f"{self.field_path}__code")
        communes = Commune.objects.filter(code__in=used)
        if self.search:
            communes = communes.filter(search_filter("search_text", self.search))
        communes = list(communes_portal_first(communes)[: self.max_choices + 1])
        self.more = max(len(communes) - self.max_choices, 0)
        return [(str(commune.code), commune.name) for commune in communes[: self.max_choices]]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_path}__code": self.value()})
        if self.search:
            return queryset.filter(search_filter(f"{self.field_path}__search_text", self.search))
        return queryset

    def choices(self, changelist):
        skip = {self.parameter_name, self.search_parameter, PAGE_VAR}
        self.hidden_params = [(key, value) for key, value in changelist.params.items() if key not in skip]
        yield {
            "selected": self.value() is None and not self.search,
            "query_string": changelist.get_query_string(remove=[self.parameter_name, self.search_parameter]),
            "display": _("All"),
        }
        for code, name in self.lookup_choices:
            yield {
                "selected": self.value() == code,
                "query_string": changelist.get_query_string({self.parameter_name: code}, [self.search_parameter]),
                "display": name,
            }


class StarsListFilter(admin.SimpleListFilter):
    title = gettext_lazy("OCOP stars")
    parameter_name = "stars"
    field_path = "stars"
    include_unrated = True

    def lookups(self, request, model_admin):
        choices = [("5", "★★★★★"), ("4", "★★★★"), ("3", "★★★")]
        if self.include_unrated:
            choices.append(("none", _("not rated")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(**{f"{self.field_path}__isnull": True})
        if self.value() in {"3", "4", "5"}:
            return queryset.filter(**{self.field_path: int(self.value())})
        return queryset


class YearListFilter(admin.SimpleListFilter):
    """Years present in a date column, newest first."""

    title = gettext_lazy("year")
    parameter_name = "year"
    field_path = ""

    @classmethod
    def on(cls, field_path: str, title, parameter_name: str = "year"):
        return type(
            f"YearListFilter_{field_path}",
            (cls,),
            {"field_path": field_path, "title": title, "parameter_name": parameter_name},
        )

    def lookups(self, request, model_admin):
        days = model_admin.get_queryset(request).order_by().dates(self.field_path, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in days]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_path}__year": int(self.value())})
        return queryset


# --- Excel import / export --------------------------------------------------------------------

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ExcelImportForm(ImportForm):
    """The file field only: one format (.xlsx), one kind of sheet per page."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].widget = forms.HiddenInput()
        self.fields["import_file"].label = _("Excel file (.xlsx)")
        self.fields["import_file"].help_text = _("At most %(limit)s. The first row holds the column headers.") % {
            "limit": filesizeformat(MAX_IMPORT_BYTES)
        }
        self.fields["import_file"].widget.attrs["accept"] = (
            ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    @property
    def media(self):
        return forms.Media()

    def clean_import_file(self):
        uploaded = self.cleaned_data["import_file"]
        if uploaded.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(MAX_IMPORT_BYTES)},
            )
        uploaded.seek(0)
        if not zipfile.is_zipfile(uploaded):
            raise forms.ValidationError(
                _("This is not an Excel .xlsx file. In Excel, use “Save as” and choose “Excel Workbook (.xlsx)”.")
            )
        uploaded.seek(0)
        return uploaded


class ExcelImportExportMixin(ImportExportMixin):
    """Import and export in .xlsx only. The preview lists every bad row by its line in Excel
    with the column and the problem; while one row is wrong the file cannot be confirmed, and
    even a confirmation sent by hand re-checks the whole file and saves nothing if any row fails."""

    import_formats = [ExcelFormat]
    export_formats = [ExcelFormat]
    import_form_class = ExcelImportForm
    import_template_name = "admin/registry/import.html"
    import_export_change_list_template = "admin/registry/change_list_excel.html"
    # The file waits in the private storage (STORAGES["import_export"]) between the preview and
    # the confirmation, so any web server can confirm it, even while Redis is down.
    tmp_storage_class = "import_export.tmp_storages.MediaStorage"
    skip_export_form = True
    skip_export_form_from_action = True
    actions = ["export_to_excel"]

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    import_help = None  # one sentence: which existing record a row updates

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["import_help"] = self.import_help
        resource = self.get_import_resource_classes(None)[0]()
        context["columns"] = [field.column_name for field in resource.get_user_visible_fields() if not field.readonly]
        context["readonly_columns"] = [
            field.column_name for field in resource.get_user_visible_fields() if field.readonly
        ]
        return context

    def get_data_for_export(self, request, queryset, **kwargs):
        # Real numbers and dates in the sheet (import-export only does so for its own XLSX class).
        kwargs["force_native_type"] = True
        return super().get_data_for_export(request, queryset, **kwargs)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", _("This file cannot be read. Please choose an Excel .xlsx file."))

    def process_import(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            confirm_form = self.create_confirm_form(request)
            # The name is import-export's uuid4().hex; anything else never names a waiting file.
            if confirm_form.is_valid() and not _TMP_NAME.fullmatch(confirm_form.cleaned_data["import_file_name"]):
                messages.error(request, _("The uploaded file is no longer available. Please upload it again."))
                return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))
            if confirm_form.is_valid():
                storage = self.get_tmp_storage_class()(
                    name=confirm_form.cleaned_data["import_file_name"],
                    encoding=None,
                    read_mode="rb",
                    **self.get_tmp_storage_class_kwargs(),
                )
                try:
                    missing = storage.read() is None
                except OSError:
                    missing = True
                if missing:
                    messages.error(request, _("The uploaded file is no longer available. Please upload it again."))
                    return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))
        return super().process_import(request, **kwargs)

    def process_result(self, result, request):
        """After a confirmation: on any bad row nothing was saved (the transaction was rolled
        back); show the rows again instead of a success message."""
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request, _("Nothing was imported: some rows have errors. Correct them and upload the file again.")
            )
            context = self.admin_site.each_context(request)
            context.update(self.get_import_context_data())
            context.update(
                {
                    "title": _("Import from Excel"),
                    "form": self.get_import_form_class(request)(
                        self.get_import_formats(), self.get_import_resource_classes(request)
                    ),
                    "opts": self.model._meta,
                    "result": result,
                    "media": self.media,
                }
            )
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        self.generate_log_entries(result, request)
        self.add_success_message(result, request)
        post_import.send(sender=None, model=self.model)
        return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*self.get_model_info())))

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Import finished: %(new)d added, %(updated)d updated, %(skipped)d unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def get_export_filename(self, request, queryset, file_format):
        name = slugify(fold(str(self.model._meta.verbose_name_plural))) or self.model._meta.model_name
        return f"{name}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"

    @admin.action(description=gettext_lazy("Export the selected rows to Excel"))
    def export_to_excel(self, request, queryset):
        if not self.has_export_permission(request):
            raise PermissionDenied
        return self._do_file_export(ExcelFormat(), request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_export_permission(request):
            actions.pop("export_to_excel", None)
        return actions


# --- History ----------------------------------------------------------------------------------


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


def certificate_status_badge(certificate, *, today: datetime.date | None = None):
    """Valid (green), expiring within 180 days (amber), expired (grey, also when the nightly task
    has not marked it yet), revoked (red)."""
    today = today or timezone.localdate()
    status = certificate.status
    if status == certificate.Status.REVOKED:
        return badge(pgettext("certificate validity", "Revoked"), "bad")
    if status == certificate.Status.EXPIRED or (certificate.valid_until and certificate.valid_until < today):
        return badge(pgettext("certificate validity", "Expired"), "muted")
    if certificate.valid_from and certificate.valid_from > today:
        return badge(pgettext("certificate validity", "Not yet valid"), "info")
    if certificate.valid_until and (certificate.valid_until - today).days <= EXPIRY_WARNING_DAYS:
        return badge(
            pgettext("certificate validity", "Expires soon"),
            "warn",
        )
    return badge(pgettext("certificate validity", "Valid"), "ok")


def portal_province_name() -> str:
    from places.models import Province

    province = Province.objects.filter(code=settings.PORTAL["PROVINCE_CODE"]).first()
    return province.name if province else ""
