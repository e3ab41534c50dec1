"""Building the sheet's tree from its rows (rules R1–R8 of the package docstring). Pure: no
database access; any problem raises SheetFileError naming the row."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .cases import best_check, choices_build, group_cases_check, group_max_from_criteria
from .errors import SheetFileError
from .reading import RawRow, rows_read
from .tree import ParsedSheet, PCase, PCriterion, PGroup, POption, PPart

SHEET_TOTAL = Decimal(100)

_BOX = re.compile(r"^[\s□☐■▢]+")
_STAR_RUN = re.compile(r"(?<!\*)\*{3,5}(?!\*)")
_PART_CODE = re.compile(r"^\s*phần\s+([a-z])\b", re.IGNORECASE)
_PART_POINTS = re.compile(r"\(\s*(\d+)\s*điểm\s*\)", re.IGNORECASE)
_GROUP_START = re.compile(r"^\s*\d+\s*[.)]")
_CRITERION_START = re.compile(r"^\s*([a-zđ]\s*\)|[-–])", re.IGNORECASE)
_DASH = re.compile(r"^\s*[-–]\s*")
_MARKER_ONLY = re.compile(r"[a-zđ]\s*\)", re.IGNORECASE)
_GROUP_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")
# "a. Trường hợp 1: Cộng đồng dịch vụ du lịch", "Trường hợp 2 – Điểm du lịch" (R9).
_CASE = re.compile(r"^(?:[a-zđ]\s*[.)]\s*)?trường\s+hợp\s+(\d+)\s*[:.)–-]?\s*(.*)$", re.IGNORECASE | re.DOTALL)


def _number(raw: str) -> Decimal | None:
    """A score cell as a number; None when it is empty or not a number."""
    text = raw.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _clean_title(text: str) -> str:
    text = _BOX.sub("", text)
    text = _STAR_RUN.sub("", text)
    return " ".join(text.split()).strip(" .:")


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


class _Builder:
    def __init__(self, file_name: str):
        self.file_name = file_name
        self.parts: list[PPart] = []
        self.warnings: list[dict] = []
        self.group: PGroup | None = None
        self.criterion: PCriterion | None = None
        self.heading: PCriterion | None = None
        self.case: PCase | None = None

    def refuse(self, row, message):
        raise SheetFileError(message, file_name=self.file_name, row=row)

    def note(self, row, message):
        self.warnings.append({"row": row, "note": str(message)})

    # R1
    def level_of(self, row: RawRow) -> int:
        raw = row.level.strip()
        if raw.endswith(".0"):
            raw = raw[:-2]
        if raw in ("0", "1", "2", "3"):
            return int(raw)
        title = row.title.strip()
        if _BOX.match(title):
            level = 3
        elif _PART_CODE.match(title):
            level = 0
        elif _GROUP_START.match(title):
            level = 1
        elif _CRITERION_START.match(title):
            level = 2
        else:
            self.refuse(
                row.number,
                _('the level "%(level)s" is not 0, 1, 2 or 3, and the title does not show which it is.')
                % {"level": row.level},
            )
        self.note(
            row.number,
            _('level "%(level)s" read as %(read)s from the title (rule R1).') % {"level": row.level, "read": level},
        )
        return level

    # R7
    def stars_of(self, row: RawRow) -> int | None:
        raw = row.stars.strip()
        if raw.endswith(".0"):
            raw = raw[:-2]
        runs = {len(m) for m in _STAR_RUN.findall(row.title)}
        marker = runs.pop() if len(runs) == 1 else None
        if raw in ("3", "4", "5"):
            return int(raw)
        if raw and marker is None:
            self.refuse(row.number, _('the stars "%(stars)s" should be 3, 4, 5 or empty.') % {"stars": row.stars})
        if marker is not None:
            self.note(
                row.number,
                _("required for %(stars)s stars, from the title's %(marker)s (rule R7).")
                % {"stars": marker, "marker": "*" * marker},
            )
        return marker

    def close_criterion(self):
        criterion = self.criterion
        if criterion is not None and not criterion.options:
            if criterion.opens_case:
                self.refuse(
                    criterion.row, _("the case %(number)s has no criteria.") % {"number": criterion.case.number}
                )
            self.refuse(
                criterion.row,
                _('the criterion "%(title)s" has no options.') % {"title": criterion.title[:80]},
            )

    def add(self, row: RawRow):
        level = self.level_of(row)
        if level == 3:
            return self.add_option(row)
        stars = self.stars_of(row)
        score_raw = row.score.strip()
        score = _number(score_raw)
        if score is not None and score < 0:
            self.refuse(row.number, _("a maximum cannot be negative."))
        title = _clean_title(row.title)
        if not title and level != 2:
            self.refuse(row.number, _("the title is empty."))
        if level == 0:
            self.add_part(row, title, score)
        elif level == 1:
            self.close_criterion()
            if not self.parts:
                self.refuse(row.number, _("a criteria group comes before any part (Phần A/B/C)."))
            if stars:
                self.note(row.number, _("a star marker on a group is ignored."))
            self.group = PGroup(row.number, title, row.description.strip(), score)
            self.parts[-1].groups.append(self.group)
            self.criterion = self.heading = self.case = None
        else:
            self.add_criterion(row, title, score, stars)

    def add_part(self, row, title, score):
        self.close_criterion()
        match = _PART_CODE.match(row.title)
        code = match.group(1).upper() if match else "ABCDEFGH"[min(len(self.parts), 7)]
        if any(p.code == code for p in self.parts):
            self.refuse(row.number, _("part %(code)s appears twice.") % {"code": code})
        if score is None:
            points = _PART_POINTS.search(row.title)
            if not points:
                self.refuse(row.number, _("the part has no maximum points."))
            score = Decimal(points.group(1))
            self.note(row.number, _("part maximum taken from the title (rule R8)."))
        clean = _PART_CODE.sub("", title)
        clean = _PART_POINTS.sub("", clean).strip(" .:-–") or title
        self.parts.append(PPart(row.number, code, clean, score))
        self.group = self.criterion = self.heading = self.case = None

    def add_criterion(self, row, title, score, stars):
        if self.group is None:
            self.refuse(row.number, _("a criterion comes before any criteria group."))
        dash = bool(_DASH.match(row.title))
        case_match = _CASE.match(title)
        previous = self.criterion
        if previous is not None and not previous.options and previous.opens_case:
            # R9: a case row without options heads the criteria of its case.
            if case_match:
                self.close_criterion()
            self.group.criteria.remove(previous)
            previous.case.criteria.remove(previous)
            self.heading = None
        elif previous is not None and not previous.options and not previous.implicit:
            if not dash:
                self.close_criterion()
            # R4: the previous row was a heading for these sub-criteria.
            self.group.criteria.remove(previous)
            if previous.case is not None:
                previous.case.criteria.remove(previous)
            self.heading = previous
            self.note(previous.row, _("criterion without options used as a heading for the rows below (rule R4)."))
        elif not dash:
            self.heading = None
        if case_match:
            self.case_open(row, case_match)
        elif dash:
            sub = _DASH.sub("", title)
            title = f"{self.heading.title} — {sub}" if self.heading is not None else sub
        if not title or _MARKER_ONLY.fullmatch(title):
            # "a)" alone: the criterion is the group's only subject, named after it.
            title = f"{title} {_GROUP_NUMBER.sub('', self.group.title)}".strip()
        self.criterion = PCriterion(
            row.number,
            title,
            row.description.strip(),
            score,
            stars,
            dash=dash,
            case=self.case,
            opens_case=bool(case_match),
        )
        self.group.criteria.append(self.criterion)
        if self.case is not None:
            self.case.criteria.append(self.criterion)

    # R9
    def case_open(self, row, match):
        number = int(match.group(1))
        label = match.group(2).strip(" .:-–") or _("case %(number)s") % {"number": number}
        if any(case.number == number for case in self.group.cases):
            self.refuse(
                row.number,
                _("the group “%(group)s” has case %(number)s twice.")
                % {"group": self.group.title[:80], "number": number},
            )
        self.case = PCase(row.number, number, label)
        self.group.cases.append(self.case)

    def add_option(self, row: RawRow):
        stars = self.stars_of(row)
        if self.group is None:
            self.refuse(row.number, _("an option comes before any criteria group."))
        label = _clean_title(row.title)
        if not label:
            self.refuse(row.number, _("the option has no label."))
        if self.criterion is None:
            # R3: options directly under a group.
            title = _GROUP_NUMBER.sub("", self.group.title) or self.group.title
            self.criterion = PCriterion(row.number, title, "", None, None, implicit=True, case=self.case)
            self.group.criteria.append(self.criterion)
            if self.case is not None:
                self.case.criteria.append(self.criterion)
            self.note(row.number, _("options directly under the group form one criterion named after it (rule R3)."))
        points = _number(row.score)
        if points is not None and points < 0:
            self.refuse(row.number, _("a score cannot be negative."))
        self.criterion.options.append(POption(row.number, label, points, row.score.strip(), stars))

    def finish(self) -> ParsedSheet:
        self.close_criterion()
        if not self.parts:
            self.refuse(None, _("no part (level 0 row) was found."))
        for part in self.parts:
            if not part.groups:
                self.refuse(part.row, _("part %(code)s has no criteria groups.") % {"code": part.code})
            for group in part.groups:
                if not group.criteria:
                    self.refuse(group.row, _("the group has no criteria."))
                for criterion in group.criteria:
                    self.fill_option_points(criterion)
                    self.fill_criterion_max(criterion, group)
                group_cases_check(self, group)
                self.fill_group_max(group)
            groups_total = sum((g.max_points for g in part.groups), Decimal(0))
            if groups_total != part.max_points:
                self.note(
                    part.row,
                    _("the groups of part %(code)s add up to %(sum)s of its %(max)s points (rule R8).")
                    % {"code": part.code, "sum": _fmt(groups_total), "max": _fmt(part.max_points)},
                )
        total = sum((p.max_points for p in self.parts), Decimal(0))
        if total != SHEET_TOTAL:
            self.refuse(self.parts[0].row, _("the parts add up to %(total)s points, not 100.") % {"total": _fmt(total)})
        choices = choices_build(self.parts)
        best_check(self, self.parts, choices)
        return ParsedSheet(
            parts=self.parts, warnings=sorted(self.warnings, key=lambda w: w["row"] or 0), choices=choices
        )

    # R2
    def fill_option_points(self, criterion: PCriterion):
        options = criterion.options
        for i, option in enumerate(options):
            if option.points is not None:
                continue
            before = options[i - 1].points if i > 0 else None
            after = options[i + 1].points if i + 1 < len(options) else None
            if before is not None and after is not None and after - before == 2:
                option.points = before + 1
                self.note(
                    option.row,
                    _('score "%(raw)s" read as %(points)s, between its neighbours (rule R2).')
                    % {"raw": option.raw_score, "points": _fmt(option.points)},
                )
            else:
                self.refuse(option.row, _('the score "%(raw)s" is not a number.') % {"raw": option.raw_score})

    # R3, R5, R6
    def fill_criterion_max(self, criterion: PCriterion, group: PGroup):
        best = max(o.points for o in criterion.options)
        if criterion.implicit:
            alone = len(group.criteria) == 1 and group.max_points is not None
            criterion.max_points = group.max_points if alone else best
            return
        if criterion.max_points is None:
            criterion.max_points = best
            self.note(
                criterion.row,
                _("the criterion has no maximum; its best option's %(points)s points are used (rule R5).")
                % {"points": _fmt(best)},
            )
        elif criterion.max_points != best:
            self.note(
                criterion.row,
                _(
                    "the criterion's maximum %(max)s differs from its best option (%(best)s); the maximum is kept (rule R6)."
                )
                % {"max": _fmt(criterion.max_points), "best": _fmt(best)},
            )

    def fill_group_max(self, group: PGroup):
        if group.max_points is None:
            group.max_points = group_max_from_criteria(group)
            self.note(group.row, _("the group has no maximum; the sum of its criteria is used (rule R5)."))


def sheet_parse(data: bytes, *, file_name: str) -> ParsedSheet:
    """Read and check a sheet file without touching the database. Raises SheetFileError."""
    builder = _Builder(file_name)
    for row in rows_read(data, file_name=file_name):
        builder.add(row)
    return builder.finish()
