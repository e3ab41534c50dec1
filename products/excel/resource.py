"""The registry's columns and base resource (headers in either language, errors under the
column's header with the Excel line)."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from ocop_portal.errors import ApplicationError
from ocop_portal.text import fold

from .cells import excel_text, is_blank
from .widgets import TextWidget


class Column(fields.Field):
    """A spreadsheet column. An empty cell leaves the record's value as it is (a new record
    gets the model's default), so a partly filled sheet never erases data."""

    def __init__(self, attribute=None, label=None, widget=None, **kwargs):
        self.label = label  # lazy: the header is chosen per request (RegistryResource.__init__)
        super().__init__(attribute=attribute, widget=widget, **kwargs)

    def save(self, instance, row, is_m2m=False, **kwargs):
        if is_blank(row.get(self.column_name)):
            return
        super().save(instance, row, is_m2m, **kwargs)


class ComputedColumn(Column):
    """A column computed from the record, shown in the export and in the import preview. On
    import it is ignored (readonly) or read by the resource's `import_extra`."""

    def __init__(self, label, compute, widget=None, **kwargs):
        super().__init__(None, label, widget or TextWidget(), **kwargs)
        self.compute = compute

    def get_value(self, instance):
        try:
            return self.compute(instance)
        except (AttributeError, ObjectDoesNotExist):  # e.g. a new certificate without a product yet
            return None

    def save(self, instance, row, is_m2m=False, **kwargs):
        return


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    if isinstance(error, list | tuple):
        return [message for item in error for message in _messages(item)]
    return [force_str(error)]


