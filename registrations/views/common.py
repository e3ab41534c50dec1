"""Pieces shared by the cooperative's, the staff's and the council's pages."""

from decimal import Decimal

from ocop_portal.files import private_file_response
from registrations.models import Scorecard
from registrations.scoring import (
    criterion_meets,
    requirement_threshold,
    result_compute,
)


def sheet_rows(view, *, choices: dict | None = None, errors=None, posted=None):
    """The sheet as nested rows for the templates: parts → groups → criteria, each criterion
    with its options, the chosen option id (or "none") and whether its stars need it."""
    choices = choices or {}
    parts = []
    for part in view.parts:
        groups = []
        for group in part.groups.all():
            criteria = []
            for criterion in group.criteria.all():
                answered = criterion.pk in choices
                option = choices.get(criterion.pk)
                selected = (str(option.pk) if option else "none") if answered else ""
                if posted is not None and posted.get(f"c{criterion.pk}"):
                    # A refused form shows what was just ticked, not what was saved.
                    selected = posted.get(f"c{criterion.pk}")
                requirements = sorted(
                    {o.required_stars for o in criterion.options.all() if o.required_stars}
                    | ({criterion.required_stars} if criterion.required_stars else set())
                )
                criteria.append(
                    {
                        "criterion": criterion,
                        "name": f"c{criterion.pk}",
                        "options": list(criterion.options.all()),
                        "answered": answered,
                        "selected": selected,
                        "points": option.points if option else Decimal(0),
                        "requirements": requirements,
                        "error": (errors or {}).get(f"c{criterion.pk}"),
                    }
                )
            groups.append({"group": group, "criteria": criteria})
        parts.append({"part": part, "groups": groups})
    return parts


def card_summary(view, choices: dict) -> dict:
    """Total, answered count and stars of one card (self-assessment or a member's draft)."""
    total = sum((o.points for o in choices.values() if o is not None), Decimal(0))
    answered = len(choices)
    result = result_compute(view, [choices], totals=[total])
    return {
        "total": total,
        "answered": answered,
        "count": len(view.criteria),
        "complete": answered >= len(view.criteria),
        "stars": result.stars,
        "band_stars": result.band_stars,
        "capped_by": result.capped_by,
        "max_points": view.sheet.max_points,
    }


def comparison_rows(view, self_choices: dict, cards: list[Scorecard], card_choices: list[dict]):
    """For staff: per criterion, the self-assessment, each member's points, their average and
    the difference to the self-assessment."""
    rows = []
    for criterion in view.criteria:
        own = self_choices.get(criterion.pk)
        own_points = own.points if own else (Decimal(0) if criterion.pk in self_choices else None)
        member_points = []
        for choices in card_choices:
            option = choices.get(criterion.pk)
            member_points.append(option.points if option else Decimal(0))
        average = (
            (sum(member_points, Decimal(0)) / len(member_points)).quantize(Decimal("0.01")) if member_points else None
        )
        difference = (average - own_points) if (average is not None and own_points is not None) else None
        rows.append(
            {
                "criterion": criterion,
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
