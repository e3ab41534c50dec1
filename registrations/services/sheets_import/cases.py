"""Alternative cases inside a criteria group (rule R9) and the best-score check (rule R10).

R9  A criterion row whose title reads "Trường hợp N: …" (optionally after "a." / "b)") opens
    case N of its group: that row, when it has options, and every criterion after it in the
    group up to the next case belong to the case; a case row without options heads the
    criteria below it. Criteria before the first case count whatever the case. A group's cases
    are numbered 1, 2 (, 3…) with at least two, each with at least one criterion. Groups whose
    cases are the same (same numbers and labels, ignoring case and diacritics) share one choice,
    made once per scorecard for the whole sheet; a group with cases of its own is chosen on its
    own. A scorecard counts only the chosen case's criteria; a group's maximum without a printed
    one is its common criteria plus its best case (R5).
R10 The best possible score of each part — its best options, counting for each choice the case
    that gives the part most — must not exceed the part's maximum (and so the total 100);
    otherwise the file is refused, naming the groups that give more than their maximum.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from ocop_portal.text import fold

from .tree import PChoice, PGroup


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def group_cases_check(builder, group: PGroup) -> None:
    """R9 for one group: numbering and the note; refuses a group whose cases do not add up."""
    if not group.cases:
        return
    numbers = [case.number for case in group.cases]
    if sorted(numbers) != list(range(1, len(numbers) + 1)) or len(numbers) < 2:
        builder.refuse(
            group.row,
            _(
                "the group “%(group)s” has alternative cases numbered %(numbers)s; "
                "they must be numbered 1, 2 (3…), at least two."
            )
            % {"group": group.title[:80], "numbers": ", ".join(str(n) for n in numbers)},
        )
    builder.note(
        group.row,
        _("alternative cases %(cases)s: a scorecard chooses one and only its criteria count (rule R9).")
        % {"cases": " / ".join(f"{case.number}. {case.label}" for case in group.cases)},
    )


def group_best(group: PGroup, number: int | None = None) -> Decimal:
    """The best a group can give: its common criteria plus its best case (or case `number`)."""
    common = sum((c.best for c in group.common), Decimal(0))
    cases = [case for case in group.cases if number is None or case.number == number]
    return common + max((case.best for case in cases), default=Decimal(0))


def group_max_from_criteria(group: PGroup) -> Decimal:
    """R5 for a group without a printed maximum: common criteria plus the best case's."""
    common = sum((c.max_points for c in group.common), Decimal(0))
    if not group.cases:
        return common
    return common + max(sum((c.max_points for c in case.criteria), Decimal(0)) for case in group.cases)


def choices_build(parts) -> list[PChoice]:
    """One choice per distinct set of cases; groups with the same cases share it."""
    choices: dict[tuple, PChoice] = {}
    for part in parts:
        for group in part.groups:
            if not group.cases:
                continue
            key = tuple(sorted((case.number, fold(case.label)) for case in group.cases))
            choice = choices.setdefault(key, PChoice(key=key))
            choice.groups.append(group)
            group.choice = choice
    return list(choices.values())


def part_best(part, choices: list[PChoice]) -> Decimal:
    """The part's best possible score: for each choice, the case that gives this part most."""
    plain = sum((group_best(g) for g in part.groups if g.choice is None), Decimal(0))
    for choice in choices:
        groups = [g for g in part.groups if g.choice is choice]
        if not groups:
            continue
        numbers = [number for number, _label in choice.key]
        plain += max(sum((group_best(g, number) for g in groups), Decimal(0)) for number in numbers)
    return plain


def best_check(builder, parts, choices: list[PChoice]) -> None:
    """R10: refuse a sheet whose best possible score exceeds a part's maximum."""
    for part in parts:
        best = part_best(part, choices)
        if best <= part.max_points:
            continue
        over = [g for g in part.groups if group_best(g) > g.max_points] or part.groups
        builder.refuse(
            over[0].row,
            _(
                "the best answers give part %(code)s %(best)s points, more than its %(max)s; "
                "check %(groups)s (alternative cases are written “a. Trường hợp 1: …”, “b. Trường hợp 2: …”)."
            )
            % {
                "code": part.code,
                "best": _fmt(best),
                "max": _fmt(part.max_points),
                "groups": "; ".join(
                    _("the group “%(group)s”, %(best)s of its %(max)s points")
                    % {"group": g.title[:80], "best": _fmt(group_best(g)), "max": _fmt(g.max_points)}
                    for g in over
                ),
            },
        )
