"""Attendance: marking a participant present at a session (by a scan, a typed code, the paper
sign-in sheet or an import), idempotently: the second mark of the same ticket at the same session
changes nothing. And the reminders the day before each session."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff

from ..models import Attendance, Course, Registration, Session, TrainingLog
from . import notify
from .common import log, today

A = TrainingLog.Action


def attendance_mark(*, registration: Registration, session: Session, by, method: str) -> tuple[Attendance, bool]:
    """Mark `registration` present at `session`. Returns (attendance, created): created is False
    when it was already marked (a double scan counts once, whoever marked it first).

    Raises ApplicationError when the ticket is for another course, or the participant has no
    confirmed seat. Side effects: the Attendance row and one audit row (only when created)."""
    if method not in Attendance.Method.values:
        raise ValueError(f"Unknown attendance method {method!r}")
    if registration.course_id != session.course_id:
        raise ApplicationError(_("This ticket is for another course: %(course)s.") % {"course": registration.course})
    if registration.status != Registration.Status.CONFIRMED:
        raise ApplicationError(
            _("%(name)s has no confirmed seat (%(status)s).")
            % {"name": registration.person.full_name, "status": registration.get_status_display()}
        )
    existing = Attendance.objects.filter(registration=registration, session=session).first()
    if existing:
        return existing, False
    actor = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration, session=session, checked_in_by=actor, method=method
            )
            log(session.course, A.ATTENDED, registration=registration, by=by, note=str(session))
    except IntegrityError:
        # Marked at the same moment by another device: the first one counts.
        return Attendance.objects.get(registration=registration, session=session), False
    return attendance, True


def attendance_sheet_save(*, session: Session, present, by, method: str = Attendance.Method.SHEET) -> dict:
    """Staff record the paper sign-in sheet afterwards: the confirmed participants in `present`
    (registrations) are marked present, the others of this session unmarked. Returns
    {"added": n, "removed": n}. Raises ApplicationError (nothing saved) for a registration of
    another course."""
    require_staff(by)
    present = list(present)
    with transaction.atomic():
        added = 0
        for registration in present:
            added += attendance_mark(registration=registration, session=session, by=by, method=method)[1]
        absent = (
            Attendance.objects.filter(session=session).exclude(registration__in=present).select_related("registration")
        )
        removed = 0
        for attendance in absent:
            log(session.course, A.ATTENDANCE_REMOVED, registration=attendance.registration, by=by, note=str(session))
            attendance.delete()
            removed += 1
    return {"added": added, "removed": removed}


def reminders_send(*, day: datetime.date | None = None) -> list[Session]:
    """Email the confirmed participants of every session held tomorrow (once per session: safe to
    run twice). Returns the sessions reminded."""
    tomorrow = (day or today()) + datetime.timedelta(days=1)
    reminded = []
    candidates = Session.objects.filter(
        date=tomorrow, reminder_sent_at__isnull=True, course__status__in=[Course.Status.OPEN, Course.Status.CLOSED]
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            session = (
                Session.objects.select_for_update(skip_locked=True)
                .select_related("course")
                .filter(pk=pk, reminder_sent_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            registrations = Registration.objects.filter(
                course=session.course, status=Registration.Status.CONFIRMED
            ).select_related("cooperative", "person", "course")
            for registration in registrations:
                notify.registration_email(registration=registration, kind="reminder", session=session)
            session.reminder_sent_at = timezone.now()
            session.save(update_fields=["reminder_sent_at"])
            log(session.course, A.REMINDER, note=str(session))
            reminded.append(session)
    return reminded
