"""The 5-star path. A provincial result of 90 points or more with every `*****` requirement met
goes to the national council: the staff forward it (scored → forwarded_national), then record
the national decision — number, date, issuing ministry and the stars the national council gives,
which may be lower — and the certificate follows that decision:

- 5 stars: the ministry's decision is the certificate (forwarded_national → certified);
- 3 or 4 stars: the result comes back to the province, which certifies the product at those
  stars by its own decision (forwarded_national → national_lower → certified, workflow.
  registration_certify);
- 1 or 2 stars: no certificate (forwarded_national → not_certified).

Each step: staff only, right state, one transaction with the dossier row locked, one audit event,
the cooperative's email after commit."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff
from products.models import Certificate
from registrations.models import NationalReview, Registration
from registrations.scoring import stars_for_score

from .dossiers import registration_lock, state_error, state_move
from .workflow import certified_move, registration_result

S = Registration.State

# Suggested in the forms; staff may type another (the ministries have been renamed before).
MINISTRIES = [
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Y tế",
    "Bộ Công Thương",
]


def ministries_known() -> list[str]:
    """The ministries to suggest: those already recorded (most recent first), then the usual ones."""
    used = list(
        NationalReview.objects.exclude(ministry="")
        .order_by("-forwarded_at")
        .values_list("ministry", flat=True)
        .distinct()[:20]
    )
    seen = []
    for name in [*used, *MINISTRIES]:
        if name not in seen:
            seen.append(name)
    return seen


def _text(value) -> str:
    return (value or "").strip()


def _date_text(day) -> str:
    return formats.date_format(day, "d/m/Y")


def registration_forward_national(
    *, registration, by, ministry: str, dispatch_number: str = "", dispatch_date=None, note: str = ""
) -> Registration:
    """Forward a 5-star candidate to the national council (scored → forwarded_national). The
    council's result is checked again under the lock: 90 points or more and every `*****`
    requirement met (5 stars after the requirements). Side effects: the dossier's national
    review (ministry, the province's letter, who and when), state, audit event, email to the
    cooperative."""
    require_staff(by)
    ministry = _text(ministry)
    if not ministry:
        raise ApplicationError(_("Enter the ministry the dossier is sent to."), field="ministry")
    if dispatch_date is not None and dispatch_date > timezone.localdate():
        raise ApplicationError(_("The date of the letter cannot be in the future."), field="dispatch_date")
    with transaction.atomic():
        locked = registration_lock(registration)
        if locked.state != S.SCORED:
            raise state_error(locked)
        result = registration_result(locked)
        if locked.result_stars != 5 or result is None or result.stars != 5:
            reason = ""
            if result is not None and result.band_stars == 5 and result.capped_by:
                reason = " " + _("Not met: %(criteria)s.") % {
                    "criteria": "; ".join(criterion.title for criterion in result.capped_by)
                }
            raise ApplicationError(
                _(
                    "Only a 5-star result goes to the national council: 90 points or more with every "
                    "5-star requirement met."
                )
                + reason
            )
        NationalReview.objects.update_or_create(
            registration=locked,
            defaults={
                "ministry": ministry,
                "dispatch_number": _text(dispatch_number),
                "dispatch_date": dispatch_date,
                "forwarded_at": timezone.now(),
                "forwarded_by": by,
                "decision_number": "",
                "decision_date": None,
                "stars": None,
                "score": None,
                "decided_at": None,
                "decided_by": None,
            },
        )
        letter = ""
        if dispatch_number:
            letter = _("letter %(number)s") % {"number": _text(dispatch_number)}
            if dispatch_date:
                letter += " " + _("of %(date)s") % {"date": _date_text(dispatch_date)}
        internal = _("Sent to %(ministry)s") % {"ministry": ministry} + (f", {letter}" if letter else "") + "."
        state_move(registration=locked, to=S.FORWARDED_NATIONAL, by=by, note=_text(note), internal_note=internal)
    return locked


def registration_national_decide(
    *,
    registration,
    by,
    decision_number: str,
    decision_date,
    ministry: str,
    stars: int,
    score=None,
    note: str = "",
) -> Registration:
    """Record the national decision on a forwarded dossier, and what follows from it: 5 stars,
    the certificate of that decision (issued by the ministry, its number and date, the validity of
    the dossier's criteria version); 3 or 4 stars, back to the province to certify at those stars;
    1 or 2 stars, closed without a certificate. Refused: a missing number, date or ministry, a date
    in the future or before the dossier was forwarded, stars outside 1–5, a score outside 0–100 or
    below the band of the stars given. Two staff at once: the second is told it is recorded.
    Side effects: the national review, the certificate (for 5 stars; the product's public stars at
    once), state, audit event, email to the cooperative."""
    require_staff(by)
    decision_number, ministry = _text(decision_number), _text(ministry)
    if not decision_number:
        raise ApplicationError(_("Enter the number of the national decision."), field="decision_number")
    if decision_date is None:
        raise ApplicationError(_("Enter the date of the national decision."), field="decision_date")
    if decision_date > timezone.localdate():
        raise ApplicationError(_("The decision date cannot be in the future."), field="decision_date")
    if not ministry:
        raise ApplicationError(_("Enter the ministry that issued the decision."), field="ministry")
    if stars not in (1, 2, 3, 4, 5):
        raise ApplicationError(_("Enter the stars of the national decision (1 to 5)."), field="stars")
    with transaction.atomic():
        locked = registration_lock(registration)
        review = NationalReview.objects.select_for_update().filter(registration=locked).first()
        if review is not None and review.is_decided and locked.state != S.FORWARDED_NATIONAL:
            raise ApplicationError(
                _("The national decision %(number)s has just been recorded by someone else; nothing was changed.")
                % {"number": review.decision_number}
            )
        if locked.state != S.FORWARDED_NATIONAL or review is None:
            raise state_error(locked)
        forwarded_on = timezone.localdate(review.forwarded_at)
        earliest = min(forwarded_on, review.dispatch_date or forwarded_on)
        if decision_date < earliest:
            raise ApplicationError(
                _("The national decision cannot be dated before the dossier was sent (%(date)s).")
                % {"date": _date_text(earliest)},
                field="decision_date",
            )
        if score is not None:
            if not 0 <= score <= 100:
                raise ApplicationError(_("The national council's score is between 0 and 100."), field="score")
            band = stars_for_score(score, locked.sheet.version)
            if stars > band:
                raise ApplicationError(
                    _("A score of %(score)s gives at most %(band)s stars, not %(stars)s.")
                    % {"score": formats.number_format(score, 2), "band": band, "stars": stars},
                    field="stars",
                )
        review.decision_number = decision_number
        review.decision_date = decision_date
        review.ministry = ministry
        review.stars = stars
        review.score = score
        review.decided_at = timezone.now()
        review.decided_by = by
        review.save()

        decision = _("Decision %(number)s of %(date)s, %(ministry)s: %(stars)s stars.") % {
            "number": decision_number,
            "date": _date_text(decision_date),
            "ministry": ministry,
            "stars": stars,
        }
        message = "\n".join(part for part in (decision, _text(note)) if part)
        if stars == 5:
            certified_move(
                locked,
                by=by,
                note=message,
                stars=5,
                score=score if score is not None else locked.average_score,
                decision_number=decision_number,
                decision_date=decision_date,
                issuer=Certificate.Issuer.NATIONAL,
                issuer_name=ministry,
            )
        elif stars >= 3:
            follow = _("The province will issue the certificate at %(stars)s stars.") % {"stars": stars}
            state_move(registration=locked, to=S.NATIONAL_LOWER, by=by, note=f"{message}\n{follow}")
        else:
            follow = _("Below 3 stars there is no OCOP certificate.")
            state_move(registration=locked, to=S.NOT_CERTIFIED, by=by, note=f"{message}\n{follow}")
    return locked
