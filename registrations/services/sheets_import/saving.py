"""Saving a checked sheet: one transaction, the whole tree, or nothing."""

from django.db import transaction
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from registrations.models import CaseChoice, CriteriaCase, CriteriaGroup, Criterion, Option, ScoreSheet, SheetPart

from .building import sheet_parse
from .tree import ParsedSheet


def score_sheet_import(
    *,
    data: bytes,
    file_name: str,
    product_set,
    version,
    by=None,
    replace: bool = False,
    activate: bool = True,
    digest: str = "",
) -> ScoreSheet:
    """Import a score sheet for `product_set` in criteria `version`.

    Side effects: creates the sheet with its parts, groups, criteria and options in one
    transaction; with `activate`, makes it the sheet new dossiers of that product set use;
    with `replace`, deletes an earlier import of the same version and set (refused when
    dossiers use it); `digest` records the shipped file's SHA-256 (services.criteria).
    Raises SheetFileError / ApplicationError and writes nothing on failure."""
    if product_set.group.sector.scheme_id != version.scheme_id:
        raise ApplicationError(
            _("Product set %(set)s does not belong to the classification of %(version)s.")
            % {"set": product_set, "version": version}
        )
    parsed = sheet_parse(data, file_name=file_name)
    with transaction.atomic():
        existing = ScoreSheet.objects.select_for_update().filter(version=version, product_set=product_set).first()
        if existing is not None:
            used = existing.registrations.count()
            if used:
                raise ApplicationError(
                    _(
                        "%(file)s: the sheet of %(set)s in %(version)s is already used by %(count)s dossier(s); "
                        "import the new one under a new criteria version."
                    )
                    % {"file": file_name, "set": product_set, "version": version, "count": used}
                )
            if not replace:
                raise ApplicationError(
                    _(
                        "%(file)s: %(set)s already has a sheet in %(version)s. Choose “replace” (--replace) to import it again."
                    )
                    % {"file": file_name, "set": product_set, "version": version}
                )
            existing.delete()
        if activate:
            ScoreSheet.objects.filter(product_set=product_set, is_active=True).update(is_active=False)
        sheet = ScoreSheet.objects.create(
            version=version,
            product_set=product_set,
            is_active=activate,
            source_name=file_name[:255],
            source_digest=digest,
            max_points=parsed.max_points,
            warnings=parsed.warnings,
            imported_by=by,
        )
        _tree_save(sheet, parsed)
    return sheet


def _cases_save(sheet: ScoreSheet, parsed: ParsedSheet) -> tuple[dict, dict]:
    """The sheet's choices of case and their cases: ({id(PChoice): CaseChoice},
    {(id(PChoice), number): CriteriaCase})."""
    choices = CaseChoice.objects.bulk_create(CaseChoice(sheet=sheet, position=i) for i, _c in enumerate(parsed.choices))
    by_choice = {id(source): choice for source, choice in zip(parsed.choices, choices, strict=True)}
    cases, keys = [], []
    for source, choice in zip(parsed.choices, choices, strict=True):
        first = source.groups[0]  # the labels as the first group writes them
        for case in sorted(first.cases, key=lambda c: c.number):
            cases.append(CriteriaCase(choice=choice, number=case.number, label=case.label, source_row=case.row))
            keys.append((id(source), case.number))
    by_key = dict(zip(keys, CriteriaCase.objects.bulk_create(cases), strict=True))
    return by_choice, by_key


def _tree_save(sheet: ScoreSheet, parsed: ParsedSheet) -> None:
    choice_of, case_of = _cases_save(sheet, parsed)
    parts = SheetPart.objects.bulk_create(
        SheetPart(sheet=sheet, code=p.code, title=p.title, max_points=p.max_points, position=i)
        for i, p in enumerate(parsed.parts)
    )
    groups, group_src = [], []
    for part, source in zip(parts, parsed.parts, strict=True):
        for i, g in enumerate(source.groups):
            groups.append(
                CriteriaGroup(
                    part=part,
                    title=g.title,
                    description=g.description,
                    max_points=g.max_points,
                    position=i,
                    case_choice=choice_of[id(g.choice)] if g.choice is not None else None,
                )
            )
            group_src.append(g)
    groups = CriteriaGroup.objects.bulk_create(groups)
    criteria, criterion_src = [], []
    for group, source in zip(groups, group_src, strict=True):
        for i, c in enumerate(source.criteria):
            criteria.append(
                Criterion(
                    sheet=sheet,
                    group=group,
                    title=c.title,
                    description=c.description,
                    max_points=c.max_points,
                    required_stars=c.stars,
                    position=i,
                    source_row=c.row,
                    case=case_of[(id(source.choice), c.case.number)] if c.case is not None else None,
                )
            )
            criterion_src.append(c)
    criteria = Criterion.objects.bulk_create(criteria)
    options = []
    for criterion, source in zip(criteria, criterion_src, strict=True):
        for i, o in enumerate(source.options):
            options.append(
                Option(
                    criterion=criterion,
                    label=o.label,
                    points=o.points,
                    required_stars=o.stars,
                    position=i,
                    source_row=o.row,
                )
            )
    Option.objects.bulk_create(options)
