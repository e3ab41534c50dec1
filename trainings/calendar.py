"""iCalendar (RFC 5545) of the public courses: one VEVENT per session, in Asia/Ho_Chi_Minh,
written with the `icalendar` package (as fairs.calendar)."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

STATUS = {"cancelled": "CANCELLED", "draft": "TENTATIVE"}


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "ocop.local"


def courses_calendar(courses, *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Lien minh HTX Ninh Binh//Cong OCOP//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for course in courses:
        url = settings.SITE_URL + course.get_absolute_url()
        for session in course.sessions.all():
            item = CalendarEvent()
            item.add("uid", f"trainings-session-{session.pk}@{_host()}")
            item.add("dtstamp", stamp)
            item.add("last-modified", course.updated_at)
            item.add("summary", course.title + (f" — {session.title}" if session.title else ""))
            item.add("dtstart", session.starts)
            item.add("dtend", session.ends)
            where = session.place or course.venue or course.online_url
            if where:
                item.add("location", where)
            item.add("url", url)
            description = "\n\n".join(part for part in (course.get_kind_display(), course.description, url) if part)
            item.add("description", str(description))
            item.add("status", STATUS.get(course.status, "CONFIRMED"))
            cal.add_component(item)
    return cal.to_ical()
