"""The cooperative's side, in its space: apply for a booth, change or withdraw the application,
report outcomes, answer buyers who want to meet, read the conference timetable. Another
cooperative's application answers 404 (cooperatives.access)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperatives.access import get_owned_or_404
from cooperatives.views.base import space_render
from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import space_view

from .. import selectors
from ..forms import ApplicationForm, OutcomeForm
from ..models import Application, ApplicationProduct, Event
from ..services import applications as services

SECTION = "fairs"


@require_GET
@space_view("fairs.apply")
def space_home(request, cooperative):
    mine = list(selectors.space_applications(cooperative))
    applied = {a.event_id for a in mine if a.status != Application.Status.WITHDRAWN}
    open_events = [e for e in selectors.open_events() if e.pk not in applied]
    return space_render(
        request,
        "fairs/space/home.html",
        SECTION,
        {"cooperative": cooperative, "applications": mine, "open_events": open_events, "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@space_view("fairs.apply")
def apply(request, cooperative, pk):
    event = get_object_or_404(Event.objects.public(), pk=pk)
    existing = Application.objects.active().filter(event=event, cooperative=cooperative).first()
    if existing is not None:
        messages.info(request, _("Your cooperative has already applied to this event."))
        return redirect("fairs:application", pk=existing.pk)
    form = ApplicationForm(request.POST or None, event=event, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                event=event, cooperative=cooperative, by=request.user, **form.service_data()
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your application has been sent. The Alliance will write to you."))
            return redirect("fairs:application", pk=application.pk)
    return space_render(
        request,
        "fairs/space/apply.html",
        SECTION,
        {"event": event, "form": form, "open": event.accepts_applications_on(timezone.localdate())},
        status=400 if form.errors else 200,
    )


def _own_application(request, pk) -> Application:
    return get_owned_or_404(
        Application.objects.select_related("event", "booth_type", "cooperative").prefetch_related(
            Prefetch("shown_products", queryset=ApplicationProduct.objects.select_related("product"))
        ),
        request.user,
        pk=pk,
    )


@require_GET
@space_view("fairs.apply")
def application_detail(request, cooperative, pk):
    application = _own_application(request, pk)
    today = timezone.localdate()
    event = application.event
    context = {
        "application": application,
        "event": event,
        "supports": list(application.support_requests.select_related("support")),
        "report": getattr(application, "outcome", None),
        "can_edit": application.status in services.EDITABLE and today <= event.application_deadline,
        "can_withdraw": application.status in services.EDITABLE and today < event.starts_on,
        "can_report": application.status == Application.Status.ACCEPTED and today >= event.starts_on,
        "log": list(application.log.exclude(action="reminder").order_by("created_at", "pk")),
    }
    if event.is_conference and application.status == Application.Status.ACCEPTED:
        context["meeting_requests"] = list(selectors.exhibitor_requests(application))
        context["meetings"] = list(selectors.exhibitor_meetings(application))
    return space_render(request, "fairs/space/application.html", SECTION, context)


@require_http_methods(["GET", "POST"])
@space_view("fairs.apply")
def application_edit(request, cooperative, pk):
    application = _own_application(request, pk)
    form = ApplicationForm(
        request.POST or None, event=application.event, cooperative=cooperative, application=application
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(application=application, by=request.user, **form.service_data())
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Your application has been updated."))
            return redirect("fairs:application", pk=application.pk)
    return space_render(
        request,
        "fairs/space/apply.html",
        SECTION,
        {"event": application.event, "form": form, "application": application, "open": True},
        status=400 if form.errors else 200,
    )


@require_POST
@space_view("fairs.apply")
def application_withdraw(request, cooperative, pk):
    application = _own_application(request, pk)
    try:
        services.application_withdraw(application=application, by=request.user, note=request.POST.get("note", ""))
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("fairs:application", pk=application.pk)


@require_http_methods(["GET", "POST"])
@space_view("fairs.apply")
def outcome(request, cooperative, pk):
    application = _own_application(request, pk)
    if application.status != Application.Status.ACCEPTED:
        raise Http404
    report = getattr(application, "outcome", None)
    form = OutcomeForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_report(application=application, values=form.cleaned_data, by=request.user)
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("Thank you: your results have been recorded."))
            return redirect("fairs:application", pk=application.pk)
    return space_render(
        request,
        "fairs/space/outcome.html",
        SECTION,
        {"application": application, "event": application.event, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@space_view("fairs.apply")
def request_answer(request, cooperative, pk, answer):
    """The producer accepts or declines a buyer's request (another cooperative's answers 404)."""
    from ..models import MeetingRequest
    from ..services import matchmaking

    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("application"), pk=pk, application__cooperative=cooperative
    )
    if answer not in ("accept", "decline"):
        raise Http404
    try:
        matchmaking.request_answer(request=meeting_request, accept=answer == "accept", by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("Your answer has been saved."))
    return redirect("fairs:application", pk=meeting_request.application_id)


@require_GET
@space_view("fairs.apply")
def timetable(request, cooperative, pk):
    application = _own_application(request, pk)
    from django.shortcuts import render

    return render(
        request,
        "fairs/timetable_print.html",
        {
            "event": application.event,
            "title": cooperative.name,
            "meetings": list(selectors.exhibitor_meetings(application)),
            "side": "producer",
        },
    )
