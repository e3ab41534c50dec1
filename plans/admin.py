from django import forms
from django.contrib import admin

from ocop_portal.uploads import DocumentUploadField

from .metrics import registry
from .models import Plan, Report, Target


class TargetAdminForm(forms.ModelForm):
    metric = forms.ChoiceField(choices=registry.choices)

    class Meta:
        model = Target
        fields = ["metric", "wording", "target_value", "target_max", "breakdown", "position"]


class TargetInline(admin.TabularInline):
    model = Target
    form = TargetAdminForm
    extra = 0


class PlanAdminForm(forms.ModelForm):
    document_file = DocumentUploadField(required=False)

    class Meta:
        model = Plan
        fields = [
            "name",
            "document_number",
            "document_date",
            "document_issuer",
            "document_file",
            "starts_on",
            "ends_on",
            "status",
            "notes",
        ]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ["name", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["name", "document_number"]
    inlines = [TargetInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "status", "progress", "created_at", "requested_by"]
    list_filter = ["status"]
    readonly_fields = ["status", "progress", "docx", "xlsx", "error", "requested_by"]
