"""The staff's and the council's transitions. Each: right role, right state, one transaction
with the dossier row locked, exactly one audit event, the notification queued after commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff
from products.models import Certificate
from products.services.certificates import certificate_issue
from registrations.models import Registration, Round, RoundMember, Scorecard
from registrations.scoring import Result, card_missing, result_compute, sheet_load
from registrations.selectors import SCORECARD_PREFETCH, card_choices, choice_text

from .dossiers import answers_write, registration_lock, state_error, state_move
from .notify import council_assigned_notify

S = Registration.State


def _staff_move(registration, *, allowed, to, by, note="", internal_note="", extra_fields=(), before=None):
    require_staff(by)
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state not in allowed:
            raise state_error(locked)
        if before is not None:
            before(locked)
        state_move(
            registration=locked,
            to=to,
            by=by,
            note=note.strip(),
            internal_note=internal_note.strip(),
            extra_fields=extra_fields,
        )
    return locked


def registration_return(*, registration, by, note: str, internal_note: str = "") -> Registration:
    """Return the dossier to the cooperative for more information; `note` tells it what is
    needed (required). Side effects: state, audit event, email to the cooperative."""
    if not note or not note.strip():
        raise ApplicationError(_("Say what the cooperative must add or correct."), field="note")
    return _staff_move(
        registration,
        allowed=[S.SUBMITTED, S.RESUBMITTED, S.COMMUNE_CHECKED],
        to=S.RETURNED,
        by=by,
        note=note,
        internal_note=internal_note,
    )


def registration_commune_check(*, registration, by, note: str = "", internal_note: str = "") -> Registration:
    """Record that the commune confirmed the product's local origin and forwarded the dossier."""
    return _staff_move(
        registration,
        allowed=[S.SUBMITTED, S.RESUBMITTED],
        to=S.COMMUNE_CHECKED,
        by=by,
        note=note,
        internal_note=internal_note,
    )


def registrations_assign_round(*, registrations, round: Round, by) -> list[Registration]:
    """Put commune-checked dossiers before a round's council (commune_checked → under_review),
    all or none. Side effects: round, state and one audit event per dossier; emails to the
    cooperatives and one to each council member."""
    require_staff(by)
    ids = sorted({r.pk if hasattr(r, "pk") else int(r) for r in registrations})
    if not ids:
        raise ApplicationError(_("Choose at least one dossier."))
    with transaction.atomic():
        locked_round = Round.objects.select_for_update().get(pk=round.pk)
        if not locked_round.is_open:
            raise ApplicationError(_("The round “%(round)s” is closed.") % {"round": locked_round.name})
        if not locked_round.memberships.exists():
            raise ApplicationError(
                _("The round “%(round)s” has no council members yet.") % {"round": locked_round.name}
            )
        locked = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("cooperative", "product")
            .filter(pk__in=ids)
            .order_by("pk")
        )
        if len(locked) != len(ids):
            raise ApplicationError(_("Some of the chosen dossiers no longer exist."))
        wrong = [r for r in locked if r.state != S.COMMUNE_CHECKED]
        if wrong:
            raise ApplicationError(
                _("Only commune-checked dossiers can go to a round; not: %(list)s. Nothing was assigned.")
                % {"list": ", ".join(f"{r.reference} ({r.get_state_display()})" for r in wrong)}
            )
        for registration in locked:
            registration.round = locked_round
            state_move(
                registration=registration,
                to=S.UNDER_REVIEW,
                by=by,
                internal_note=_("Assigned to %(round)s.") % {"round": locked_round.name},
                extra_fields=["round"],
            )
        council_assigned_notify(round=locked_round, registrations=locked)
    return locked


def scorecard_save(
    *, registration, member, choices: dict, cases: dict | None = None, submit: bool = False
) -> Scorecard:
    """A council member's scorecard on a dossier of their round: save answers (and the case
    that applies, on a sheet with alternative cases), and with `submit` hand it in (every case
    chosen, every criterion that applies answered). Editable until the dossier is scored.
    Side effects: the member's one scorecard, its answers and cases."""
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.round_id is None or not RoundMember.objects.filter(round_id=locked.round_id, user=member).exists():
            raise ApplicationError(_("You are not on the council of this dossier's round."))
        if locked.state != S.UNDER_REVIEW:
            raise state_error(locked)
        card, _created = Scorecard.objects.get_or_create(
            registration=locked, kind=Scorecard.Kind.COUNCIL, member=member
        )
        view = sheet_load(locked.sheet)
        answers_write(scorecard=card, view=view, choices=choices, cases=cases)
        if submit:
            saved = Scorecard.objects.prefetch_related(*SCORECARD_PREFETCH).get(pk=card.pk)
            no_case, missing = card_missing(view, card_choices(saved, view))
            if no_case:
                raise ApplicationError(
                    _("Choose which case applies (%(cases)s) before handing in the scorecard.")
                    % {"cases": choice_text(no_case[0])},
                    extra={"missing_cases": [c.pk for c in no_case]},
                )
            if missing:
                raise ApplicationError(
                    _("%(count)s criteria have no answer yet; answer them all before handing in the scorecard.")
                    % {"count": len(missing)},
                    extra={"missing": [c.pk for c in missing]},
                )
            card.submitted_at = timezone.now()
            card.save(update_fields=["submitted_at", "updated_at"])
    return card


