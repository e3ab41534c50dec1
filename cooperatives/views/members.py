from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import InviteForm
from accounts.models import Invitation
from accounts.services import invitation_create, invitation_revoke
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import can

from .. import selectors, services
from ..access import get_owned_or_404
from ..models import Membership
from .base import space_render, space_view


@require_http_methods(["GET", "POST"])
@space_view
def members(request, cooperative):
    """Everyone sees who has an account; the manager invites colleagues and removes them."""
    is_manager = can(request.user, "cooperatives.manage_members", cooperative)
    form = InviteForm(request.POST or None) if is_manager else None
    if request.method == "POST":
        if not is_manager:
            raise PermissionDenied
        if form.is_valid():
            try:
                invitation = invitation_create(
                    cooperative=cooperative,
                    by=request.user,
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                )
            except ApplicationError as error:
                error_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s; it is valid until %(date)s.")
                    % {
                        "email": invitation.email,
                        "date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y"),
                    },
                )
                return redirect("cooperatives:members")
    return space_render(
        request,
        "cooperatives/members.html",
        "members",
        {
            "cooperative": cooperative,
            "members": list(selectors.space_members(cooperative)),
            "invitations": list(selectors.space_open_invitations(cooperative)) if is_manager else [],
            "is_manager": is_manager,
            "form": form,
            "INVITATION_DAYS": settings.INVITATION_VALID_DAYS,
        },
    )


@require_POST
@space_view("cooperatives.manage_members")
def member_remove(request, cooperative, pk):
    membership = get_owned_or_404(Membership.objects.select_related("user"), request.user, pk=pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(
            request, _("%(name)s can no longer use the space.") % {"name": membership.user.get_full_name()}
        )
    return redirect("cooperatives:members")


@require_POST
@space_view("cooperatives.manage_members")
def invitation_withdraw(request, cooperative, pk):
    invitation = get_owned_or_404(Invitation.objects.all(), request.user, pk=pk)
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("cooperatives:members")
