"""The public side of trainings: upcoming courses, each course's page, iCalendar feeds."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop_portal.guards import public_view
from showcase.cache import public_page

from .. import calendar, selectors
from ..models import Course

PAST_SHOWN = 30


@require_safe
@public_view
@public_page
def course_list(request):
    upcoming = selectors.public_course_cards(upcoming=True)
    past = selectors.public_course_cards(upcoming=False, limit=PAST_SHOWN)
    return render(request, "trainings/public/course_list.html", {"upcoming": upcoming, "past": past})


@require_safe
@public_view
@public_page
def course_detail(request, slug):
    course = selectors.course_page(slug)
    if course is None:
        raise Http404
    return render(
        request,
        "trainings/public/course_detail.html",
        {"course": course, "sessions": list(course.sessions.all()), "today": timezone.localdate()},
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@public_view
def course_ics(request, slug):
    course = Course.objects.public().prefetch_related("sessions").filter(slug=slug).first()
    if course is None:
        raise Http404
    return _ics_response(calendar.courses_calendar([course], name=course.title), f"{course.slug}.ics")


@require_safe
@public_view
def courses_feed(request):
    """The public courses not long over (cancelled ones too, so subscribed calendars drop them)."""
    since = timezone.localdate() - datetime.timedelta(days=90)
    courses = (
        Course.objects.public()
        .filter(sessions__date__gte=since)
        .distinct()
        .prefetch_related("sessions")
        .order_by("pk")[:200]
    )
    return _ics_response(calendar.courses_calendar(courses, name=_("OCOP trainings")), "ocop-trainings.ics")
