"""Attendance certificates: who may have one (the course's rule), issuing it (numbered, what it
states copied in), the PDF, and revoking it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ocop_portal.emails import absolute_url
from ocop_portal.errors import ApplicationError

from ..models import Attendance, Certificate, Course, Registration, Session

if TYPE_CHECKING:  # the PDF module (fpdf2, ~25 MB) is imported only when a PDF is made
    from ..pdf import CertificateFacts


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    attended: int
    required: int
    total: int
    hours: Decimal
    reason: str = ""


def sessions_required(course: Course, total: int) -> int:
    """How many sessions a participant must attend for the certificate."""
    if course.certificate_rule == Course.CertificateRule.AT_LEAST and course.certificate_min_sessions:
        return min(course.certificate_min_sessions, total) if total else course.certificate_min_sessions
    return total


def certificate_eligibility(
    registration: Registration, *, sessions: list[Session] | None = None, attended_ids: set[int] | None = None
) -> Eligibility:
    """Whether `registration` has earned its certificate under the course's rule (every session,
    or at least N). `sessions` and `attended_ids` may be given by a list page that loaded them."""
    course = registration.course
    if sessions is None:
        sessions = list(course.sessions.all())
    if attended_ids is None:
        attended_ids = set(registration.attendances.values_list("session_id", flat=True))
    total = len(sessions)
    attended = [session for session in sessions if session.pk in attended_ids]
    hours = sum((Decimal(str(session.hours)) for session in attended), Decimal("0"))
    required = sessions_required(course, total)
    if course.status == Course.Status.CANCELLED:
        reason = _("The course was cancelled.")
    elif registration.status != Registration.Status.CONFIRMED:
        reason = _("The participant had no confirmed seat.")
    elif not total:
        reason = _("The course has no session.")
    elif len(attended) < required:
        reason = _("Attended %(attended)s of the %(required)s sessions required.") % {
            "attended": len(attended),
            "required": required,
        }
    else:
        reason = ""
    return Eligibility(
        eligible=not reason, attended=len(attended), required=required, total=total, hours=hours, reason=reason
    )


def _course_days(course: Course):
    days = list(course.sessions.order_by("date").values_list("date", flat=True))
    return (days[0], days[-1]) if days else (None, None)


def certificate_issue(*, registration: Registration, by=None) -> Certificate:
    """Issue the certificate of `registration` (or return the one already issued).

    Side effects: locks the registration; writes one Certificate numbered GCN-<year>-<00001>
    whose text (name, cooperative, course, dates, hours, signatory) is copied in now. Raises
    ApplicationError when the participant has not attended the sessions the course requires."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("course", "person", "cooperative")
            .get(pk=registration.pk)
        )
        existing = Certificate.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
        eligibility = certificate_eligibility(registration)
        if not eligibility.eligible:
            raise ApplicationError(
                _("No certificate for %(name)s: %(reason)s")
                % {"name": registration.person.full_name, "reason": eligibility.reason}
            )
        course = registration.course
        first_day, last_day = _course_days(course)
        today = timezone.localdate()
        signatory = settings.TRAININGS_CERTIFICATE
        with translation.override("vi"):  # the certificate is a Vietnamese document
            kind = str(course.get_kind_display())
        certificate = Certificate.objects.create(
            registration=registration,
            number=f"tmp-{registration.pk}",
            full_name=registration.person.full_name,
            cooperative_name=registration.cooperative.name,
            course_title=course.title,
            course_kind=kind,
            venue=course.venue,
            first_day=first_day,
            last_day=last_day,
            hours=eligibility.hours,
            sessions_attended=eligibility.attended,
            sessions_total=eligibility.total,
            signatory_name=signatory["SIGNATORY_NAME"],
            signatory_title=signatory["SIGNATORY_TITLE"],
            issued_on=today,
            issued_by=by,
        )
        # The number follows the row's id: unique without a counter to lock.
        certificate.number = f"GCN-{today.year}-{certificate.pk:05d}"
        certificate.save(update_fields=["number", "updated_at"])
    return certificate


def certificates_issue_for_course(*, course: Course, by) -> tuple[int, int]:
    """Issue every certificate the course's participants have earned. Returns (issued now,
    not eligible). Safe to run again: a certificate already issued is left as it is."""
    issued = refused = 0
    registrations = (
        Registration.objects.filter(course=course, status=Registration.Status.CONFIRMED)
        .exclude(certificate__isnull=False)
        .select_related("course", "person", "cooperative")
    )
    sessions = list(course.sessions.all())
    attended = {}
    for registration_id, session_id in Attendance.objects.filter(registration__course=course).values_list(
        "registration_id", "session_id"
    ):
        attended.setdefault(registration_id, set()).add(session_id)
    for registration in registrations:
        if certificate_eligibility(
            registration, sessions=sessions, attended_ids=attended.get(registration.pk, set())
        ).eligible:
            certificate_issue(registration=registration, by=by)
            issued += 1
        else:
            refused += 1
    return issued, refused


def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a certificate issued by mistake: the verification page then says it is not valid."""
    if not reason.strip():
        raise ApplicationError(_("Say why the certificate is revoked."), field="reason")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()[:255]
        certificate.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
    return certificate


def certificate_facts(certificate: Certificate) -> CertificateFacts:
    from ..pdf import CertificateFacts

    return CertificateFacts(
        number=certificate.number,
        full_name=certificate.full_name,
        cooperative=certificate.cooperative_name,
        course_title=certificate.course_title,
        course_kind=certificate.course_kind,
        first_day=certificate.first_day,
        last_day=certificate.last_day,
        hours=float(certificate.hours),
        sessions_attended=certificate.sessions_attended,
        sessions_total=certificate.sessions_total,
        issued_on=certificate.issued_on,
        organisation=settings.PORTAL["ORGANISATION"],
        signatory_name=certificate.signatory_name,
        signatory_title=certificate.signatory_title,
        place=settings.TRAININGS_CERTIFICATE["PLACE"],
        verify_url=absolute_url("trainings:certificate_verify", code=certificate.verification_code),
        venue=certificate.venue,
    )


def certificate_render(certificate: Certificate) -> bytes:
    """The certificate's PDF (made on demand from what it states; nothing stored)."""
    from ..pdf import certificate_pdf

    return certificate_pdf(certificate_facts(certificate))
