"""Pieces shared by the cooperative's, the staff's and the council's pages."""

from decimal import Decimal
from functools import partial

from ocop_portal.files import private_file_response
from registrations.models import Scorecard
from registrations.scoring import (
    Card,
    card_missing,
    card_total,
    criterion_meets,
    requirement_threshold,
    result_compute,
)


def _criterion_row(criterion, card: Card, *, errors, posted) -> dict:
    answered = criterion.pk in card.options
    option = card.options.get(criterion.pk)
    selected = (str(option.pk) if option else "none") if answered else ""
    if posted is not None and posted.get(f"c{criterion.pk}"):
        # A refused form shows what was just ticked, not what was saved.
        selected = posted.get(f"c{criterion.pk}")
    requirements = sorted(
        {o.required_stars for o in criterion.options.all() if o.required_stars}
        | ({criterion.required_stars} if criterion.required_stars else set())
    )
    return {
        "criterion": criterion,
        "name": f"c{criterion.pk}",
        "options": list(criterion.options.all()),
        "answered": answered,
        "selected": selected,
        "points": option.points if option else Decimal(0),
        "requirements": requirements,
        "error": (errors or {}).get(f"c{criterion.pk}"),
    }


def choice_rows(view, card: Card, *, errors=None, posted=None) -> dict:
    """{choice id: row} for each choice of case: its radio name, cases, the case selected
    (what was just posted on a refused form, else what is saved) and the groups it decides."""
    rows = {}
    for choice in view.choices:
        name = f"k{choice.pk}"
        selected = str(card.cases.get(choice.pk) or "")
        if posted is not None and posted.get(name):
            selected = posted.get(name)
        groups = view.groups_of_choice.get(choice.pk, [])
        rows[choice.pk] = {
            "choice": choice,
            "name": name,
            "cases": list(choice.cases.all()),
            "selected": selected,
            "chosen": next((c for c in choice.cases.all() if str(c.pk) == selected), None),
            "groups": groups,
            "whole_sheet": len(groups) > 1,
            "error": (errors or {}).get(name),
        }
    return rows


def sheet_rows(view, *, card: Card | None = None, errors=None, posted=None) -> dict:
    """The sheet as nested rows for the templates: {"choices": the choices of case made once for
    the whole sheet, "parts": parts → groups → criteria}. A group with alternative cases has its
    common criteria, its own choice (when it is not made for the whole sheet) and its cases,
    each with its criteria and `hidden` when another case is selected."""
    card = card or Card()
    choices = choice_rows(view, card, errors=errors, posted=posted)
    row = partial(_criterion_row, card=card, errors=errors, posted=posted)
    parts = []
    for part in view.parts:
        groups = []
        for group in part.groups.all():
            criteria = [row(c) for c in group.criteria.all() if c.case_id is None]
            choice = choices.get(group.case_choice_id)
            cases = []
            if choice is not None:
                for case in choice["cases"]:
                    case_criteria = [row(c) for c in group.criteria.all() if c.case_id == case.pk]
                    if not case_criteria:
                        continue
                    cases.append(
                        {
                            "case": case,
                            "criteria": case_criteria,
                            "hidden": bool(choice["selected"]) and choice["selected"] != str(case.pk),
                            # A case that is one row with options needs no heading of its own.
                            "heading": not (
                                len(case_criteria) == 1 and case_criteria[0]["criterion"].source_row == case.source_row
                            ),
                        }
                    )
            groups.append({"group": group, "criteria": criteria, "choice": choice, "cases": cases})
        parts.append({"part": part, "groups": groups})
    return {"choices": [c for c in choices.values() if c["whole_sheet"]], "parts": parts}


def cases_text(view, card: Card) -> str:
    """The cases a card chose, as people read them ("Case 2: Điểm dịch vụ du lịch"); "" when the
    sheet has none, "—" for a choice not made."""
    return "; ".join(
        str(view.cases_by_id[card.cases[choice.pk]]) if choice.pk in card.cases else "—" for choice in view.choices
    )


def card_summary(view, card: Card) -> dict:
    """Total, answered count and stars of one card (self-assessment or a member's draft)."""
    total = card_total(view, card)
    applicable = view.applicable(card)
    answered = sum(1 for c in applicable if c.pk in card.options)
    no_case, _unanswered = card_missing(view, card)
    result = result_compute(view, [card], totals=[total])
    return {
        "total": total,
        "answered": answered,
        "count": len(applicable),
        "complete": not no_case and answered >= len(applicable),
        "cases_missing": no_case,
        "cases": cases_text(view, card),
        "stars": result.stars,
        "band_stars": result.band_stars,
        "capped_by": result.capped_by,
        "max_points": view.sheet.max_points,
    }


def comparison_rows(view, self_card: Card, cards: list[Scorecard], card_choices: list[Card]):
    """For staff: per criterion, the self-assessment, each member's points (None where the
    criterion's case is not the one the member chose), their average and the difference to the
    self-assessment."""
    rows = []
    for criterion in view.criteria:
        self_applies = view.applies(criterion, self_card)
        own = self_card.options.get(criterion.pk)
        own_points = (own.points if own else Decimal(0)) if self_applies and criterion.pk in self_card.options else None
        member_points = []
        for card in card_choices:
            option = card.options.get(criterion.pk)
            member_points.append((option.points if option else Decimal(0)) if view.applies(criterion, card) else None)
        counted = [p for p in member_points if p is not None]
        average = (sum(counted, Decimal(0)) / len(counted)).quantize(Decimal("0.01")) if counted else None
        difference = (average - own_points) if (average is not None and own_points is not None) else None
        rows.append(
            {
                "criterion": criterion,
                "case": view.cases_by_id.get(criterion.case_id),
                "self_applies": self_applies,
                "self": own_points,
                "members": member_points,
                "average": average,
                "difference": difference,
                "required": any(requirement_threshold(criterion, level) is not None for level in (3, 4, 5)),
                "self_meets": {level: criterion_meets(criterion, own, level) for level in (3, 4, 5)},
            }
        )
    return rows


def document_response(document):
    return private_file_response(document.file, download_name=_download_name(document))


def _download_name(document) -> str:
    name = document.original_name or document.file.name
    extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else ""
    if extension and not name.lower().endswith("." + extension.lower()):
        name = f"{name}.{extension}"
    return name
