"""The council members' pages: the dossiers assigned to them and the scoring form. A dossier
answers 404 to anyone who is not a council member of its round while it is under review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.rules import is_council_member
from ocop_portal.errors import ApplicationError
from registrations.forms import ScoringForm
from registrations.models import Registration, RoundMember, Scorecard
from registrations.scoring import sheet_load
from registrations.selectors import card_choices, council_assignments, documents_by_type
from registrations.services import workflow

from .common import card_summary, error_to_form, sheet_rows


def _require_council(request):
    if not is_council_member(request.user):
        raise Http404


@login_required
def council_list(request):
    _require_council(request)
    registrations = list(council_assignments(request.user))
    for registration in registrations:
        registration.my_card = registration.my_cards[0] if registration.my_cards else None
    return render(request, "registrations/council/list.html", {"registrations": registrations})


def _assigned(request, pk) -> Registration:
    _require_council(request)
    registration = (
        Registration.objects.select_related("cooperative__commune", "product", "product_set", "sheet__version", "round")
        .filter(pk=pk, state=Registration.State.UNDER_REVIEW, round__isnull=False)
        .first()
    )
    if (
        registration is None
        or not RoundMember.objects.filter(round_id=registration.round_id, user=request.user).exists()
    ):
        raise Http404
    return registration


@login_required
def council_score(request, pk):
    registration = _assigned(request, pk)
    view = sheet_load(registration.sheet)
    form = ScoringForm(request.POST or None, view=view)
    if request.method == "POST" and form.is_valid():
        submit = "hand_in" in request.POST
        try:
            workflow.scorecard_save(
                registration=registration, member=request.user, choices=form.choices(), submit=submit
            )
        except ApplicationError as error:
            error_to_form(form, error)
        else:
            if submit:
                messages.success(
                    request, _("Scorecard handed in. You can still correct it until the result is recorded.")
                )
                return redirect("registrations:council_list")
            messages.success(request, _("Scorecard saved as a draft."))
            return redirect("registrations:council_score", pk=registration.pk)
    card = (
        Scorecard.objects.filter(registration=registration, kind=Scorecard.Kind.COUNCIL, member=request.user)
        .prefetch_related("answers")
        .first()
    )
    choices = card_choices(card, view)
    context = {
        "registration": registration,
        "form": form,
        "card": card,
        "parts": sheet_rows(
            view,
            choices=choices,
            errors=form.errors if form.is_bound else None,
            posted=form.data if form.is_bound else None,
        ),
        "summary": card_summary(view, choices),
        "documents": documents_by_type(registration),
        "bands": registration.sheet.version.bands(),
        "editable": True,
    }
    return render(request, "registrations/council/score.html", context)
