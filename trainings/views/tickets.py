"""Tickets: in the cooperative's space (its own participants only) and on a signed public page
(the link in the confirmation email), showing the QR code and the code to type."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from cooperatives.access import get_owned_or_404
from cooperatives.views.base import space_render
from ocop_portal.guards import public_view, space_view

from ..models import Registration
from ..tickets import ticket_code_from_token, ticket_qr_svg, ticket_url

SECTION = "trainings"


def _ticket_context(registration) -> dict:
    return {
        "registration": registration,
        "course": registration.course,
        "sessions": list(registration.course.sessions.all()),
        "qr_svg": ticket_qr_svg(registration.ticket_code),
        "valid": registration.status == Registration.Status.CONFIRMED,
    }


@require_GET
@space_view("trainings.register")
def space_ticket(request, cooperative, pk):
    registration = get_owned_or_404(
        Registration.objects.select_related("course", "person", "cooperative"), request.user, pk=pk
    )
    context = _ticket_context(registration)
    context["share_url"] = ticket_url(registration) if context["valid"] else ""
    return space_render(request, "trainings/tickets/space_ticket.html", SECTION, context)


@require_safe
@public_view
def public_ticket(request, token):
    code = ticket_code_from_token(token)
    registration = (
        Registration.objects.select_related("course", "person", "cooperative").filter(ticket_code=code).first()
        if code
        else None
    )
    if registration is None:
        raise Http404
    response = render(request, "trainings/tickets/public_ticket.html", _ticket_context(registration))
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
