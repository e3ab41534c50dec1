"""Excel import/export in the admin: a preview that names each bad row and saves nothing."""

import re
import zipfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from import_export.results import RowResult
from import_export.signals import post_import

from ocop_portal.text import fold

from ..excel import ExcelFormat

_TMP_NAME = re.compile(r"[0-9a-f]{32}")
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
