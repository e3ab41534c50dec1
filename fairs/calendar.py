"""iCalendar (RFC 5545) files of the public events and of a conference timetable, written with
the `icalendar` package. Events are all-day (DTEND is the day after the last day, as the RFC
says); meetings carry their time in Asia/Ho_Chi_Minh."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

STATUS = {"cancelled": "CANCELLED", "draft": "TENTATIVE"}


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Lien minh HTX Ninh Binh//Cong OCOP//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "ocop.local"


def events_calendar(events, *, request=None) -> bytes:
    """One VEVENT per event: name, dates, venue, description and the public page's address."""
    cal = _calendar(settings.PORTAL["NAME"])
    stamp = timezone.now()
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"fairs-event-{event.pk}@{_host()}")
        item.add("dtstamp", stamp)
        item.add("last-modified", event.updated_at)
        item.add("summary", event.name)
        item.add("dtstart", event.starts_on)
        item.add("dtend", event.ends_on + datetime.timedelta(days=1))
        if event.place:
            item.add("location", event.place)
        url = settings.SITE_URL + event.get_absolute_url()
        item.add("url", url)
        description = "\n\n".join(part for part in (event.get_kind_display(), event.description, url) if part)
        item.add("description", str(description))
        item.add("status", STATUS.get(event.status, "CONFIRMED"))
        cal.add_component(item)
    return cal.to_ical()


def meetings_calendar(meetings, *, name: str, other_side) -> bytes:
    """A timetable: one VEVENT per meeting; `other_side(meeting)` names who the reader meets."""
    cal = _calendar(name)
    stamp = timezone.now()
    for meeting in meetings:
        item = CalendarEvent()
        item.add("uid", f"fairs-meeting-{meeting.pk}@{_host()}")
        item.add("dtstamp", stamp)
        item.add("summary", str(other_side(meeting)))
        item.add("dtstart", timezone.localtime(meeting.starts_at))
        item.add("dtend", timezone.localtime(meeting.ends_at))
        item.add("location", f"{meeting.event.place} — {meeting.table_number}")
        cal.add_component(item)
    return cal.to_ical()
