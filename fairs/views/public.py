"""The public side of trade promotion: the event list, each event's page, iCalendar feeds."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ocop_portal.guards import public_view
from showcase.cache import public_page

from .. import calendar, selectors
from ..models import Event


@require_safe
@public_view
@public_page
def event_list(request):
    upcoming, past = selectors.public_events()
    past = list(past[:60])
    totals = selectors.published_totals(past)
    for event in past:
        event.totals = totals.get(event.pk)
    return render(request, "fairs/public/event_list.html", {"upcoming": list(upcoming), "past": past})


def _public_event(slug) -> Event:
    return get_object_or_404(Event.objects.public(), slug=slug)


@require_safe
@public_view
@public_page
def event_detail(request, slug):
    event = _public_event(slug)
    exhibitors = list(selectors.public_exhibitors(event))
    context = {
        "event": event,
        "exhibitors": exhibitors,
        "booth_types": list(event.booth_types.all()),
        "supports": list(event.supports.all()),
        "totals": selectors.event_outcome_totals(event) if event.outcomes_published else None,
        "buyers_welcome": selectors.buyer_registration_open(event),
    }
    return render(request, "fairs/public/event_detail.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@public_view
def event_ics(request, slug):
    event = _public_event(slug)
    if event.status == Event.Status.DRAFT:
        raise Http404
    return _ics_response(calendar.events_calendar([event], request=request), f"{event.slug}.ics")


@require_safe
@public_view
def events_feed(request):
    """The public events not long over (cancelled ones too, so subscribed calendars drop them),
    for calendar applications to subscribe to."""
    since = timezone.localdate() - datetime.timedelta(days=90)
    events = Event.objects.public().filter(ends_on__gte=since).order_by("starts_on", "pk")[:200]
    return _ics_response(calendar.events_calendar(events, request=request), "ocop-events.ics")
