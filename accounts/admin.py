from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .admin_decisions import Decision, DecisionAdminMixin
from .forms_admin import UserAdminChangeForm, UserAdminCreationForm
from .models import Invitation, SignupRequest, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "full_name", "phone"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "phone", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "usable_password", "password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined"]


def _approve_signup(signup, *, by, note):
    return services.signup_approve(signup=signup, by=by, note=note)


def _reject_signup(signup, *, by, note):
    return services.signup_reject(signup=signup, by=by, note=note)


@admin.register(SignupRequest)
class SignupRequestAdmin(DecisionAdminMixin, admin.ModelAdmin):
    """Staff review account requests: approve (creates the account, links or creates the
    cooperative) or reject with a note; the applicant gets an email either way."""

    decisions = [
        Decision(
            "approve",
            _("Approve the selected requests"),
            _approve_signup,
            button=_("Approve"),
            done_message=_("%(count)s request(s) approved; the applicants have been emailed."),
        ),
        Decision(
            "reject",
            _("Reject the selected requests (with a note)"),
            _reject_signup,
            button=_("Reject"),
            note_required=True,
            done_message=_("%(count)s request(s) rejected; the applicants have been emailed."),
        ),
    ]
    list_display = ["created_at", "full_name", "email", "cooperative_column", "email_confirmed", "status"]
    list_filter = [
        "status",
        ("email_confirmed_at", admin.EmptyFieldListFilter),
        ("cooperative", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["cooperative"]
    search_fields = ["email", "full_name", "phone", "new_name", "cooperative__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "status",
        "full_name",
        "email",
        "phone",
        "position",
        "message",
        "email_confirmed_at",
        "cooperative",
        "new_name",
        "new_kind",
        "new_registration_number",
        "new_commune",
        "new_street_address",
        "new_legal_representative",
        "new_main_products",
        "decision_note",
        "decided_at",
        "decided_by",
        "user",
        "created_at",
    ]
    fieldsets = (
        (
            _("Applicant"),
            {
                "fields": (
                    "status",
                    "full_name",
                    "email",
                    "email_confirmed_at",
                    "phone",
                    "position",
                    "message",
                    "created_at",
                )
            },
        ),
        (_("Existing cooperative"), {"fields": ("cooperative",)}),
        (
            _("New cooperative"),
            {
                "fields": (
                    "new_name",
                    "new_kind",
                    "new_registration_number",
                    "new_commune",
                    "new_street_address",
                    "new_legal_representative",
                    "new_main_products",
                )
            },
        ),
        (_("Decision"), {"fields": ("decision_note", "decided_at", "decided_by", "user")}),
    )

    def has_add_permission(self, request):
        return False

    def decision_available(self, obj, decision):
        return obj.status == SignupRequest.Status.PENDING

    @admin.display(description=_("cooperative"), ordering="new_name")
    def cooperative_column(self, obj):
        if obj.cooperative_id:
            return obj.cooperative.name
        return format_html("{} <em>({})</em>", obj.new_name, _("new"))

    @admin.display(description=_("email confirmed"), boolean=True)
    def email_confirmed(self, obj):
        return obj.email_confirmed_at is not None


def _withdraw_invitation(invitation, *, by, note):
    return services.invitation_revoke(invitation=invitation, by=by)


@admin.register(Invitation)
class InvitationAdmin(DecisionAdminMixin, admin.ModelAdmin):
    decisions = [
        Decision(
            "withdraw",
            _("Withdraw the selected invitations"),
            _withdraw_invitation,
            button=_("Withdraw"),
            done_message=_("%(count)s invitation(s) withdrawn."),
        )
    ]
    list_display = ["email", "cooperative", "invited_by", "created_at", "expires_at", "status_column"]
    list_select_related = ["cooperative", "invited_by"]
    search_fields = ["email", "cooperative__name"]
    readonly_fields = [
        "cooperative",
        "email",
        "full_name",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_user",
        "revoked_at",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def decision_available(self, obj, decision):
        return obj.status == "open"

    @admin.display(description=_("status"))
    def status_column(self, obj):
        return obj.get_status_display()
