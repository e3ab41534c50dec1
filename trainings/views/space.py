"""The cooperative's side, in its space (phone first): the open courses, registering its people
(the leader ticked), its registrations with seat or waiting place, withdrawing, the materials.
Another cooperative's registration answers 404 (cooperatives.access)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperatives.access import get_owned_or_404
from cooperatives.people import person_create
from cooperatives.views.base import space_render
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.files import private_file_response
from ocop_portal.guards import space_view

from .. import selectors, services
from ..forms import RegisterForm
from ..models import Course, Material, Registration
from .certificates import after_course_context

SECTION = "trainings"


@require_GET
@space_view("trainings.register")
def space_home(request, cooperative):
    return space_render(
        request,
        "trainings/space/home.html",
        SECTION,
        {
            "cooperative": cooperative,
            "open_courses": list(selectors.open_courses_for(cooperative)),
            "registrations": list(
                selectors.cooperative_registrations(cooperative).filter(status__in=Registration.ACTIVE_STATUSES)[:50]
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@space_view("trainings.register")
def course(request, cooperative, pk):
    course = get_object_or_404(
        Course.objects.public().select_related("venue_commune").prefetch_related("sessions", "topics"), pk=pk
    )
    mine = list(
        Registration.objects.filter(course=course, cooperative=cooperative).select_related("person").order_by("pk")
    )
    taken = [r.person_id for r in mine if r.is_active]
    form = RegisterForm(request.POST or None, cooperative=cooperative, taken=taken)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                people = list(form.cleaned_data["people"])
                name = form.cleaned_data["new_name"].strip()
                if name:
                    people.append(
                        person_create(
                            cooperative=cooperative,
                            by=request.user,
                            full_name=name,
                            position=form.cleaned_data["new_position"].strip(),
                            phone=form.cleaned_data["new_phone"].strip(),
                        )
                    )
                created = services.registration_create(
                    course=course, cooperative=cooperative, people=people, by=request.user
                )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            waiting = sum(1 for r in created if r.status == Registration.Status.WAITING)
            if waiting:
                messages.warning(
                    request,
                    _("Registered: %(count)s, of whom %(waiting)s on the waiting list (the course is full).")
                    % {"count": len(created), "waiting": waiting},
                )
            else:
                messages.success(request, _("Registered: %(count)s.") % {"count": len(created)})
            return redirect("trainings:space_registrations")
    return space_render(
        request,
        "trainings/space/course.html",
        SECTION,
        {
            "course": course,
            "form": form,
            "mine": mine,
            "open": course.accepts_registrations_on(timezone.localdate()),
            "seats_left": max(course.capacity - services.seats_taken(course), 0),
            "materials": list(selectors.course_materials(course))
            if selectors.may_download_materials(cooperative=cooperative, course=course)
            else [],
        },
        status=400 if form.errors else 200,
    )


@require_GET
@space_view("trainings.register")
def registrations(request, cooperative):
    return space_render(
        request,
        "trainings/space/registrations.html",
        SECTION,
        {"registrations": list(selectors.cooperative_registrations(cooperative)[:300])},
    )


def _own_registration(request, pk) -> Registration:
    return get_owned_or_404(Registration.objects.select_related("course", "person", "cooperative"), request.user, pk=pk)


@require_GET
@space_view("trainings.register")
def registration_detail(request, cooperative, pk):
    registration = _own_registration(request, pk)
    course = registration.course
    sessions = list(course.sessions.all())
    attended = set(registration.attendances.values_list("session_id", flat=True))
    return space_render(
        request,
        "trainings/space/registration.html",
        SECTION,
        {
            "registration": registration,
            "course": course,
            "sessions": sessions,
            "attended": attended,
            "materials": list(selectors.course_materials(course)) if registration.has_seat else [],
            **after_course_context(registration, sessions=sessions, attended=attended),
        },
    )


@require_POST
@space_view("trainings.register")
def registration_withdraw(request, cooperative, pk):
    registration = _own_registration(request, pk)
    try:
        services.registration_withdraw(registration=registration, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(
            request, _("%(name)s has been withdrawn from the course.") % {"name": registration.person.full_name}
        )
    return redirect("trainings:space_registrations")


@require_GET
@space_view("trainings.register")
def material_download(request, cooperative, pk):
    """A course's material, streamed to a cooperative with a seat on the course (404 otherwise)."""
    material = get_object_or_404(Material.objects.select_related("course"), pk=pk)
    if not selectors.may_download_materials(cooperative=cooperative, course=material.course):
        raise Http404
    return private_file_response(material.file, download_name=material.original_name or None)
