"""The staff's matchmaking page of a supply–demand conference: approve buyers, set the session,
generate the schedule, move a meeting, email the timetables, print, record outcomes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ocop_portal.errors import ApplicationError, error_to_message
from ocop_portal.guards import staff_view

from .. import selectors
from ..forms import MeetingMoveForm, MeetingOutcomeForm, ScheduleSettingsForm
from ..models import Buyer, Event, Meeting
from ..services import matchmaking

PERM = "fairs.manage_events"


def _conference(pk) -> Event:
    return get_object_or_404(Event, pk=pk, kind=Event.Kind.CONFERENCE)


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def matchmaking_page(request, pk):
    event = _conference(pk)
    settings_form = ScheduleSettingsForm(request.POST or None, instance=event)
    if request.method == "POST":
        if settings_form.is_valid():
            try:
                matchmaking.schedule_settings_save(event=event, values=settings_form.cleaned_data, by=request.user)
            except ApplicationError as error:
                error_to_message(request, error)
            else:
                messages.success(request, _("The matchmaking session has been saved."))
                return redirect("fairs:staff_matchmaking", pk=event.pk)
        else:
            messages.error(request, _("Please correct the session's settings."))
        event.refresh_from_db()
    overview = selectors.matchmaking_overview(event)
    return render(
        request,
        "fairs/staff/matchmaking.html",
        {
            "event": event,
            "tab": "matchmaking",
            "settings_form": settings_form,
            "outcome_choices": Meeting.Outcome.choices,
            **overview,
        },
        status=400 if settings_form.errors else 200,
    )


@require_POST
@staff_view(PERM)
def buyer_decide(request, pk):
    buyer = get_object_or_404(Buyer, pk=pk)
    try:
        matchmaking.buyer_decide(
            buyer=buyer,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
            by=request.user,
        )
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("%(company)s: saved and emailed.") % {"company": buyer.company})
    return redirect("fairs:staff_matchmaking", pk=buyer.event_id)


@require_POST
@staff_view(PERM)
def schedule_generate(request, pk):
    event = _conference(pk)
    try:
        result = matchmaking.schedule_generate(event=event, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("%(count)s meetings scheduled.") % {"count": len(result.placed)})
        if result.unplaced:
            messages.warning(
                request,
                _("%(count)s accepted requests did not fit: add tables or hours and generate again.")
                % {"count": len(result.unplaced)},
            )
    return redirect("fairs:staff_matchmaking", pk=event.pk)


@require_POST
@staff_view(PERM)
def timetables_send(request, pk):
    event = _conference(pk)
    try:
        sent = matchmaking.timetables_send(event=event, by=request.user)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(
            request,
            _("Timetables emailed to %(buyers)s buyers and %(exhibitors)s exhibitors.") % sent,
        )
    return redirect("fairs:staff_matchmaking", pk=event.pk)


@require_POST
@staff_view(PERM)
def meeting_move(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a table number and a time."))
    else:
        try:
            matchmaking.meeting_move(meeting=meeting, by=request.user, **form.cleaned_data)
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("The meeting has been moved."))
    return redirect("fairs:staff_matchmaking", pk=meeting.event_id)


@require_POST
@staff_view(PERM)
def meeting_outcome(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            matchmaking.meeting_outcome_record(
                meeting=meeting,
                outcome=form.cleaned_data["outcome"],
                contract_value_vnd=form.cleaned_data["contract_value_vnd"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("Outcome recorded."))
    return redirect(_back(meeting))


def _back(meeting) -> str:
    from django.urls import reverse

    return reverse("fairs:staff_matchmaking", kwargs={"pk": meeting.event_id}) + f"#meeting-{meeting.pk}"


@require_GET
@staff_view(PERM)
def schedule_print(request, pk):
    event = _conference(pk)
    overview = selectors.matchmaking_overview(event)
    return render(
        request,
        "fairs/staff/schedule_print.html",
        {"event": event, "printed_at": timezone.localtime(), **overview},
    )