class RegistryResource(resources.ModelResource):
    """Base of the registry's resources. Subclasses declare `Column`s and `find_instance(row)`."""

    class Meta:
        abstract = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Headers in the language of the request (the labels are lazy).
        for field in self.fields.values():
            if getattr(field, "label", None) is not None:
                field.column_name = str(field.label)
        self.excel_lines: list[int] | None = None
        self.ignored_columns: list[str] = []
        self.created_lines: dict[int, int] = {}  # pk of a record added by this file → its line

    def export(self, queryset=None, **kwargs):
        dataset = super().export(queryset, **kwargs)
        # The sheet's tab is named after the records ("Hợp tác xã"); Excel allows 31 characters.
        title = capfirst(str(self._meta.model._meta.verbose_name_plural))
        dataset.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
        return dataset

    # Headers ----------------------------------------------------------------------------------

    def header_aliases(self) -> dict[str, str]:
        """Folded header (in Vietnamese, English, or the field's name) → this resource's header."""
        aliases = {}
        for name, field in self.fields.items():
            aliases[fold(name)] = field.column_name
            label = getattr(field, "label", None)
            if label is not None:
                for language in ("vi", "en"):
                    with translation.override(language):
                        aliases[fold(str(label))] = field.column_name
        return aliases

    def before_import(self, dataset, **kwargs):
        aliases = self.header_aliases()
        headers, ignored = [], []
        for header in dataset.headers or []:
            known = aliases.get(fold(excel_text(header))) if header is not None else None
            if known is None and not is_blank(header):
                ignored.append(excel_text(header))
            headers.append(known or excel_text(header or ""))
        if dataset.headers:
            dataset.headers = headers
        self.ignored_columns = ignored
        self.excel_lines = getattr(dataset, "excel_lines", None)
        super().before_import(dataset, **kwargs)

    def _check_import_id_fields(self, headers):
        """Records are found by `find_instance`, not by an id column."""

    def get_user_visible_fields(self):
        return [field for field in super().get_user_visible_fields() if field.column_name]

    # Rows -------------------------------------------------------------------------------------

    def find_instance(self, row):
        raise NotImplementedError

    def get_instance(self, instance_loader, row):
        instance = self.find_instance(row)
        if instance is not None and instance.pk in self.created_lines:
            raise ValidationError(
                _("This row names the same record as line %(line)s above; merge the two rows.")
                % {"line": self.created_lines[instance.pk]}
            )
        return instance

    def excel_line(self, row_number: int) -> int:
        lines = self.excel_lines
        return lines[row_number - 1] if lines and 0 < row_number <= len(lines) else row_number + 1

    def after_save_instance(self, instance, row, **kwargs):
        if getattr(instance, "_registry_new", False) and kwargs.get("row_number"):
            self.created_lines[instance.pk] = self.excel_line(kwargs["row_number"])
        super().after_save_instance(instance, row, **kwargs)

    def column_for(self, attribute: str) -> str:
        for field in self.fields.values():
            if field.attribute == attribute or field.attribute == f"{attribute}_id":
                return field.column_name
        return attribute

    def import_instance(self, instance, row, **kwargs):
        instance._registry_new = instance.pk is None
        errors = {}
        for field in self.get_import_fields():
            if field.readonly or field.column_name not in row or is_blank(row.get(field.column_name)):
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row, **kwargs)  # checked now, saved after the record
                else:
                    self.import_field(field, instance, row, **kwargs)
            except (ValueError, ValidationError) as error:
                errors[field.column_name] = _messages(error)
        errors.update(self.import_extra(instance, row, errors=errors))
        if errors:
            raise ValidationError(errors)

    def import_extra(self, instance, row, *, errors) -> dict[str, list[str]]:
        """Hook for values that depend on several columns; returns errors by column."""
        return {}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors: dict[str, list[str]] = {}
        for key, value in (import_validation_errors or {}).items():
            errors.setdefault(key, []).extend(_messages(value))
        failed_attributes = {
            field.attribute for field in self.fields.values() if field.column_name in errors and field.attribute
        }
        if hasattr(instance, "slug") and not instance.slug:
            failed_attributes.add("slug")  # made from the name by the service that saves the row
        try:
            instance.full_clean(exclude=failed_attributes, validate_unique=validate_unique)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                column = NON_FIELD_ERRORS if key == NON_FIELD_ERRORS else self.column_for(key)
                errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """The row is written by its app's service (slug rule, QR code, stars, search text, the
        public pages…), exactly as the admin would; a refusal is reported on the row."""
        self.before_save_instance(instance, row, **kwargs)
        if self._is_using_transactions(kwargs) or not self._is_dry_run(kwargs):
            try:
                self.record_save(instance, is_create=is_create, by=kwargs.get("user"))
            except ApplicationError as error:
                column = self.column_for(error.field) if error.field else NON_FIELD_ERRORS
                raise ValidationError({column: [str(error.message)]})
        self.after_save_instance(instance, row, **kwargs)

    def record_save(self, instance, *, is_create: bool, by) -> None:
        """Save `instance` through the service of its model (subclasses)."""
        raise NotImplementedError

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped (an exported file imported again changes nothing); empty
        cells never count as a change."""
        if not self._meta.skip_unchanged or self._meta.skip_diff or import_validation_errors:
            return False
        if original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.readonly or not field.attribute:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if is_blank(row.get(field.column_name)):
                    continue
                new = sorted(obj.pk for obj in field.clean(row))
                old = sorted(field.get_value(original).values_list("pk", flat=True))
                if new != old:
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def after_import(self, dataset, result, **kwargs):
        """Number the rows as Excel does (the header is line 1) so staff find them."""
        for row in [*result.invalid_rows, *result.error_rows]:
            row.number = self.excel_line(row.number)
        result.ignored_columns = self.ignored_columns
        # The preview shows the columns the file has, not every column the sheet could have.
        present = set(dataset.headers or [])
        shown = [i for i, header in enumerate(result.diff_headers) if header in present]
        result.preview_headers = [result.diff_headers[i] for i in shown]
        for row in result.rows:
            row.preview_cells = [row.diff[i] for i in shown] if row.diff else []
        result.bad_row_count = len(result.invalid_rows) + len(result.error_rows)
        super().after_import(dataset, result, **kwargs)
