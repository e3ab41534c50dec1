"""The portal's roles, as Django groups (created by migration, permissions synced after each
migrate so models added later are covered too)."""

from django.utils.translation import gettext_lazy as _

ALLIANCE_STAFF = "alliance_staff"
COUNCIL_MEMBER = "council_member"
COOPERATIVE_MEMBER = "cooperative_member"

GROUP_LABELS = {
    ALLIANCE_STAFF: _("Alliance staff"),
    COUNCIL_MEMBER: _("Evaluation council member"),
    COOPERATIVE_MEMBER: _("Cooperative member"),
}

# Alliance staff get every permission on these apps' models ...
STAFF_APP_LABELS = [
    "places",
    "cooperatives",
    "products",
    "registrations",
    "trainings",
    "fairs",
    "salescentre",
    "showcase",
    "news",
]
# ... and these on auth/accounts models (they manage users but not groups/permissions).
STAFF_EXTRA_PERMISSIONS = [
    "accounts.view_user",
    "accounts.change_user",
    "accounts.add_user",
    "ocop_portal.view_outboundemail",
    # Sign-up requests (approve/reject need "change") and invitations (withdraw).
    "accounts.view_signuprequest",
    "accounts.change_signuprequest",
    "accounts.delete_signuprequest",
    "accounts.view_invitation",
    "accounts.change_invitation",
]