def council_cards(registration, view) -> tuple[list[Scorecard], list[dict]]:
    """The submitted scorecards of the round's current members, and their choices."""
    member_ids = RoundMember.objects.filter(round_id=registration.round_id).values("user_id")
    cards = list(
        Scorecard.objects.filter(
            registration=registration,
            kind=Scorecard.Kind.COUNCIL,
            member__in=member_ids,
            submitted_at__isnull=False,
        )
        .select_related("member")
        .prefetch_related(*SCORECARD_PREFETCH)
        .order_by("pk")
    )
    return cards, [card_choices(card, view) for card in cards]


def registration_result(registration) -> Result | None:
    """The council's result as it stands (None before any scorecard is handed in)."""
    view = sheet_load(registration.sheet)
    cards, choices = council_cards(registration, view)
    if not cards:
        return None
    return result_compute(view, choices, totals=[c.total for c in cards])


def registration_finalize(*, registration, by, note: str = "") -> Registration:
    """Close the council's scoring (under_review → scored) once every member of the round has
    handed in a scorecard: the result is the average of their totals and the stars follow the
    bands, lowered by unmet requirements. Side effects: average, stars, state, audit event."""

    def compute(locked):
        members = set(RoundMember.objects.filter(round_id=locked.round_id).values_list("user_id", flat=True))
        view = sheet_load(locked.sheet)
        cards, choices = council_cards(locked, view)
        waiting = members - {c.member_id for c in cards}
        if not members or waiting:
            raise ApplicationError(
                _("%(count)s council member(s) have not handed in their scorecard yet.") % {"count": len(waiting)}
            )
        result = result_compute(view, choices, totals=[c.total for c in cards])
        locked.average_score = result.score
        locked.result_stars = result.stars

    return _staff_move(
        registration,
        allowed=[S.UNDER_REVIEW],
        to=S.SCORED,
        by=by,
        internal_note=note,
        extra_fields=["average_score", "result_stars"],
        before=compute,
    )


def registration_not_certify(*, registration, by, note: str) -> Registration:
    """Close the dossier without a certificate (scored, forwarded to the national council or back
    from it → not_certified)."""
    if not note or not note.strip():
        raise ApplicationError(_("Give the cooperative the reason."), field="note")
    return _staff_move(
        registration,
        allowed=[S.SCORED, S.FORWARDED_NATIONAL, S.NATIONAL_LOWER],
        to=S.NOT_CERTIFIED,
        by=by,
        note=note,
    )


def registration_certify(
    *,
    registration,
    by,
    decision_number: str,
    decision_date,
    issuer_name: str = "",
    note: str = "",
) -> Registration:
    """Issue the province's certificate: of a scored dossier with 3 or 4 stars (scored →
    certified), or of one the national council rated 3 or 4 stars, at the stars of the national
    decision (national_lower → certified). A 5-star certificate is the national decision itself
    (national.registration_national_decide). Side effects: the certificate (product code, the
    validity of the dossier's criteria version — 36 months to the same day —, the product's public
    stars at once), the previous certificate linked for a re-rating, state, audit event, email.
    Two staff certifying at once: the second gets a clear refusal."""
    require_staff(by)
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state == S.CERTIFIED:
            code = locked.certificate.product_code if locked.certificate_id else ""
            raise ApplicationError(
                _("This dossier has just been certified by someone else (product code %(code)s); nothing was changed.")
                % {"code": code}
            )
        if locked.state == S.SCORED:
            if locked.result_stars not in (3, 4):
                raise ApplicationError(
                    _("The province certifies 3 or 4 stars; this result is %(stars)s stars.")
                    % {"stars": locked.result_stars}
                )
            stars = locked.result_stars
        elif locked.state == S.NATIONAL_LOWER:
            stars = locked.national_review.stars
        else:
            raise state_error(locked)
        certified_move(
            locked,
            by=by,
            note=note.strip(),
            stars=stars,
            score=locked.average_score,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=Certificate.Issuer.PROVINCE,
            issuer_name=issuer_name,
        )
    return locked


def certified_move(locked: Registration, *, by, note: str, **certificate) -> None:
    """Issue the certificate of a locked dossier (`certificate`: stars, score, decision number
    and date, issuer and its name) with the previous certificate and the validity of its criteria
    version, and move it to certified. The caller holds the transaction and the lock."""
    locked.certificate = certificate_issue(
        product=locked.product,
        previous=locked.previous_certificate,
        validity_months=locked.sheet.version.certificate_validity_months,
        **certificate,
    )
    state_move(registration=locked, to=S.CERTIFIED, by=by, note=note, extra_fields=["certificate"])
