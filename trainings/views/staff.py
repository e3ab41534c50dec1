"""Alliance staff: the courses with their counts, the course form, sessions and materials, the
participants (approve, refuse, seat, waiting list, withdraw, register on behalf), the paper
sign-in sheet typed in afterwards, cancelling and telling participants of a change, and the
leaders' target with its one-click invitations."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperatives.people import person_create
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import staff_view

from .. import selectors, services
from ..forms import (
    CancelForm,
    CourseForm,
    DecisionForm,
    InviteForm,
    MaterialForm,
    MessageForm,
    PeriodForm,
    SessionForm,
    SheetForm,
    StaffRegisterForm,
)
from ..models import Course, Material, Registration, Session

PERM = "trainings.manage_courses"


@require_GET
@staff_view(PERM)
def course_list(request):
    return render(request, "trainings/staff/course_list.html", {"courses": list(selectors.staff_courses()[:300])})


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def course_edit(request, pk=None):
    course = get_object_or_404(Course, pk=pk) if pk else Course()
    form = CourseForm(request.POST or None, request.FILES or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_save(course=form.instance, topics=form.cleaned_data["topics"], by=request.user)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("trainings:staff_course", pk=course.pk)
    return render(
        request,
        "trainings/staff/course_form.html",
        {"form": form, "course": course if course.pk else None},
        status=400 if form.errors else 200,
    )


def _course(pk) -> Course:
    return get_object_or_404(Course.objects.select_related("venue_commune").prefetch_related("topics"), pk=pk)


def _chosen_cooperative(value):
    from cooperatives.models import Cooperative

    return Cooperative.objects.active().filter(pk=value).first() if str(value or "").isdigit() else None


@require_GET
@staff_view(PERM)
def course_detail(request, pk):
    course = _course(pk)
    participants = list(selectors.staff_participants(course))
    sessions = list(course.sessions.all())
    for registration in participants:
        attended = {a.session_id for a in registration.attendances.all()}
        registration.attended_flags = [s.pk in attended for s in sessions]
    return render(
        request,
        "trainings/staff/course_detail.html",
        {
            "course": course,
            "counts": selectors.course_counts(course),
            "participants": participants,
            "sessions": sessions,
            "register_form": StaffRegisterForm(cooperative=_chosen_cooperative(request.GET.get("cooperative"))),
            "session_form": SessionForm(),
            "material_form": MaterialForm(),
            "message_form": MessageForm(),
            "cancel_form": CancelForm(),
            "materials": list(selectors.course_materials(course)),
            "log": list(course.log.select_related("registration__person", "actor").order_by("-created_at", "-pk")[:30]),
            "statuses": [(value, label) for value, label in Course.Status.choices if value != Course.Status.CANCELLED],
        },
    )


@require_POST
@staff_view(PERM)
def registration_decide(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("course", "person"), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        action, note = form.cleaned_data["action"], form.cleaned_data["note"]
        service = {
            "approve": services.registration_approve,
            "refuse": services.registration_refuse,
            "seat": services.registration_to_seat,
            "waiting": services.registration_to_waiting,
        }.get(action)
        try:
            if service is None:
                services.registration_withdraw(registration=registration, by=request.user)
            else:
                service(registration=registration, by=request.user, note=note)
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("%(name)s: done.") % {"name": registration.person.full_name})
    return redirect("trainings:staff_course", pk=registration.course_id)


@require_POST
@staff_view(PERM)
def register_on_behalf(request, pk):
    course = _course(pk)
    form = StaffRegisterForm(request.POST, cooperative=_chosen_cooperative(request.POST.get("cooperative")))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("trainings:staff_course", pk=course.pk)
    cooperative = form.cleaned_data["cooperative"]
    try:
        with transaction.atomic():
            people = list(form.cleaned_data["people"])
            if form.cleaned_data["new_name"].strip():
                people.append(
                    person_create(cooperative=cooperative, by=request.user, full_name=form.cleaned_data["new_name"])
                )
            created = services.registration_create(
                course=course, cooperative=cooperative, people=people, by=request.user, staff=True
            )
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("Registered: %(count)s.") % {"count": len(created)})
    return redirect("trainings:staff_course", pk=course.pk)


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def session_edit(request, pk, session_pk=None):
    course = _course(pk)
    session = get_object_or_404(Session, pk=session_pk, course=course) if session_pk else Session(course=course)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(session=form.instance, by=request.user)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("trainings:staff_course", pk=course.pk)
    return render(
        request,
        "trainings/staff/session_form.html",
        {"course": course, "form": form, "session": session if session.pk else None},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view(PERM)
def session_delete(request, pk, session_pk):
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_pk, course_id=pk)
    try:
        services.session_delete(session=session, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("The session has been deleted."))
    return redirect("trainings:staff_course", pk=pk)


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def attendance_sheet(request, session_pk):
    """Type in the paper sign-in sheet afterwards: tick who was present."""
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_pk)
    form = SheetForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_sheet_save(
                session=session, present=form.cleaned_data["present"], by=request.user
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Attendance saved: %(added)s added, %(removed)s removed.") % result,
            )
            return redirect("trainings:staff_course", pk=session.course_id)
    return render(
        request,
        "trainings/staff/attendance_sheet.html",
        {"session": session, "course": session.course, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view(PERM)
def material_add(request, pk):
    course = _course(pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = request.FILES["file"]
        services.material_add(
            course=course,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            original_name=upload.name,
            by=request.user,
        )
        messages.success(request, _("The material has been added."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect("trainings:staff_course", pk=course.pk)


@require_POST
@staff_view(PERM)
def material_delete(request, pk):
    material = get_object_or_404(Material.objects.select_related("course"), pk=pk)
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material has been removed."))
    return redirect("trainings:staff_course", pk=material.course_id)


@require_GET
@staff_view(PERM)
def material_download(request, pk):
    from ocop_portal.files import private_file_response

    material = get_object_or_404(Material, pk=pk)
    return private_file_response(material.file, download_name=material.original_name or None)


@require_POST
@staff_view(PERM)
def course_notify(request, pk):
    course = _course(pk)
    form = MessageForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Write what changed."))
        count = services.course_change_notify(course=course, by=request.user, message=form.cleaned_data["message"])
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("%(count)s participants have been emailed.") % {"count": count})
    return redirect("trainings:staff_course", pk=course.pk)


@require_POST
@staff_view(PERM)
def course_cancel(request, pk):
    course = _course(pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the cancellation."))
        return redirect("trainings:staff_course", pk=course.pk)
    try:
        services.course_cancel(course=course, by=request.user, message=form.cleaned_data["message"])
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("The course has been cancelled and everyone registered has been emailed."))
    return redirect("trainings:staff_course", pk=course.pk)


@require_POST
@staff_view(PERM)
def course_status(request, pk):
    course = _course(pk)
    status = request.POST.get("status", "")
    if status not in Course.Status.values or status == Course.Status.CANCELLED:
        messages.error(request, _("Choose a status."))
    else:
        try:
            services.course_status_set(course=course, status=status, by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("The course's status has been changed."))
    return redirect("trainings:staff_course", pk=course.pk)


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The current calendar year."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


@require_GET
@staff_view(PERM)
def leaders(request):
    start, end = default_period()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    coverage = selectors.leader_coverage(start=start, end=end)
    untrained = [row for row in coverage["rows"] if not row["trained"]]
    invite_form = InviteForm(initial={"cooperatives": [row["cooperative"].pk for row in untrained]})
    return render(
        request,
        "trainings/staff/leaders.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "coverage": coverage,
            "untrained": untrained,
            "invite_form": invite_form,
        },
    )


@require_POST
@staff_view(PERM)
def leaders_invite(request):
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an open course to invite the leaders to."))
    else:
        try:
            count = services.leaders_invite(
                course=form.cleaned_data["course"], cooperatives=form.cleaned_data["cooperatives"], by=request.user
            )
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("Invitations sent to %(count)s cooperatives.") % {"count": count})
    return redirect(request.POST.get("back") or "trainings:staff_leaders")
