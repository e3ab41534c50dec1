"""Check-in at a session: one scan (a QR code, a typed ticket code, a name picked from the
search) becomes at most one attendance, whatever the number of times it is sent.

Two safeguards stack: each scan carries an id made by the phone (`client_id`), stored in a
ScanReceipt with the answer given, so a resend after a network cut gets the first answer back;
and the attendance itself is unique per registration and session (attendance_mark is
idempotent), so the same ticket scanned twice, by two phones, counts once."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError

from ..models import Attendance, Registration, ScanReceipt, Session

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
METHODS = {Attendance.Method.SCAN, Attendance.Method.TYPED}


def ticket_code_clean(text: str) -> str:
    """What a person types or a camera reads → the stored ticket code: upper case, no spaces or
    dashes; an address that ends with the code (/…/ABCD234567/) gives the code."""
    value = (text or "").strip()
    parts = [part for part in re.split(r"[/#?=]", value) if part]
    value = parts[-1] if parts else value
    return re.sub(r"[\s-]", "", value).upper()[:64]


def _attendee(registration: Registration, attendance: Attendance | None) -> dict:
    at = timezone.localtime(attendance.checked_in_at).strftime("%H:%M") if attendance else ""
    return {
        "registration": registration.pk,
        "name": registration.person.full_name,
        "cooperative": registration.cooperative.name,
        "at": at,
    }


def _decide(*, session: Session, registration: Registration | None, code: str, by, method: str):
    """(result, message, attendance) for a ticket at a session; marks the attendance when due."""
    from . import attendance_mark

    if registration is None:
        return ScanReceipt.Result.UNKNOWN, _("No ticket has the code “%(code)s”.") % {"code": code}, None
    if registration.course_id != session.course_id:
        return (
            ScanReceipt.Result.REFUSED,
            _("This ticket is for another course: “%(course)s”. It is not valid for this session.")
            % {"course": registration.course.title},
            None,
        )
    if registration.status != Registration.Status.CONFIRMED:
        return (
            ScanReceipt.Result.REFUSED,
            _("%(name)s has no confirmed seat (%(status)s): the ticket is not valid.")
            % {"name": registration.person.full_name, "status": registration.get_status_display()},
            None,
        )
    existing = Attendance.objects.filter(registration=registration, session=session).first()
    if existing is not None:
        return (
            ScanReceipt.Result.ALREADY,
            _("%(name)s was already checked in at %(time)s. Counted once.")
            % {
                "name": registration.person.full_name,
                "time": timezone.localtime(existing.checked_in_at).strftime("%H:%M"),
            },
            existing,
        )
    attendance_mark(registration=registration, session=session, by=by, method=method)
    attendance = Attendance.objects.get(registration=registration, session=session)
    return (
        ScanReceipt.Result.CHECKED_IN,
        _("Checked in: %(name)s.") % {"name": registration.person.full_name},
        attendance,
    )


def checkin_scan(
    *,
    session: Session,
    by,
    client_id: str,
    code: str = "",
    registration_id: int | None = None,
    method: str = Attendance.Method.SCAN,
    scanned_at: str | None = None,
) -> dict:
    """Handle one scan sent by a check-in page and return the answer to show (a dict for JSON:
    result, message, count, attendee, replayed).

    Side effects: at most one Attendance (through attendance_mark, which writes the audit row)
    and one ScanReceipt under `client_id`. A `client_id` seen before changes nothing and
    answers as the first time (`replayed` true). Raises ApplicationError for a malformed scan."""
    if not CLIENT_ID.match(client_id or ""):
        raise ApplicationError(_("This scan has no valid id; reload the check-in page."))
    if method not in METHODS:
        method = Attendance.Method.SCAN
    code = ticket_code_clean(code)
    if not code and not registration_id:
        raise ApplicationError(_("Scan a ticket or type its code."))
    when = parse_datetime(scanned_at) if isinstance(scanned_at, str) else None

    with transaction.atomic():
        registrations = Registration.objects.select_related("course", "person", "cooperative")
        if registration_id:
            registration = registrations.filter(pk=registration_id).first()
        else:
            registration = registrations.filter(ticket_code=code).first()
        if registration is not None:
            # Two phones scanning the same ticket: the second waits here, then sees the first.
            Registration.objects.select_for_update().filter(pk=registration.pk).first()
        receipt = ScanReceipt.objects.filter(client_id=client_id).select_related("registration").first()
        replayed = receipt is not None
        if receipt is None:
            result, message, attendance = _decide(
                session=session, registration=registration, code=code or str(registration_id), by=by, method=method
            )
            try:
                with transaction.atomic():
                    receipt = ScanReceipt.objects.create(
                        client_id=client_id,
                        session=session,
                        registration=registration,
                        code=code,
                        method=method,
                        result=result,
                        message=message[:300],
                        scanned_at=when,
                        by=by,
                    )
            except IntegrityError:  # the same scan arrived twice at the same moment
                receipt = ScanReceipt.objects.get(client_id=client_id)
                replayed = True
        if receipt.session_id != session.pk:
            raise ApplicationError(_("This scan was sent for another session."))
        attendance = (
            Attendance.objects.filter(registration=receipt.registration, session=session).first()
            if receipt.registration_id
            else None
        )
        count = Attendance.objects.filter(session=session).count()
    answer = {
        "result": receipt.result,
        "message": receipt.message,
        "replayed": replayed,
        "count": count,
        "attendee": _attendee(receipt.registration, attendance) if receipt.registration_id else None,
    }
    return answer
