"""Excel sheets of a course: participants with their attendance per session (for reports), and
the blank template of the participant import (the same columns the import reads). In the
registry's .xlsx format (products.excel.ExcelFormat)."""

import tablib
from django.utils.translation import gettext as _

from products.excel import xlsx_response

from .models import Attendance, Certificate, Course, Registration
from .services.certificates import certificate_eligibility


def session_header(index: int, session) -> str:
    return _("Session %(number)s (%(date)s)") % {"number": index, "date": session.date.strftime("%d/%m/%Y")}


def participants_sheet(course: Course) -> tablib.Dataset:
    """Every registration of the course (withdrawn ones too, for the record), an "x" per session
    attended, the hours and the certificate. A fixed number of queries."""
    sessions = list(course.sessions.order_by("date", "starts_at", "pk"))
    headers = [
        _("Full name"),
        _("Cooperative"),
        _("Position"),
        _("Phone"),
        _("Status"),
        _("Ticket code"),
        *[session_header(index, session) for index, session in enumerate(sessions, start=1)],
        _("Sessions attended"),
        _("Hours attended"),
        _("Certificate"),
    ]
    dataset = tablib.Dataset(headers=headers, title=_("Participants")[:31])
    attended: dict[int, set[int]] = {}
    for registration_id, session_id in Attendance.objects.filter(registration__course=course).values_list(
        "registration_id", "session_id"
    ):
        attended.setdefault(registration_id, set()).add(session_id)
    certificates = dict(
        Certificate.objects.filter(registration__course=course, revoked_at__isnull=True).values_list(
            "registration_id", "number"
        )
    )
    registrations = (
        Registration.objects.filter(course=course)
        .select_related("course", "person", "cooperative")
        .order_by("cooperative__name", "person__full_name", "pk")
    )
    for registration in registrations:
        present = attended.get(registration.pk, set())
        eligibility = certificate_eligibility(registration, sessions=sessions, attended_ids=present)
        person = registration.person
        dataset.append(
            [
                person.full_name,
                registration.cooperative.name,
                person.position,
                person.phone,
                str(registration.get_status_display()),
                registration.ticket_code,
                *["x" if session.pk in present else "" for session in sessions],
                eligibility.attended,
                float(eligibility.hours),
                certificates.get(registration.pk, ""),
            ]
        )
    return dataset


def import_template_sheet(course: Course) -> tablib.Dataset:
    sessions = list(course.sessions.order_by("date", "starts_at", "pk"))
    headers = [
        _("Full name"),
        _("Cooperative"),
        _("Position"),
        _("Phone"),
        *[session.date.strftime("%d/%m/%Y") for session in sessions],
    ]
    return tablib.Dataset(headers=headers, title=_("Participants")[:31])


__all__ = ["import_template_sheet", "participants_sheet", "xlsx_response"]
