"""Reads that matter for the dossier pages, with their joins, so that a page's query count
does not grow with its rows."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from ocop_portal.text import fold

from .models import CaseAnswer, DocumentType, NationalReview, Registration, RoundMember, Scorecard
from .scoring import Card, card_missing, sheet_load


def cooperative_recipients(cooperative) -> list[str]:
    """Where a cooperative's notifications go: its own address and its active members'."""
    addresses = [cooperative.email] if cooperative.email else []
    addresses += list(
        get_user_model()
        .objects.filter(membership__cooperative=cooperative, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(a.lower() for a in addresses))


# What a scorecard is read with: its answers and the cases it chose.
SCORECARD_PREFETCH = ("answers", "case_answers")


def self_assessment(registration) -> Scorecard | None:
    return registration.scorecards.filter(kind=Scorecard.Kind.SELF).prefetch_related(*SCORECARD_PREFETCH).first()


def card_choices(scorecard, view):
    """The scorecard's answers as a scoring.Card (options from the view); an empty card for None."""
    if scorecard is None:
        return Card()
    return Card(
        options={a.criterion_id: view.options_by_id.get(a.option_id) for a in scorecard.answers.all()},
        cases={a.choice_id: a.case_id for a in scorecard.case_answers.all()},
    )


def registration_missing(registration, *, view=None) -> list[str]:
    """What stops the dossier from being sent, in words the cooperative understands."""
    missing = []
    labels = {
        "contact_name": _("the contact person"),
        "contact_phone": _("the contact phone"),
        "product_description": _("the product description"),
    }
    for field, label in labels.items():
        if not getattr(registration, field):
            missing.append(_("Registration form: %(field)s is empty.") % {"field": label})
    present = set(registration.documents.values_list("doc_type_id", flat=True))
    for doc_type in DocumentType.objects.filter(is_active=True, is_required=True).order_by("position", "name"):
        if doc_type.pk not in present:
            missing.append(_("Document missing: %(type)s.") % {"type": doc_type.name})
    view = view or sheet_load(registration.sheet)
    card = card_choices(self_assessment(registration), view)
    no_case, unanswered = card_missing(view, card)
    for choice in no_case:
        missing.append(_("Self-assessment: choose which case applies (%(cases)s).") % {"cases": choice_text(choice)})
    if unanswered:
        missing.append(
            _("Self-assessment: %(count)s of %(total)s criteria have no answer yet.")
            % {"count": len(unanswered), "total": len(view.applicable(card))}
        )
    return missing


def scorecard_cases_text(registrations) -> dict:
    """{scorecard id: "Case 2: …; Case 1: …"} for the scorecards of `registrations` that chose
    cases (one query; for lists and exports)."""
    texts = {}
    answers = (
        CaseAnswer.objects.filter(scorecard__registration__in=registrations)
        .select_related("case")
        .order_by("scorecard_id", "choice__position")
    )
    for answer in answers:
        texts.setdefault(answer.scorecard_id, []).append(str(answer.case))
    return {pk: "; ".join(parts) for pk, parts in texts.items()}


def choice_text(choice) -> str:
    """ "Case 1: … / Case 2: …" for a choice of case (its cases prefetched)."""
    return " / ".join(str(case) for case in choice.cases.all())


def documents_by_type(registration):
    """[(DocumentType, [Document, …])] for every offered type, required ones first."""
    documents = list(registration.documents.select_related("doc_type").order_by("created_at", "pk"))
    types = list(DocumentType.objects.filter(Q(is_active=True) | Q(pk__in=[d.doc_type_id for d in documents])))
    types.sort(key=lambda t: (not t.is_required, t.position, t.name))
    return [(t, [d for d in documents if d.doc_type_id == t.pk]) for t in types]


def staff_queue(*, state: str = "", round=None, product_set=None, year: int | None = None, q: str = ""):
    """The staff queue, oldest change first: the dossiers waiting on staff, or those in `state`
    ("all": every state), narrowed to a round, a product set, the year they were created and
    words found in the product's or the producer's name (diacritics ignored)."""
    if state == "all":
        queryset = Registration.objects.all()
    elif state:
        queryset = Registration.objects.filter(state=state)
    else:
        queryset = Registration.objects.waiting_on_staff()
    queryset = queryset.for_lists().with_council_progress().order_by("state_changed_at", "pk")
    if round:
        queryset = queryset.filter(round=round)
    if product_set:
        queryset = queryset.filter(product_set=product_set)
    if year:
        queryset = queryset.filter(created_at__year=year)
    if q:
        folded = fold(q)
        queryset = queryset.filter(
            Q(product__search_text__contains=folded) | Q(cooperative__search_text__contains=folded)
        )
    return queryset


def staff_export_scorecards(registrations) -> tuple[dict, list]:
    """What the staff export shows of the scorecards of `registrations`: {registration id:
    (self-assessment id, total)} and the council's scorecards with their member and product,
    by dossier (two queries)."""
    own = {
        registration_id: (pk, total)
        for registration_id, pk, total in Scorecard.objects.filter(
            registration__in=registrations, kind=Scorecard.Kind.SELF
        ).values_list("registration_id", "pk", "total")
    }
    council = list(
        Scorecard.objects.filter(registration__in=registrations, kind=Scorecard.Kind.COUNCIL)
        .select_related("member", "registration__product")
        .order_by("registration_id", "pk")
    )
    return own, council


def national_waiting():
    """Dossiers forwarded to the national council and waiting for its decision, the longest
    waiting first, with what the queue shows of them."""
    return NationalReview.objects.waiting().select_related(
        "registration__product", "registration__cooperative", "registration__product_set"
    )


def council_assignments(user):
    """The dossiers under review in the rounds where `user` sits on the council."""
    rounds = RoundMember.objects.filter(user=user).values("round_id")
    my_cards = Scorecard.objects.filter(kind=Scorecard.Kind.COUNCIL, member=user)
    return (
        Registration.objects.filter(round__in=rounds, state=Registration.State.UNDER_REVIEW)
        .for_lists()
        .prefetch_related(Prefetch("scorecards", queryset=my_cards, to_attr="my_cards"))
        .order_by("round__name", "product__name", "pk")
    )
