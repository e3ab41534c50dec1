"""Trainings in the admin. Writes go through the services (course_save, session_save,
registration_approve / refuse): the day-to-day work happens on the staff pages
(trainings/views/staff.py); registrations, attendance and the audit trail are read here."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.errors import ApplicationError
from products.admin_kit import RegistryAdminMixin, RegistryInlineMixin

from . import services
from .forms import CourseForm
from .models import Attendance, Course, Material, Registration, Session, Topic, TrainingLog


@admin.register(Topic)
class TopicAdmin(RegistryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "counts_toward_leaders_target", "position", "is_active"]
    list_editable = ["counts_toward_leaders_target", "position", "is_active"]


class SessionInline(RegistryInlineMixin, admin.TabularInline):
    model = Session
    extra = 0
    fields = ["date", "starts_at", "ends_at", "place", "title"]


class MaterialInline(RegistryInlineMixin, admin.TabularInline):
    model = Material
    extra = 0
    fields = ["title", "original_name", "size"]
    readonly_fields = ["title", "original_name", "size"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CourseAdminForm(CourseForm):
    class Meta(CourseForm.Meta):
        fields = [*CourseForm.Meta.fields, "slug"]

    # The admin validates the model on the form (its errors show on their fields).
    _post_clean = forms.ModelForm._post_clean

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and self.instance.pk:
            taken = services.seats_taken(self.instance)
            if capacity < taken:
                raise forms.ValidationError(
                    _("The capacity cannot be below the %(taken)s seats already taken; nothing was saved.")
                    % {"taken": taken}
                )
        return capacity


@admin.register(Course)
class CourseAdmin(RegistryAdminMixin, SimpleHistoryAdmin):
    form = CourseAdminForm
    list_display = ["title", "kind", "status", "capacity", "registration_closes_on", "staff_link"]
    list_filter = ["kind", "status", "topics", "audience"]
    search_fields = ["title", "organiser_name", "venue_address"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline, MaterialInline]

    @admin.display(description=_("Staff page"))
    def staff_link(self, obj):
        from django.urls import reverse

        return format_html('<a href="{}">{}</a>', reverse("trainings:staff_course", args=[obj.pk]), _("Open"))

    def save_model(self, request, obj, form, change):
        # Topics are set by the service; Django's save_related sets them again (same values).
        services.course_save(course=obj, topics=form.cleaned_data.get("topics"), by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Session:
            return super().save_formset(request, form, formset, change)
        for session in formset.save(commit=False):
            try:
                services.session_save(session=session, by=request.user)
            except ApplicationError as error:
                messages.error(request, f"{session}: {error.message}")
        for session in formset.deleted_objects:
            try:
                services.session_delete(session=session, by=request.user)
            except ApplicationError as error:
                messages.error(request, f"{session}: {error.message}")


@admin.register(Registration)
class RegistrationAdmin(RegistryAdminMixin, admin.ModelAdmin):
    list_display = ["person", "cooperative", "course", "status", "waiting_position", "created_at"]
    list_filter = ["status", "course"]
    search_fields = ["person__full_name", "cooperative__name", "course__title", "ticket_code"]
    list_select_related = ["person", "cooperative", "course"]
    readonly_fields = [
        "course",
        "cooperative",
        "person",
        "status",
        "waiting_position",
        "ticket_code",
        "decided_at",
        "decided_by",
        "created_by",
        "staff_note",
    ]
    actions = ["approve", "refuse"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def _apply(self, request, queryset, service):
        done = 0
        for registration in queryset:
            try:
                service(registration=registration, by=request.user)
            except ApplicationError as error:
                messages.error(request, f"{registration}: {error.message}")
            else:
                done += 1
        if done:
            messages.success(request, _("%(count)s registrations changed.") % {"count": done})

    @admin.action(description=_("Approve the selected registrations"))
    def approve(self, request, queryset):
        self._apply(request, queryset, services.registration_approve)

    @admin.action(description=_("Refuse the selected registrations"))
    def refuse(self, request, queryset):
        self._apply(request, queryset, services.registration_refuse)


@admin.register(Attendance)
class AttendanceAdmin(RegistryAdminMixin, admin.ModelAdmin):
    list_display = ["registration", "session", "checked_in_at", "method", "checked_in_by"]
    list_filter = ["method", "session__course"]
    list_select_related = ["registration__person", "registration__course", "session__course", "checked_in_by"]
    search_fields = ["registration__person__full_name", "registration__ticket_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TrainingLog)
class TrainingLogAdmin(RegistryAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "course", "action", "registration", "actor", "note"]
    list_filter = ["action"]
    list_select_related = ["course", "registration__person", "actor"]
    search_fields = ["course__title", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
