"""Totals and stars, as pure functions over a loaded sheet (no queries of their own).

Rules (README, "Stars"):
- a scorecard is the options it ticked and, on a sheet with alternative cases, the case it chose
  for each choice of case (`Card`); a criterion of a case that was not chosen does not apply:
  it is not shown, not required and not counted;
- a scorecard's total is the sum of the points of the options ticked on the criteria that
  apply. No part may go above its maximum nor the total above the sheet's 100: the importer
  refuses such sheets, and `card_check` refuses to record such a card (a safety net that
  should never fire);
- the council's result is the average of the members' totals, kept exactly for the bands and
  stored truncated to two decimals (so 89.999 shows as 89.99 and gives 4 stars, never 90.00);
- the bands come from the criteria version (90 / 70 / 50 / 30 by default);
- stars are lowered one level at a time while a requirement of that level is not met. A
  criterion's requirement for level L is the option marked with the highest level ≤ L: the
  ticked option must have at least that option's points (so a better option also meets it).
  A criterion itself marked for level L needs one of its options ticked. For the council, a
  requirement is met when more than half of the scorecards it applies to meet it.
"""

import logging
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError

from .models import STAR_LEVELS, Criterion, ScoreSheet

TWO_PLACES = Decimal("0.01")
logger = logging.getLogger(__name__)


@dataclass
class Card:
    """One scorecard's answers: {criterion id: Option or None ("none of these")} for the
    criteria answered, and {choice-of-case id: case id} for the cases chosen."""

    options: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)


@dataclass
class SheetView:
    """A sheet loaded once: parts → groups → criteria → options, its choices of case, lookups."""

    sheet: ScoreSheet
    parts: list
    criteria: list = field(default_factory=list)
    criteria_by_id: dict = field(default_factory=dict)
    options_by_id: dict = field(default_factory=dict)
    choices: list = field(default_factory=list)
    cases_by_id: dict = field(default_factory=dict)
    part_of: dict = field(default_factory=dict)  # criterion id → its SheetPart
    groups_of_choice: dict = field(default_factory=dict)  # choice-of-case id → its groups

    def applies(self, criterion, card: Card) -> bool:
        """Whether `criterion` counts on `card`: always, unless it belongs to a case the card
        did not choose (or has not chosen yet)."""
        if criterion.case_id is None:
            return True
        case = self.cases_by_id[criterion.case_id]
        return card.cases.get(case.choice_id) == case.pk

    def applicable(self, card: Card) -> list:
        return [c for c in self.criteria if self.applies(c, card)]


def sheet_load(sheet: ScoreSheet) -> SheetView:
    """Load a sheet's whole tree in five queries (six with alternative cases)."""
    parts = list(sheet.parts.prefetch_related("groups__criteria__options").order_by("position"))
    choices = list(sheet.case_choices.prefetch_related("cases").order_by("position"))
    view = SheetView(sheet=sheet, parts=parts, choices=choices)
    for choice in choices:
        for case in choice.cases.all():
            view.cases_by_id[case.pk] = case
    for part in parts:
        for group in part.groups.all():
            if group.case_choice_id is not None:
                view.groups_of_choice.setdefault(group.case_choice_id, []).append(group)
            for criterion in group.criteria.all():
                view.criteria.append(criterion)
                view.criteria_by_id[criterion.pk] = criterion
                view.part_of[criterion.pk] = part
                for option in criterion.options.all():
                    view.options_by_id[option.pk] = option
    return view


def requirement_threshold(criterion: Criterion, level: int):
    """What `criterion` demands for `level` stars: None (nothing), "any" (one of its options
    ticked) or the minimum points the ticked option must have."""
    marked = [o for o in criterion.options.all() if o.required_stars and o.required_stars <= level]
    if marked:
        top = max(o.required_stars for o in marked)
        return min(o.points for o in marked if o.required_stars == top)
    if criterion.required_stars and criterion.required_stars <= level:
        return "any"
    return None


def criterion_meets(criterion: Criterion, option, level: int) -> bool:
    threshold = requirement_threshold(criterion, level)
    if threshold is None:
        return True
    if option is None:
        return False
    if threshold == "any":
        return True
    return option.points >= threshold


