"""The Alliance staff's pages: the to-do queue, a dossier with its scorecards, the actions,
batch assignment to a round, the Excel export and the printable score sheet. Anyone who is
not Alliance staff gets 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop_portal.errors import ApplicationError, error_to_message
from ocop_portal.guards import staff_view
from products.excel import xlsx_response
from products.services.certificates import certificate_revoke
from registrations.exports import staff_sheets
from registrations.forms import (
    AssignRoundForm,
    CertifyForm,
    ForwardNationalForm,
    NationalDecisionForm,
    NoteForm,
    QueueFilterForm,
    RequiredNoteForm,
    RevokeForm,
)
from registrations.models import Registration, Round, Scorecard
from registrations.scoring import sheet_load
from registrations.selectors import (
    SCORECARD_PREFETCH,
    card_choices,
    documents_by_type,
    national_waiting,
    self_assessment,
    staff_queue,
)
from registrations.services import national, workflow

from .common import card_summary, cases_text, comparison_rows, sheet_rows

S = Registration.State


def _queue(form: QueueFilterForm):
    """The queue as the filter form asks (an invalid filter shows the dossiers waiting on staff)."""
    return staff_queue(**(form.cleaned_data if form.is_valid() else {}))


@staff_view("registrations.work_queue")
def queue(request):
    filter_form = QueueFilterForm(request.GET or None)
    registrations = list(_queue(filter_form)[:500])
    now = timezone.now()
    for registration in registrations:
        registration.days_waiting = (now - registration.state_changed_at).days
    assign_form = AssignRoundForm()
    waiting_national = list(national_waiting())
    for review in waiting_national:
        review.days = review.days_waiting(now)
    return render(
        request,
        "registrations/staff/queue.html",
        {
            "filter_form": filter_form,
            "registrations": registrations,
            "assign_form": assign_form,
            "waiting_national": waiting_national,
            "assignable": any(r.state == S.COMMUNE_CHECKED for r in registrations),
            "query": request.GET.urlencode(),
        },
    )


@staff_view("registrations.work_queue")
@require_POST
def assign_round(request):
    form = AssignRoundForm(request.POST)
    if form.is_valid():
        try:
            assigned = workflow.registrations_assign_round(
                registrations=form.cleaned_data["registrations"], round=form.cleaned_data["round"], by=request.user
            )
        except ApplicationError as error:
            error_to_message(request, error)
        else:
            messages.success(
                request,
                _("%(count)s dossier(s) assigned to %(round)s.")
                % {"count": len(assigned), "round": form.cleaned_data["round"].name},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _back(request)


def _back(request):
    """Back to the page the form was sent from (the queue with its filters, a dossier), when
    that address is on this site; otherwise to the queue."""
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("registrations:staff_queue")


@staff_view("registrations.work_queue")
def export(request):
    """The filtered dossiers and every council scorecard as an Excel workbook."""
    filter_form = QueueFilterForm(request.GET or None)
    registrations = list(_queue(filter_form).select_related("previous_certificate", "national_review"))
    return xlsx_response(staff_sheets(registrations), "ho-so-ocop")


def _staff_dossier(pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related(
            "cooperative__commune",
            "product",
            "product_set",
            "sheet__version",
            "round",
            "certificate",
            "previous_certificate",
            "national_review",
        ),
        pk=pk,
    )


def _evaluation(registration):
    view = sheet_load(registration.sheet)
    own = card_choices(self_assessment(registration), view)
    cards = list(
        Scorecard.objects.filter(registration=registration, kind=Scorecard.Kind.COUNCIL)
        .select_related("member")
        .prefetch_related(*SCORECARD_PREFETCH)
        .order_by("pk")
    )
    choices = [card_choices(card, view) for card in cards]
    return view, own, cards, choices


def _council_cases(view, choices: list) -> list[dict]:
    """Per choice of case, which case the council's scorecards chose and how many chose it."""
    rows = []
    for choice in view.choices:
        counts = {}
        for card in choices:
            case_id = card.cases.get(choice.pk)
            counts[case_id] = counts.get(case_id, 0) + 1
        rows.append(
            {
                "choice": choice,
                "cases": [
                    {"case": view.cases_by_id.get(case_id), "count": count}
                    for case_id, count in sorted(counts.items(), key=lambda item: -item[1])
                ],
                "agreed": len(counts) <= 1,
            }
        )
    return rows


