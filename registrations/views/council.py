"""The council members' pages: the dossiers assigned to them and the scoring form. A dossier
answers 404 to anyone who is not a council member of its round while it is under review."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError, error_to_form
from ocop_portal.guards import council_view, get_permitted_or_404
from registrations.forms import ScoringForm
from registrations.models import Registration, Scorecard
from registrations.scoring import sheet_load
from registrations.selectors import SCORECARD_PREFETCH, card_choices, council_assignments, documents_by_type
from registrations.services import workflow

from .common import card_summary, sheet_rows


@council_view("registrations.use_council")
def council_list(request):
    registrations = list(council_assignments(request.user))
    for registration in registrations:
        registration.my_card = registration.my_cards[0] if registration.my_cards else None
    return render(request, "registrations/council/list.html", {"registrations": registrations})


@council_view("registrations.use_council")
def council_score(request, pk):
    registration = get_permitted_or_404(
        Registration.objects.select_related(
            "cooperative__commune", "product", "product_set", "sheet__version", "round"
        ),
        request.user,
        "registrations.score_dossier",
        pk=pk,
    )
    view = sheet_load(registration.sheet)
    form = ScoringForm(request.POST or None, view=view)
    if request.method == "POST" and form.is_valid():
        submit = "hand_in" in request.POST
        try:
            workflow.scorecard_save(
                registration=registration,
                member=request.user,
                choices=form.choices(),
                cases=form.cases(),
                submit=submit,
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
        .prefetch_related(*SCORECARD_PREFETCH)
        .first()
    )
    choices = card_choices(card, view)
    context = {
        "registration": registration,
        "form": form,
        "card": card,
        "sheet": sheet_rows(
            view,
            card=choices,
            errors=form.errors if form.is_bound else None,
            posted=form.data if form.is_bound else None,
        ),
        "summary": card_summary(view, choices),
        "documents": documents_by_type(registration),
        "bands": registration.sheet.version.bands(),
        "editable": True,
    }
    return render(request, "registrations/council/score.html", context)
