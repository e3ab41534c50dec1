"""Totals and stars, as pure functions over a loaded sheet (no queries of their own).

Rules (README, "Stars"):
- a scorecard's total is the sum of the points of the options ticked;
- the council's result is the average of the members' totals, kept exactly for the bands and
  stored truncated to two decimals (so 89.999 shows as 89.99 and gives 4 stars, never 90.00);
- the bands come from the criteria version (90 / 70 / 50 / 30 by default);
- stars are lowered one level at a time while a requirement of that level is not met. A
  criterion's requirement for level L is the option marked with the highest level ≤ L: the
  ticked option must have at least that option's points (so a better option also meets it).
  A criterion itself marked for level L needs one of its options ticked. For the council, a
  requirement is met when more than half of the scorecards meet it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from .models import STAR_LEVELS, Criterion, ScoreSheet

TWO_PLACES = Decimal("0.01")


@dataclass
class SheetView:
    """A sheet loaded once: parts → groups → criteria → options, plus lookups."""

    sheet: ScoreSheet
    parts: list
    criteria: list = field(default_factory=list)
    criteria_by_id: dict = field(default_factory=dict)
    options_by_id: dict = field(default_factory=dict)


def sheet_load(sheet: ScoreSheet) -> SheetView:
    """Load a sheet's whole tree in four queries."""
    parts = list(sheet.parts.prefetch_related("groups__criteria__options").order_by("position"))
    view = SheetView(sheet=sheet, parts=parts)
    for part in parts:
        for group in part.groups.all():
            for criterion in group.criteria.all():
                view.criteria.append(criterion)
                view.criteria_by_id[criterion.pk] = criterion
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


def card_total(view: SheetView, choices: dict) -> Decimal:
    """`choices`: {criterion_id: option or None}."""
    return sum((option.points for option in choices.values() if option is not None), Decimal(0))


def stars_for_score(score, version) -> int:
    """The band of a score (1 to 5 stars), before requirements."""
    for stars, lowest in version.bands():
        if score >= lowest:
            return stars
    return 1


def unmet_requirements(view: SheetView, cards: list[dict], level: int) -> list[Criterion]:
    """Criteria whose requirement for `level` is not met by more than half of `cards`."""
    unmet = []
    for criterion in view.criteria:
        if requirement_threshold(criterion, level) is None:
            continue
        meeting = sum(1 for card in cards if criterion_meets(criterion, card.get(criterion.pk), level))
        if meeting * 2 <= len(cards):
            unmet.append(criterion)
    return unmet


@dataclass
class Result:
    score: Decimal  # stored value (truncated to 2 decimals)
    band_stars: int
    stars: int
    capped_by: list  # criteria that lowered the stars, for the level that was refused


def result_compute(view: SheetView, cards: list[dict], *, totals: list | None = None) -> Result:
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
