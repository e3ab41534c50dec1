"""The buyers' side of a supply–demand conference: the public registration form (honeypot, rate
limit, email confirmation) and the buyer's own page, reached only by the signed link emailed on
approval — picks, the producers' answers, the timetable (printable, iCalendar)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.guards import public_view
from ocop_portal.ratelimit import client_ip, rate_limit_exceeded

from .. import calendar, selectors
from ..forms import BuyerForm, BuyerPicksForm
from ..models import Event
from ..services import matchmaking

logger = logging.getLogger(__name__)

BUYER_RATE_LIMIT = 5
BUYER_RATE_WINDOW_SECONDS = 3600


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@public_view
def buyer_register(request, slug):
    event = get_object_or_404(Event.objects.public(), slug=slug, kind=Event.Kind.CONFERENCE)
    open_ = selectors.buyer_registration_open(event)
    form = BuyerForm(request.POST or None)
    status = 200
    if request.method == "POST" and open_:
        spam = form.is_spam()
        if spam or form.is_valid():
            limited = rate_limit_exceeded(
                scope="fairs-buyer",
                ident=client_ip(request),
                limit=getattr(settings, "FAIRS_BUYER_RATE_LIMIT", BUYER_RATE_LIMIT),
                window_seconds=getattr(settings, "FAIRS_BUYER_RATE_WINDOW_SECONDS", BUYER_RATE_WINDOW_SECONDS),
            )
            if limited:
                form.add_error(
                    None, _("Too many registrations have been sent from your connection. Please try again later.")
                )
                status = 429
            elif spam:
                logger.info("Buyer honeypot filled for event %s", event.pk)
                return redirect("fairs:buyer_registered", slug=event.slug)
            else:
                try:
                    matchmaking.buyer_register(event=event, data=form.service_data(), language=get_language() or "vi")
                except ApplicationError as error:
                    error_to_form(form, error)
                else:
                    return redirect("fairs:buyer_registered", slug=event.slug)
        if status == 200:
            status = 400
    return render(request, "fairs/buyer/register.html", {"event": event, "form": form, "open": open_}, status=status)


@require_safe
@public_view
def buyer_registered(request, slug):
    event = get_object_or_404(Event.objects.public(), slug=slug, kind=Event.Kind.CONFERENCE)
    return render(request, "fairs/buyer/registered.html", {"event": event})


@never_cache
@require_safe
@public_view
def buyer_confirm(request, token):
    try:
        buyer = matchmaking.buyer_confirm(token=token)
    except ApplicationError as error:
        return render(request, "fairs/buyer/confirmed.html", {"error": error.message}, status=400)
    return render(request, "fairs/buyer/confirmed.html", {"buyer": buyer, "event": buyer.event})


def _buyer_or_404(token):
    buyer = matchmaking.buyer_from_access_token(token)
    if buyer is None:
        raise Http404
    return buyer


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@public_view
def buyer_page(request, token):
    """The buyer's own page. The signed token is the only key: another buyer's page cannot be
    reached without their link, and nothing of the producers beyond their public page is shown."""
    buyer = _buyer_or_404(token)
    exhibitors = selectors.exhibitors(buyer.event)
    picks = {r.application_id: r for r in selectors.buyer_requests(buyer)}
    form = BuyerPicksForm(request.POST or None, exhibitors=exhibitors, initial={"exhibitors": list(picks)})
    if request.method == "POST" and form.is_valid():
        try:
            matchmaking.buyer_picks_set(buyer=buyer, applications=form.cleaned_data["exhibitors"])
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your choice has been saved; the producers are asked to accept."))
            return redirect("fairs:buyer_page", token=token)
    meetings = list(selectors.buyer_meetings(buyer))
    rows = [{"application": a, "request": picks.get(a.pk)} for a in exhibitors]
    response = render(
        request,
        "fairs/buyer/page.html",
        {"buyer": buyer, "event": buyer.event, "form": form, "rows": rows, "meetings": meetings, "token": token},
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_safe
@public_view
def buyer_timetable(request, token):
    buyer = _buyer_or_404(token)
    meetings = list(selectors.buyer_meetings(buyer))
    if request.GET.get("format") == "ics":
        content = calendar.meetings_calendar(
            meetings, name=buyer.event.name, other_side=lambda m: m.application.cooperative.name
        )
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="lich-gap.ics"'
        return response
    return render(
        request,
        "fairs/timetable_print.html",
        {"event": buyer.event, "title": buyer.company, "meetings": meetings, "side": "buyer"},
    )
