"""The Alliance staff's pages: events, the side-by-side review of applications with the budget,
booth allocation with the booth plan, Excel exports, the printable exhibitor list, outcomes.
Events themselves are created and edited in the admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ocop_portal.errors import ApplicationError, error_to_form, error_to_message
from ocop_portal.guards import staff_view

from .. import exports, selectors
from ..forms import BoothPlanForm, DecisionForm, OutcomeCorrectionForm
from ..models import Application, Event, OutcomeReport
from ..services import applications as services
from ..services.events import booth_plan_set, outcomes_publish

PERM = "fairs.manage_events"


@require_GET
@staff_view(PERM)
def event_list(request):
    return render(request, "fairs/staff/event_list.html", {"events": list(selectors.staff_events())})


def _event(pk) -> Event:
    return get_object_or_404(Event, pk=pk)


@require_GET
@staff_view(PERM)
def event_review(request, pk):
    event = _event(pk)
    status = request.GET.get("status", "")
    rows = selectors.review_rows(event, status=status if status in Application.Status.values else "")
    return render(
        request,
        "fairs/staff/review.html",
        {
            "event": event,
            "tab": "review",
            "rows": rows,
            "summary": selectors.review_summary(event),
            "status": status,
            "statuses": Application.Status.choices,
            "decision_form": DecisionForm(),
        },
    )


@require_POST
@staff_view(PERM)
def decide(request, pk):
    application = get_object_or_404(Application.objects.select_related("event"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept, reserve list or refuse."))
    else:
        try:
            services.application_decide(
                application=application,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            application.refresh_from_db()
            messages.success(
                request,
                _("%(cooperative)s: %(status)s.")
                % {"cooperative": application.cooperative.name, "status": application.get_status_display()},
            )
    return redirect(request.POST.get("back") or f"{_review_url(application.event_id)}#application-{application.pk}")


def _review_url(pk) -> str:
    from django.urls import reverse

    return reverse("fairs:staff_event", kwargs={"pk": pk})


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def booths(request, pk):
    """Booth numbers for the accepted applications, and the booth plan picture."""
    event = _event(pk)
    plan_form, posted, status = BoothPlanForm(), {}, 200
    if request.method == "POST" and "booth_plan" in request.FILES:
        plan_form = BoothPlanForm(request.POST, request.FILES)
        if plan_form.is_valid():
            booth_plan_set(event=event, image=plan_form.cleaned_data["booth_plan"], by=request.user)
            messages.success(request, _("The booth plan has been saved."))
            return redirect("fairs:staff_booths", pk=event.pk)
        status = 400
    elif request.method == "POST":
        numbers = {
            int(key.removeprefix("booth-")): value
            for key, value in request.POST.items()
            if key.startswith("booth-") and key.removeprefix("booth-").isdigit()
        }
        try:
            changed = services.booths_allocate(event=event, numbers=numbers, by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
            posted, status = numbers, 400
        else:
            messages.success(request, _("%(count)s booth number(s) saved.") % {"count": len(changed)})
            return redirect("fairs:staff_booths", pk=event.pk)
    exhibitors = list(selectors.exhibitors(event))
    for application in exhibitors:
        application.posted_number = posted.get(application.pk, application.booth_number)
    return render(
        request,
        "fairs/staff/booths.html",
        {"event": event, "tab": "booths", "exhibitors": exhibitors, "plan_form": plan_form},
        status=status,
    )


@require_GET
@staff_view(PERM)
def export_applications(request, pk):
    event = _event(pk)
    return exports.xlsx_response(exports.applications_sheet(event), f"don-dang-ky-{event.slug}")


@require_GET
@staff_view(PERM)
def export_exhibitors(request, pk):
    event = _event(pk)
    return exports.xlsx_response(exports.exhibitors_sheet(event), f"danh-sach-trung-bay-{event.slug}")


@require_GET
@staff_view(PERM)
def print_exhibitors(request, pk):
    event = _event(pk)
    return render(
        request,
        "fairs/staff/exhibitors_print.html",
        {"event": event, "exhibitors": list(selectors.exhibitors(event)), "printed_at": timezone.localtime()},
    )


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def outcomes(request, pk):
    event = _event(pk)
    if request.method == "POST":
        try:
            outcomes_publish(event=event, published=request.POST.get("published") == "1", by=request.user)
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("fairs:staff_outcomes", pk=event.pk)
    return render(
        request,
        "fairs/staff/outcomes.html",
        {
            "event": event,
            "tab": "outcomes",
            "exhibitors": list(selectors.exhibitors(event).select_related("outcome")),
            "totals": selectors.event_outcome_totals(event),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_view(PERM)
def outcome_correct(request, pk):
    report = get_object_or_404(
        OutcomeReport.objects.select_related("application__event", "application__cooperative"), pk=pk
    )
    form = OutcomeCorrectionForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_correct(
                report=report, values=form.cleaned_data, note=form.cleaned_data["reason"], by=request.user
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            messages.success(request, _("The outcome has been corrected."))
            return redirect("fairs:staff_outcomes", pk=report.application.event_id)
    history = list(report.history.select_related("history_user").order_by("-history_date")[:20])
    return render(
        request,
        "fairs/staff/outcome_correct.html",
        {"report": report, "form": form, "history": history},
        status=400 if form.errors else 200,
    )
