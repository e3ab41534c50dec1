"""The staff check-in page of a session, made for a phone: the camera, a typed code or a name
search send scans to `checkin_scan_json` (JSON, CSRF-protected, staff only), which answers with
the message to show and the running count."""

import json

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import staff_view
from ocop_portal.text import fold, fold_terms

from ..models import Attendance, Registration, Session
from ..services.checkin import checkin_scan

SEARCH_LIMIT = 20


def _session(pk) -> Session:
    return get_object_or_404(Session.objects.select_related("course"), pk=pk)


def checkin_texts() -> dict:
    """The messages the page's script shows (translated here, so the script holds no text)."""
    return {
        "pending": _("%(count)s scans waiting to be sent"),
        "offline": _("No network: the scan is kept on this phone."),
        "signed_out": _("Your session has expired: sign in again in another tab; the scans are kept."),
        "kept": _("It will be sent by itself when the network returns. Nothing is counted twice."),
        "no_match": _("No participant of this course has that name."),
        "already_badge": _("checked in"),
        "check_in": _("Check in"),
        "no_camera": _("The camera cannot be used on this phone or browser."),
        "type_instead": _("Type the code printed under the QR code instead."),
        "offline_search": _("No network: the name search needs it; type the ticket code instead."),
    }


@require_GET
@staff_view("trainings.check_in")
def checkin_page(request, pk):
    session = _session(pk)
    attendances = list(
        Attendance.objects.filter(session=session)
        .select_related("registration__person", "registration__cooperative")
        .order_by("-checked_in_at", "-pk")
    )
    seats = Registration.objects.filter(course=session.course, status=Registration.Status.CONFIRMED).count()
    config = {
        "session": session.pk,
        "endpoint": reverse("trainings:checkin_scan", kwargs={"pk": session.pk}),
        "search": reverse("trainings:checkin_search", kwargs={"pk": session.pk}),
        "decoder": static("vendor/jsqr/jsQR.js"),
        "csrf": get_token(request),
        "text": checkin_texts(),
    }
    return render(
        request,
        "trainings/checkin/page.html",
        {
            "session": session,
            "course": session.course,
            "attendances": attendances,
            "seats": seats,
            "checkin_config": config,
            "other_sessions": list(session.course.sessions.exclude(pk=session.pk)),
        },
    )


@require_POST
@staff_view("trainings.check_in")
def checkin_scan_json(request, pk):
    session = _session(pk)
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"result": "error", "message": _("The scan could not be read.")}, status=400)
    registration_id = data.get("registration")
    try:
        answer = checkin_scan(
            session=session,
            by=request.user,
            client_id=str(data.get("client_id") or ""),
            code=str(data.get("code") or ""),
            registration_id=int(registration_id) if str(registration_id or "").isdigit() else None,
            method=str(data.get("method") or ""),
            scanned_at=data.get("scanned_at"),
        )
    except ApplicationError as error:
        return JsonResponse({"result": "error", "message": str(error.message)}, status=400)
    return JsonResponse(answer)


@require_GET
@staff_view("trainings.check_in")
def checkin_search_json(request, pk):
    """Participants of the session's course whose name (or cooperative) has every word of `q`,
    accents ignored. Two queries: the course is small enough to fold the names here."""
    session = _session(pk)
    terms = fold_terms(request.GET.get("q", ""))
    results = []
    if terms:
        checked = set(Attendance.objects.filter(session=session).values_list("registration_id", flat=True))
        registrations = (
            Registration.objects.filter(course=session.course)
            .exclude(status__in=[Registration.Status.WITHDRAWN, Registration.Status.CANCELLED])
            .select_related("person", "cooperative")
            .order_by("person__full_name", "pk")
        )
        for registration in registrations:
            haystack = fold(f"{registration.person.full_name} {registration.cooperative.name}")
            if all(term in haystack for term in terms):
                confirmed = registration.status == Registration.Status.CONFIRMED
                results.append(
                    {
                        "registration": registration.pk,
                        "code": registration.ticket_code,
                        "name": registration.person.full_name,
                        "cooperative": registration.cooperative.name,
                        "checked_in": registration.pk in checked,
                        "status_label": "" if confirmed else str(registration.get_status_display()),
                    }
                )
                if len(results) >= SEARCH_LIMIT:
                    break
    return JsonResponse({"results": results})