def part_totals(view: SheetView, card: Card) -> dict:
    """{SheetPart: points} of the options ticked on the criteria that apply."""
    totals = {part: Decimal(0) for part in view.parts}
    for criterion_id, option in card.options.items():
        criterion = view.criteria_by_id.get(criterion_id)
        if option is not None and criterion is not None and view.applies(criterion, card):
            totals[view.part_of[criterion_id]] += option.points
    return totals


def card_total(view: SheetView, card: Card) -> Decimal:
    return sum(part_totals(view, card).values(), Decimal(0))


class ScoreAboveMaximum(ApplicationError):
    """A card would record a part above its maximum or a total above the sheet's: the sheet is
    wrong (the importer refuses such sheets), so nothing is recorded."""


def card_check(view: SheetView, card: Card) -> Decimal:
    """The card's total, after checking that no part is above its maximum and the total not
    above the sheet's maximum (100). Raises ScoreAboveMaximum — loudly, and logged — otherwise."""
    totals = part_totals(view, card)
    for part, points in totals.items():
        if points > part.max_points:
            _refuse(
                view,
                _("part %(code)s would get %(points)s of its %(max)s points")
                % {"code": part.code, "points": _fmt(points), "max": _fmt(part.max_points)},
            )
    total = sum(totals.values(), Decimal(0))
    if total > view.sheet.max_points:
        _refuse(
            view,
            _("the total would be %(points)s of %(max)s points")
            % {"points": _fmt(total), "max": _fmt(view.sheet.max_points)},
        )
    return total


def _refuse(view, problem):
    logger.error("Score above its maximum on sheet %s: %s", view.sheet.pk, problem)
    raise ScoreAboveMaximum(
        _(
            "The score sheet “%(sheet)s” is wrong: %(problem)s. Nothing was saved; please tell the Alliance "
            "so that the sheet is corrected."
        )
        % {"sheet": view.sheet, "problem": problem}
    )


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def card_missing(view: SheetView, card: Card) -> tuple[list, list]:
    """(choices of case not made, criteria that apply and have no answer)."""
    choices = [choice for choice in view.choices if choice.pk not in card.cases]
    criteria = [c for c in view.applicable(card) if c.pk not in card.options]
    return choices, criteria


def stars_for_score(score, version) -> int:
    """The band of a score (1 to 5 stars), before requirements."""
    for stars, lowest in version.bands():
        if score >= lowest:
            return stars
    return 1


def unmet_requirements(view: SheetView, cards: list[Card], level: int) -> list[Criterion]:
    """Criteria whose requirement for `level` is not met by more than half of the cards it
    applies to (a criterion of a case no card chose is not required)."""
    unmet = []
    for criterion in view.criteria:
        if requirement_threshold(criterion, level) is None:
            continue
        concerned = [card for card in cards if view.applies(criterion, card)]
        meeting = sum(1 for card in concerned if criterion_meets(criterion, card.options.get(criterion.pk), level))
        if concerned and meeting * 2 <= len(concerned):
            unmet.append(criterion)
    return unmet


@dataclass
class Result:
    score: Decimal  # stored value (truncated to 2 decimals)
    band_stars: int
    stars: int
    capped_by: list  # criteria that lowered the stars, for the level that was refused


def result_compute(view: SheetView, cards: list[Card], *, totals: list | None = None) -> Result:
    """Average of the cards' totals, its band, and the stars after the requirements."""
    if not cards:
        raise ValueError("no scorecard")
    totals = totals if totals is not None else [card_total(view, card) for card in cards]
    exact = sum((Fraction(t) for t in totals), Fraction(0)) / len(totals)
    stored = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(TWO_PLACES, rounding=ROUND_DOWN)
    version = view.sheet.version
    band = stars_for_score(exact, _ExactBands(version))
    stars, capped_by = band, []
    while stars in STAR_LEVELS:
        unmet = unmet_requirements(view, cards, stars)
        if not unmet:
            break
        if not capped_by:
            capped_by = unmet
        stars -= 1
    return Result(score=stored, band_stars=band, stars=stars, capped_by=capped_by)


class _ExactBands:
    """The version's bands as Fractions, so an exact average is compared exactly."""

    def __init__(self, version):
        self._bands = [(stars, Fraction(str(lowest))) for stars, lowest in version.bands()]

    def bands(self):
        return self._bands