@staff_view("registrations.work_queue")
def detail(request, pk):
    registration = _staff_dossier(pk)
    view, own, cards, choices = _evaluation(registration)
    result = workflow.registration_result(registration) if cards else None
    members = list(registration.round.memberships.select_related("user")) if registration.round_id else []
    handed_in = {c.member_id for c in cards if c.submitted_at}
    for card, card_choice in zip(cards, choices, strict=True):
        card.cases_text = cases_text(view, card_choice)
    context = {
        "registration": registration,
        "summary": card_summary(view, own),
        "cards": cards,
        "members": [{"membership": m, "handed_in": m.user_id in handed_in} for m in members],
        "result": result,
        "rows": comparison_rows(view, own, cards, choices),
        "council_cases": _council_cases(view, [ch for c, ch in zip(cards, choices, strict=True) if c.submitted_at]),
        "documents": documents_by_type(registration),
        "events": registration.events.select_related("actor").order_by("created_at", "pk"),
        "note_form": NoteForm(),
        "return_form": RequiredNoteForm(),
        "certify_form": CertifyForm(initial={"decision_date": timezone.localdate()}),
        "forward_form": ForwardNationalForm(initial={"dispatch_date": timezone.localdate()}),
        "national_form": NationalDecisionForm(),
        "national_review": getattr(registration, "national_review", None),
        "ministries": national.ministries_known(),
        "revoke_form": RevokeForm(),
        "open_rounds": Round.objects.filter(is_open=True).order_by("-year", "name"),
        "S": S,
    }
    return render(request, "registrations/staff/detail.html", context)


ACTIONS = {
    "return": (RequiredNoteForm, workflow.registration_return, _("Dossier returned to the cooperative.")),
    "commune-check": (NoteForm, workflow.registration_commune_check, _("Commune check recorded.")),
    "finalize": (NoteForm, workflow.registration_finalize, _("Council result recorded.")),
    "not-certify": (RequiredNoteForm, workflow.registration_not_certify, _("Dossier closed without a certificate.")),
}
# Actions whose form has fields of its own: (form, service, message once done).
FORM_ACTIONS = {
    "certify": (CertifyForm, workflow.registration_certify, None),
    "forward": (
        ForwardNationalForm,
        national.registration_forward_national,
        _("Dossier forwarded to the national council."),
    ),
    "national-decision": (NationalDecisionForm, national.registration_national_decide, None),
}


@staff_view("registrations.work_queue")
@require_POST
def action(request, pk, name):
    registration = _staff_dossier(pk)
    if name in FORM_ACTIONS:
        return _form_action(request, registration, *FORM_ACTIONS[name])
    if name == "revoke":
        return _revoke(request, registration)
    if name not in ACTIONS:
        raise Http404
    form_class, service, done = ACTIONS[name]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write the message to the cooperative."))
        return redirect("registrations:staff_detail", pk=pk)
    kwargs = {"registration": registration, "by": request.user, "note": form.cleaned_data["note"]}
    if name in ("return", "commune-check"):
        kwargs["internal_note"] = form.cleaned_data["internal_note"]
    try:
        service(**kwargs)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, str(done))
    return redirect("registrations:staff_detail", pk=pk)


def _form_action(request, registration, form_class, service, done):
    """Run `service` with the form's fields; each refusal (a field, the service) as a message."""
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("registrations:staff_detail", pk=registration.pk)
    try:
        service(registration=registration, by=request.user, **form.cleaned_data)
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        registration.refresh_from_db()
        messages.success(request, str(done) if done else _outcome(registration))
    return redirect("registrations:staff_detail", pk=registration.pk)


def _outcome(registration) -> str:
    if registration.state == S.CERTIFIED:
        return _("Certificate issued: product code %(code)s.") % {"code": registration.certificate.product_code}
    return _("National decision recorded; the dossier is now “%(state)s”.") % {
        "state": registration.get_state_display()
    }


def _revoke(request, registration):
    form = RevokeForm(request.POST)
    if not registration.certificate_id or not form.is_valid():
        messages.error(request, _("Choose one of the legal grounds for revocation."))
        return redirect("registrations:staff_detail", pk=registration.pk)
    try:
        certificate_revoke(
            certificate=registration.certificate,
            ground=form.cleaned_data["ground"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ApplicationError as error:
        error_to_message(request, error)
    else:
        messages.success(request, _("Certificate revoked; the product no longer shows its stars."))
    return redirect("registrations:staff_detail", pk=registration.pk)


@staff_view("registrations.work_queue")
def print_sheet(request, pk):
    """The dossier's score sheet with the self-assessment and the council's average per
    criterion, laid out for paper (the print stylesheet hides the site around it)."""
    registration = _staff_dossier(pk)
    view, own, cards, choices = _evaluation(registration)
    submitted = [(c, ch) for c, ch in zip(cards, choices, strict=True) if c.submitted_at]
    rows = comparison_rows(view, own, [c for c, _ch in submitted], [ch for _c, ch in submitted])
    by_criterion = {row["criterion"].pk: row for row in rows}
    sheet = sheet_rows(view, card=own)
    for part in sheet["parts"]:
        for group in part["groups"]:
            for item in [*group["criteria"], *(i for case in group["cases"] for i in case["criteria"])]:
                item["comparison"] = by_criterion[item["criterion"].pk]
    context = {
        "registration": registration,
        "sheet": sheet,
        "council_cases": _council_cases(view, [ch for _c, ch in submitted]),
        "summary": card_summary(view, own),
        "cards": [c for c, _ch in submitted],
        "result": workflow.registration_result(registration) if submitted else None,
        "printed_at": timezone.localtime(),
    }
    return render(request, "registrations/staff/print_sheet.html", context)
