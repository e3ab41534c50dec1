"""Admin for what cooperatives send from their space: legal identity change requests and
support requests. Imported from CooperativesConfig.ready() (cooperatives/admin.py registers the
registry itself)."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.admin_decisions import Decision, DecisionAdminMixin
from ocop_portal.errors import ApplicationError

from . import services
from .models import LegalChangeRequest, SupportAttachment, SupportNote, SupportRequest


def _approve_legal(request_obj, *, by, note):
    return services.legal_change_approve(request=request_obj, by=by, note=note)


def _reject_legal(request_obj, *, by, note):
    return services.legal_change_reject(request=request_obj, by=by, note=note)


@admin.register(LegalChangeRequest)
class LegalChangeRequestAdmin(DecisionAdminMixin, admin.ModelAdmin):
    decisions = [
        Decision(
            "approve",
            _("Approve: apply the new legal identity"),
            _approve_legal,
            button=_("Approve"),
            done_message=_("%(count)s change(s) applied to the registry."),
        ),
        Decision(
            "reject",
            _("Reject (with a note)"),
            _reject_legal,
            button=_("Reject"),
            note_required=True,
            done_message=_("%(count)s request(s) rejected."),
        ),
    ]
    list_display = ["created_at", "cooperative", "changes_column", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["cooperative", "decided_by"]
    search_fields = ["cooperative__name", "name", "registration_number"]
    readonly_fields = [
        "cooperative",
        "changes_column",
        "document_link",
        "requested_by",
        "created_at",
        "status",
        "decision_note",
        "decided_at",
        "decided_by",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def decision_available(self, obj, decision):
        return obj.status == LegalChangeRequest.Status.PENDING

    @admin.display(description=_("requested changes"))
    def changes_column(self, obj):
        return format_html_join(
            "",
            "<div>{}: {} → <strong>{}</strong></div>",
            ((label, before or "—", after or "—") for label, before, after in obj.changes()),
        )

    @admin.display(description=_("supporting document"))
    def document_link(self, obj):
        if not obj.document:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("cooperatives:legal_document", args=[obj.pk]), _("Download"))


class SupportAttachmentInline(admin.TabularInline):
    model = SupportAttachment
    extra = 0
    can_delete = False
    fields = ["download", "size", "uploaded_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("cooperatives:support_attachment", args=[obj.pk]), obj.original_name
        )


class SupportNoteInline(admin.StackedInline):
    """Notes the cooperative reads in its space. New ones go through the service (an email is
    sent); written notes cannot be changed."""

    model = SupportNote
    extra = 1
    can_delete = False
    fields = ["text", "author", "status_to", "created_at"]
    readonly_fields = ["author", "status_to", "created_at"]
    verbose_name = _("note for the cooperative")
    verbose_name_plural = _("notes for the cooperative")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False


def _transition(status):
    def run(support, *, by, note):
        return services.support_request_transition(request=support, by=by, status=status, note=note)

    return run


@admin.register(SupportRequest)
class SupportRequestAdmin(DecisionAdminMixin, admin.ModelAdmin):
    decisions = [
        Decision(
            "start",
            _("Start working on it (in progress)"),
            _transition(SupportRequest.Status.IN_PROGRESS),
            done_message=_("%(count)s request(s) in progress."),
        ),
        Decision(
            "done",
            _("Mark as done"),
            _transition(SupportRequest.Status.DONE),
            done_message=_("%(count)s request(s) done."),
        ),
        Decision(
            "decline",
            _("Decline (with a note)"),
            _transition(SupportRequest.Status.DECLINED),
            note_required=True,
            done_message=_("%(count)s request(s) declined."),
        ),
    ]
    decisions_only = False  # staff set the assignee and write notes here
    list_display = ["created_at", "subject", "cooperative", "kind", "amount", "status", "assigned_to"]
    list_filter = ["status", "kind", ("assigned_to", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["cooperative", "assigned_to"]
    search_fields = ["subject", "description", "cooperative__name"]
    date_hierarchy = "created_at"
    fields = [
        "cooperative",
        "kind",
        "subject",
        "description",
        "amount",
        "product",
        "status",
        "created_by",
        "created_at",
        "closed_at",
        "assigned_to",
    ]
    readonly_fields = [f for f in fields if f != "assigned_to"]
    inlines = [SupportAttachmentInline, SupportNoteInline]

    def has_add_permission(self, request):
        return False

    def decision_available(self, obj, decision):
        status = {"start": SupportRequest.Status.IN_PROGRESS, "done": SupportRequest.Status.DONE}.get(
            decision.code, SupportRequest.Status.DECLINED
        )
        return status in services.ALLOWED_TRANSITIONS[obj.status]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            from accounts.models import User

            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True).order_by("full_name", "email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and "assigned_to" in form.changed_data:
            try:
                services.support_request_assign(request=obj, by=request.user, assignee=obj.assigned_to)
            except ApplicationError as error:
                messages.error(request, error.message)

    def save_formset(self, request, form, formset, change):
        if formset.model is not SupportNote:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form.instance.pk is None and inline_form.has_changed() and inline_form.cleaned_data.get("text"):
                formset.new_objects.append(
                    services.support_note_add(
                        request=form.instance, by=request.user, text=inline_form.cleaned_data["text"]
                    )
                )
        return None
