"""Attendance certificates: the cooperative downloads each participant's PDF in its space (the
certificate is issued on the first download once earned), staff issue them for a whole course
or download any, and anyone checks one on the public verification page (the QR code on it),
which shows only what the certificate states."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from cooperatives.access import get_owned_or_404
from ocop_portal.errors import ApplicationError, error_to_message
from ocop_portal.guards import public_view, space_view, staff_view

from ..models import Certificate, Course, Feedback, Registration
from ..services.certificates import (
    certificate_eligibility,
    certificate_issue,
    certificate_render,
    certificates_issue_for_course,
)
from ..services.feedback import feedback_open
from ..tickets import ticket_qr_svg


def course_is_over(course: Course, *, today=None) -> bool:
    today = today or timezone.localdate()
    last = course.sessions.order_by("-date").values_list("date", flat=True).first()
    return course.status == Course.Status.HELD or (last is not None and last <= today)


def after_course_context(registration: Registration, *, sessions, attended: set[int]) -> dict:
    """What the space's registration page shows about the ticket, the certificate and the
    feedback form."""
    context = {"ticket_qr": ticket_qr_svg(registration.ticket_code) if registration.status == "confirmed" else ""}
    if registration.status != Registration.Status.CONFIRMED:
        return context
    certificate = Certificate.objects.filter(registration=registration, revoked_at__isnull=True).first()
    if certificate is not None or (attended and course_is_over(registration.course)):
        eligibility = certificate_eligibility(registration, sessions=sessions, attended_ids=attended)
        context["certificate_state"] = {
            "eligible": certificate is not None or eligibility.eligible,
            "reason": eligibility.reason,
        }
    context["feedback_open"] = feedback_open(registration)
    context["has_feedback"] = Feedback.objects.filter(registration=registration).exists()
    return context


def pdf_response(certificate: Certificate) -> HttpResponse:
    response = HttpResponse(certificate_render(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@space_view("trainings.register")
def space_certificate(request, cooperative, pk):
    registration = get_owned_or_404(
        Registration.objects.select_related("course", "person", "cooperative"), request.user, pk=pk
    )
    certificate = Certificate.objects.filter(registration=registration).first()
    if certificate is None:
        if not course_is_over(registration.course):
            messages.error(request, _("The certificate can be downloaded once the course is over."))
            return redirect("trainings:registration", pk=registration.pk)
        try:
            certificate = certificate_issue(registration=registration, by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
            return redirect("trainings:registration", pk=registration.pk)
    if not certificate.is_valid:
        messages.error(request, _("This certificate was revoked; ask the Alliance."))
        return redirect("trainings:registration", pk=registration.pk)
    return pdf_response(certificate)


@require_GET
@staff_view("trainings.manage_courses")
def staff_certificate(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("course", "person", "cooperative"), pk=pk)
    try:
        certificate = certificate_issue(registration=registration, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
        return redirect("trainings:staff_course", pk=registration.course_id)
    return pdf_response(certificate)


@require_POST
@staff_view("trainings.manage_courses")
def staff_certificates_issue(request, pk):
    course = get_object_or_404(Course, pk=pk)
    issued, refused = certificates_issue_for_course(course=course, by=request.user)
    messages.success(
        request,
        _("%(issued)s certificates issued; %(refused)s participants have not attended the sessions required.")
        % {"issued": issued, "refused": refused},
    )
    return redirect("trainings:staff_course", pk=course.pk)


@require_safe
@public_view
def certificate_verify(request, code):
    certificate = Certificate.objects.filter(verification_code=code).first()
    response = render(
        request,
        "trainings/certificates/verify.html",
        {"certificate": certificate},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
