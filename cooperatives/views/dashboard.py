from django.views.decorators.http import require_GET

from ocop_portal.guards import can

from .. import selectors
from ..models import SupportRequest
from .base import space_render, space_view


@require_GET
@space_view
def dashboard(request, cooperative):
    """The space's overview: products with their OCOP status and certificate expiry, open
    support requests, what needs action, and the panels other apps contribute."""
    products = list(selectors.space_products(cooperative))
    legal_pending = selectors.pending_legal_change(cooperative)
    is_manager = can(request.user, "cooperatives.manage_members", cooperative)
    open_invitations = selectors.space_open_invitations(cooperative).count() if is_manager else 0
    open_requests = list(
        selectors.space_support_requests(cooperative).filter(
            status__in=[SupportRequest.Status.NEW, SupportRequest.Status.IN_PROGRESS]
        )[:5]
    )
    return space_render(
        request,
        "cooperatives/dashboard.html",
        "dashboard",
        {
            "cooperative": cooperative,
            "products": products,
            "certified_count": sum(1 for product in products if product.stars),
            "open_requests": open_requests,
            "open_request_count": selectors.open_support_counts(cooperative)["open"],
            "actions": selectors.dashboard_actions(
                cooperative=cooperative,
                products=products,
                legal_pending=legal_pending,
                open_invitations=open_invitations,
                user=request.user,
            ),
            "panels": selectors.space_panels(request=request, cooperative=cooperative, user=request.user),
        },
    )
