from django.contrib import admin

from .forms import PlanForm, TargetForm
from .models import Plan, Report, Target


class TargetInline(admin.StackedInline):  # a target has long wording: one block each, no sideways scroll
    model = Target
    form = TargetForm
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanForm  # the staff page's form: the same checks and messages
    list_display = ["name", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["name", "document_number"]
    inlines = [TargetInline]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "status", "progress", "created_at", "requested_by"]
    list_filter = ["status"]
    readonly_fields = ["status", "progress", "docx", "xlsx", "error", "requested_by"]
