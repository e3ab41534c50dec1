"""The staff's Excel export of dossiers, in the registry's .xlsx format (products.excel: bold
frozen header, filters, dates as dates, text kept as text, formulas neutralised)."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import scorecard_cases_text, staff_export_scorecards


def _local(moment):
    """A stored moment as the naive local date and time Excel shows."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _national_cells(registration) -> list:
    review = getattr(registration, "national_review", None)
    if review is None:
        return [None, "", "", None, None]
    return [_local(review.forwarded_at), review.ministry, review.decision_number, review.decision_date, review.stars]


def staff_sheets(registrations: list) -> list[tablib.Dataset]:
    """The dossiers (read with `previous_certificate` and `national_review`) and every council
    scorecard of them: two sheets, a fixed number of queries."""
    own, council = staff_export_scorecards(registrations)
    cases = scorecard_cases_text(registrations)
    dossiers = tablib.Dataset(
        headers=[
            _("Reference"),
            _("Producer"),
            _("Commune"),
            _("Product"),
            _("Product set"),
            _("Kind"),
            _("State"),
            _("Since"),
            _("First submitted"),
            _("Round"),
            _("Self-assessment"),
            _("Council average"),
            _("Stars"),
            _("Product code"),
            _("Case that applies (self-assessment)"),
            _("Sent to the national council on"),
            _("Ministry"),
            _("National decision"),
            _("National decision date"),
            _("National stars"),
        ],
        title=_("Dossiers"),
    )
    for registration in registrations:
        cooperative = registration.cooperative
        self_id, self_total = own.get(registration.pk, (None, 0))
        dossiers.append(
            [
                registration.reference,
                cooperative.name,
                cooperative.commune.name if cooperative.commune_id else "",
                registration.product.name,
                str(registration.product_set),
                registration.get_kind_display(),
                registration.get_state_display(),
                _local(registration.state_changed_at),
                _local(registration.submitted_at),
                registration.round.name if registration.round_id else "",
                float(self_total),
                float(registration.average_score) if registration.average_score is not None else None,
                registration.result_stars,
                registration.certificate.product_code if registration.certificate_id else "",
                cases.get(self_id, ""),
                *_national_cells(registration),
            ]
        )
    scorecards = tablib.Dataset(
        headers=[_("Reference"), _("Product"), _("Council member"), _("Total"), _("Handed in"), _("Case that applies")],
        title=_("Scorecards"),
    )
    for card in council:
        scorecards.append(
            [
                card.registration.reference,
                card.registration.product.name,
                str(card.member),
                float(card.total),
                _local(card.submitted_at),
                cases.get(card.pk, ""),
            ]
        )
    return [dossiers, scorecards]
