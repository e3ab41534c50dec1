from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ocop_portal.errors import ApplicationError

from .forms import SheetImportForm
from .models import (
    CriteriaGroup,
    CriteriaVersion,
    Criterion,
    Document,
    DocumentType,
    NationalReview,
    Option,
    ProductCodeSerial,
    Registration,
    RegistrationEvent,
    Round,
    RoundMember,
    Scorecard,
    ScoreSheet,
    SheetPart,
)
from .services.sheets_import import score_sheet_import


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "scheme",
        "valid_from",
        "band_5",
        "band_4",
        "band_3",
        "band_2",
        "certificate_validity_months",
    ]
    prepopulated_fields = {"code": ["name"]}


class SheetPartInline(admin.TabularInline):
    model = SheetPart
    extra = 0
    fields = ["code", "title", "max_points", "position"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    list_display = ["product_set", "version", "is_active", "max_points", "source_name", "created_at"]
    list_filter = ["version", "is_active"]
    list_select_related = ["product_set", "version"]
    readonly_fields = [
        "version",
        "product_set",
        "source_name",
        "max_points",
        "imported_by",
        "alternative_cases",
        "import_notes",
    ]
    fields = [
        "version",
        "product_set",
        "is_active",
        "source_name",
        "max_points",
        "imported_by",
        "alternative_cases",
        "import_notes",
    ]
    inlines = [SheetPartInline]
    change_list_template = "admin/registrations/scoresheet/change_list.html"

    def has_add_permission(self, request):
        return False  # sheets come in through the import page

    @admin.display(description=_("alternative cases"))
    def alternative_cases(self, obj):
        choices = list(obj.case_choices.prefetch_related("cases", "groups"))
        if not choices:
            return "—"
        items = [(choice, "; ".join(g.title for g in choice.groups.all())) for choice in choices]
        return format_html(
            "<ul>{}</ul>",
            format_html(
                "".join(["<li>{} — {}</li>"] * len(items)),
                *[value for choice, groups in items for value in (str(choice), groups)],
            ),
        )

    @admin.display(description=_("import notes"))
    def import_notes(self, obj):
        if not obj.warnings:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html("".join(["<li>{}</li>"] * len(obj.warnings)), *[_note_text(w) for w in obj.warnings]),
        )

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="registrations_scoresheet_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        form = SheetImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                sheet = score_sheet_import(
                    data=upload.read(),
                    file_name=upload.name,
                    product_set=form.cleaned_data["product_set"],
                    version=form.cleaned_data["version"],
                    by=request.user,
                    replace=form.cleaned_data["replace"],
                    activate=form.cleaned_data["activate"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request,
                    gettext("Imported %(sheet)s: %(criteria)s criteria, %(notes)s import note(s).")
                    % {"sheet": sheet, "criteria": sheet.criteria.count(), "notes": len(sheet.warnings)},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:registrations_scoresheet_change", args=[sheet.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": gettext("Import a score sheet"),
        }
        return TemplateResponse(request, "admin/registrations/scoresheet/import.html", context)


def _note_text(warning) -> str:
    row = warning.get("row")
    return f"{gettext('row')} {row}: {warning.get('note')}" if row else str(warning.get("note"))


class CriteriaGroupInline(admin.TabularInline):
    model = CriteriaGroup
    extra = 0
    fields = ["title", "max_points", "position"]
    show_change_link = True


@admin.register(SheetPart)
class SheetPartAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sheet", "max_points"]
    list_select_related = ["sheet__product_set", "sheet__version"]
    inlines = [CriteriaGroupInline]

    def has_module_permission(self, request):
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["title", "case", "max_points", "required_stars", "position"]
    readonly_fields = ["case"]
    show_change_link = True


@admin.register(CriteriaGroup)
class CriteriaGroupAdmin(admin.ModelAdmin):
    inlines = [CriterionInline]

    def has_module_permission(self, request):
        return False


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0
    fields = ["label", "points", "required_stars", "position"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "max_points", "required_stars"]
    search_fields = ["title"]
    inlines = [OptionInline]

    def has_module_permission(self, request):
        return False


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_required", "is_active", "position"]
    list_editable = ["is_required", "is_active", "position"]
    prepopulated_fields = {"code": ["name"]}


class RoundMemberInline(admin.TabularInline):
    model = RoundMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "council_name", "opens_on", "scoring_until", "is_open"]
    list_filter = ["year", "is_open"]
    inlines = [RoundMemberInline]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["doc_type", "download", "size", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("registrations:document_download", args=[obj.pk]), obj.original_name
        )


class EventInline(admin.TabularInline):
    model = RegistrationEvent
    extra = 0
    fields = ["created_at", "actor", "from_state", "to_state", "note", "internal_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class NationalReviewInline(admin.StackedInline):
    """The national council's part, read-only: it is written by the forward and the decision."""

    model = NationalReview
    extra = 0
    fields = [
        "ministry",
        "dispatch_number",
        "dispatch_date",
        "forwarded_at",
        "forwarded_by",
        "decision_number",
        "decision_date",
        "stars",
        "score",
        "decided_at",
        "decided_by",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Dossiers: the data can be corrected here; the state only moves through the workflow
    (the staff queue's actions), so every change keeps its audit event and email."""

    list_display = ["reference_display", "product", "cooperative", "state", "round", "result_stars", "state_changed_at"]
    list_filter = ["state", "kind", "round", "product_set__group__sector", "sheet__version"]
    list_select_related = ["product", "cooperative", "round"]
    search_fields = ["product__search_text", "cooperative__search_text"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "cooperative",
        "product",
        "product_set",
        "sheet",
        "kind",
        "previous_certificate",
        "state",
        "state_changed_at",
        "submitted_at",
        "round",
        "average_score",
        "result_stars",
        "certificate",
        "staff_page",
    ]
    inlines = [NationalReviewInline, DocumentInline, EventInline]
    change_list_template = "admin/registrations/registration/change_list.html"

    def has_add_permission(self, request):
        return False  # dossiers are started by the cooperatives

    @admin.display(description=_("reference"), ordering="pk")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("registrations:staff_detail", args=[obj.pk]), obj.reference)


class AnswerInline(admin.TabularInline):
    from .models import Answer

    model = Answer
    extra = 0
    fields = ["criterion", "option"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["registration", "kind", "member", "total", "submitted_at"]
    list_filter = ["kind", "registration__round"]
    list_select_related = ["registration__product", "member"]
    readonly_fields = ["registration", "kind", "member", "total", "submitted_at"]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False


@admin.register(ProductCodeSerial)
class ProductCodeSerialAdmin(admin.ModelAdmin):
    list_display = ["year", "last_serial"]
    readonly_fields = ["year", "last_serial"]

    def has_add_permission(self, request):
        return False
