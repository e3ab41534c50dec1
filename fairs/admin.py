"""The trade-promotion data in the admin: events with their booth types and support (poster and
booth plan checked by content), and read-mostly views of applications, outcomes, buyers and
meetings — the work itself happens on the staff pages (fairs/views/staff.py)."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.errors import ApplicationError
from ocop_portal.uploads import ImageUploadField
from products.admin_kit import AmountField, RegistryAdminMixin, RegistryInlineMixin
from showcase.cache import public_pages_invalidate

from .models import Application, ApplicationLog, BoothType, Buyer, Event, EventSupport, Meeting, OutcomeReport
from .services.applications import event_booth_count_check

EVENT_FIELDSETS = [
    (None, {"fields": ["kind", "name", "slug", "status", "description", "poster"]}),
    (
        _("Organiser and place"),
        {"fields": ["organiser", "organiser_name", "in_province", "venue", "address", "map_url"]},
    ),
    (_("Dates"), {"fields": ["starts_on", "ends_on", "application_deadline"]}),
    (
        _("Booths, eligibility and support"),
        {"fields": ["booth_count", "booth_plan", "eligibility", "min_stars", "support_budget_vnd"]},
    ),
    (
        _("Supply–demand conference: meetings"),
        {"fields": ["meeting_day", "meeting_start", "meeting_end", "slot_minutes", "table_count"]},
    ),
    (_("Outcomes"), {"fields": ["outcomes_published"]}),
]


class EventAdminForm(forms.ModelForm):
    poster = ImageUploadField(label=capfirst(_("poster")), required=False)
    booth_plan = ImageUploadField(label=capfirst(_("booth plan")), required=False)
    map_url = forms.URLField(label=capfirst(_("map link")), required=False, assume_scheme="https")
    support_budget_vnd = AmountField(label=capfirst(_("support budget (VND)")), required=False)

    class Meta:
        model = Event
        fields = [name for fieldset in EVENT_FIELDSETS for name in fieldset[1]["fields"]]

    def clean_support_budget_vnd(self):
        return self.cleaned_data.get("support_budget_vnd") or 0

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("booth_count") is not None:
            try:
                event_booth_count_check(event=self.instance, booth_count=cleaned["booth_count"])
            except ApplicationError as error:
                self.add_error("booth_count", str(error.message))
        return cleaned


class BoothTypeInline(RegistryInlineMixin, admin.TabularInline):
    model = BoothType
    extra = 0


class EventSupportInline(RegistryInlineMixin, admin.TabularInline):
    model = EventSupport
    extra = 0


@admin.register(Event)
class EventAdmin(RegistryAdminMixin, SimpleHistoryAdmin):
    form = EventAdminForm
    list_display = ["name", "kind", "starts_on", "status", "booth_count", "staff_link"]
    list_filter = ["kind", "status", "in_province", "organiser"]
    search_fields = ["name", "venue", "address"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BoothTypeInline, EventSupportInline]
    fieldsets = EVENT_FIELDSETS

    @admin.display(description=_("Applications"))
    def staff_link(self, obj):
        from django.urls import reverse

        return format_html('<a href="{}">{}</a>', reverse("fairs:staff_event", args=[obj.pk]), _("Review"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_pages_invalidate()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ApplicationLogInline(admin.TabularInline):
    model = ApplicationLog
    extra = 0
    fields = ["created_at", "action", "actor", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["cooperative", "event", "status", "booth_number", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["cooperative__name", "event__name"]
    list_select_related = ["cooperative", "event"]
    readonly_fields = [
        "event",
        "cooperative",
        "booth_type",
        "status",
        "booth_number",
        "booth_staff",
        "notes",
        "decision_note",
        "decided_at",
        "decided_by",
        "created_by",
        "reminder_sent_at",
    ]
    fields = readonly_fields
    inlines = [ApplicationLogInline]


@admin.register(OutcomeReport)
class OutcomeReportAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["application", "sales_vnd", "contracts_count", "contracts_value_vnd", "new_buyers"]
    list_select_related = ["application__cooperative", "application__event"]
    list_filter = ["application__event"]
    readonly_fields = [
        "application",
        "sales_vnd",
        "contracts_count",
        "contracts_value_vnd",
        "contract_buyers",
        "new_buyers",
        "note",
        "reported_by",
    ]


@admin.register(Buyer)
class BuyerAdmin(ReadOnlyAdmin):
    list_display = ["company", "kind", "contact_name", "email", "event", "status"]
    list_filter = ["status", "kind", "event"]
    search_fields = ["company", "contact_name", "email"]
    readonly_fields = [
        "event",
        "company",
        "kind",
        "contact_name",
        "position",
        "email",
        "phone",
        "province",
        "wants",
        "volumes",
        "status",
        "email_confirmed_at",
        "decided_at",
        "decided_by",
        "decision_note",
    ]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["starts_at", "table_number", "buyer", "application", "outcome"]
    list_filter = ["event", "outcome"]
    list_select_related = ["buyer", "application__cooperative"]
    readonly_fields = [
        "event",
        "buyer",
        "application",
        "table_number",
        "starts_at",
        "ends_at",
        "outcome",
        "contract_value_vnd",
        "outcome_note",
    ]
    exclude = ["request", "outcome_by"]
