"""Importing a score sheet from the official table (CSV or .xlsx with the columns
`title, description, level, stars, score`; see ../shared/ocop-criteria-148/README.md).

The file is read completely and checked before anything is written; the sheet is then
created in one transaction, so a refused file leaves nothing behind. Rows are numbered as a
spreadsheet shows them (the header is row 1).

How the irregularities of real transcriptions are handled (each use is recorded in
`ScoreSheet.warnings`, with its row):

R1  A `level` cell that is not 0–3 (a stray letter) is read from the title's shape: "Phần X…"
    → 0, "1. …" → 1, "a) …" or "- …" → 2, "□ …" → 3. If the title does not show it, the file
    is refused.
R2  An option whose `score` is not a number (a stray letter or empty) takes the value between
    its neighbours when the option before and the option after it in the same criterion differ
    by exactly 2 points (0, ?, 2 → 1). Otherwise the file is refused.
R3  Options placed directly under a group (no criterion row) form one criterion named after
    the group; its maximum is the group's when it is the group's only criterion, else its best
    option's points.
R4  A criterion row without options followed by rows starting with "-" is a heading: its title
    prefixes those sub-criteria ("a) Ngoại hình — Tạp chất") and its maximum is not counted. A
    criterion without options otherwise refuses the file.
R5  A criterion with an empty (or unreadable) maximum takes its best option's points; a group
    with an empty maximum takes the sum of its criteria.
R6  A criterion whose maximum differs from its best option keeps the maximum printed on the
    sheet (what the official sheet says); points come only from the ticked options, so a total
    can never go above the best options.
R7  The `stars` column (3, 4 or 5) marks what is required for that many stars. When it is empty
    or unreadable and the title carries a `***`–`*****` marker, the marker counts; an
    unreadable value without a marker refuses the file. Markers are removed from the titles.
R8  Parts keep the maximum printed on them (40 / 25 / 35); a part without a readable maximum
    takes the "(NN Điểm)" of its title or refuses the file. When a part's groups add up to less
    or more, the difference is noted. The parts together must make 100 points.
Refused: a file that is not UTF-8 CSV or .xlsx, a missing column, a row outside any part or
group, an option without a label, a negative score, a sheet already used by dossiers.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from registrations.models import CriteriaGroup, Criterion, Option, ScoreSheet, SheetPart

COLUMNS = ("title", "description", "level", "stars", "score")
MAX_FILE_BYTES = 5 * 1024 * 1024
SHEET_TOTAL = Decimal(100)

_BOX = re.compile(r"^[\s□☐■▢]+")
_STAR_RUN = re.compile(r"(?<!\*)\*{3,5}(?!\*)")
_ANY_STARS = re.compile(r"\*{3,}")
_PART_CODE = re.compile(r"^\s*phần\s+([a-z])\b", re.IGNORECASE)
_PART_POINTS = re.compile(r"\(\s*(\d+)\s*điểm\s*\)", re.IGNORECASE)
_GROUP_START = re.compile(r"^\s*\d+\s*[.)]")
_CRITERION_START = re.compile(r"^\s*([a-zđ]\s*\)|[-–])", re.IGNORECASE)
_DASH = re.compile(r"^\s*[-–]\s*")
_MARKER_ONLY = re.compile(r"[a-zđ]\s*\)", re.IGNORECASE)
_GROUP_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")


class SheetFileError(ApplicationError):
    """The file cannot be imported safely; the message names the file, the row and the problem."""

    def __init__(self, message, *, file_name, row=None):
        if row is None:
            text = _("%(file)s: %(problem)s") % {"file": file_name, "problem": message}
        else:
            text = _("%(file)s, row %(row)s: %(problem)s") % {"file": file_name, "row": row, "problem": message}
        super().__init__(text)
        self.row = row
        self.file_name = file_name


@dataclass
class RawRow:
    number: int
    title: str
    description: str
    level: str
    stars: str
    score: str


@dataclass
class POption:
    row: int
    label: str
    points: Decimal | None
    raw_score: str
    stars: int | None


@dataclass
class PCriterion:
    row: int
    title: str
    description: str
    max_points: Decimal | None
    stars: int | None
    options: list = field(default_factory=list)
    implicit: bool = False
    dash: bool = False


@dataclass
class PGroup:
    row: int
    title: str
    description: str
    max_points: Decimal | None
    criteria: list = field(default_factory=list)


@dataclass
class PPart:
    row: int
    code: str
    title: str
    max_points: Decimal
    groups: list = field(default_factory=list)


@dataclass
class ParsedSheet:
    parts: list
    warnings: list

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.parts), Decimal(0))


# --- Reading the file ---------------------------------------------------------------------------


def rows_read(data: bytes, *, file_name: str) -> list[RawRow]:
    """The file's rows as text, whatever the format (.xlsx by its signature, else CSV)."""
    if not data:
        raise SheetFileError(_("the file is empty."), file_name=file_name)
    if len(data) > MAX_FILE_BYTES:
        raise SheetFileError(_("the file is larger than 5 MB."), file_name=file_name)
    is_xlsx = data[:4] == b"PK\x03\x04"  # a zip: .xlsx
    table = _xlsx_rows(data, file_name=file_name) if is_xlsx else _csv_rows(data, file_name=file_name)
    if not table:
        raise SheetFileError(_("the file has no header row."), file_name=file_name)
    header = [str(cell or "").strip().lower() for cell in table[0][1]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise SheetFileError(
            _("the columns %(columns)s are missing (expected: %(expected)s).")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)},
            file_name=file_name,
            row=table[0][0],
        )
    index = {name: header.index(name) for name in COLUMNS}
    rows = []
    for number, cells in table[1:]:
        values = {name: _cell_text(cells[i] if i < len(cells) else None) for name, i in index.items()}
        if not any(values.values()):
            continue
        rows.append(RawRow(number=number, **values))
    if not rows:
        raise SheetFileError(_("the file has no rows under its header."), file_name=file_name)
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(data: bytes, *, file_name: str) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetFileError(_("the file is neither UTF-8 CSV nor an Excel .xlsx workbook."), file_name=file_name)
    if "\x00" in text:
        raise SheetFileError(_("the file is neither UTF-8 CSV nor an Excel .xlsx workbook."), file_name=file_name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        # Row numbers as a spreadsheet shows them: one per record, the header is row 1.
        return [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise SheetFileError(
            _("the CSV cannot be read (%(error)s).") % {"error": exc}, file_name=file_name, row=reader.line_num
        )


def _xlsx_rows(data: bytes, *, file_name: str) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any reading failure means the same to the user
        raise SheetFileError(_("the Excel workbook cannot be opened."), file_name=file_name)
    try:
        sheet = workbook.worksheets[0]
        return [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


# --- Building the tree ----------------------------------------------------------------------------


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
            self.criterion = self.heading = None
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
        self.group = self.criterion = self.heading = None

    def add_criterion(self, row, title, score, stars):
        if self.group is None:
            self.refuse(row.number, _("a criterion comes before any criteria group."))
        dash = bool(_DASH.match(row.title))
        previous = self.criterion
        if previous is not None and not previous.options and not previous.implicit:
            if not dash:
                self.close_criterion()
            # R4: the previous row was a heading for these sub-criteria.
            self.group.criteria.remove(previous)
            self.heading = previous
            self.note(previous.row, _("criterion without options used as a heading for the rows below (rule R4)."))
        elif not dash:
            self.heading = None
        if dash:
            sub = _DASH.sub("", title)
            title = f"{self.heading.title} — {sub}" if self.heading is not None else sub
        if not title or _MARKER_ONLY.fullmatch(title):
            # "a)" alone: the criterion is the group's only subject, named after it.
            title = f"{title} {_GROUP_NUMBER.sub('', self.group.title)}".strip()
        self.criterion = PCriterion(row.number, title, row.description.strip(), score, stars, dash=dash)
        self.group.criteria.append(self.criterion)

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
            self.criterion = PCriterion(row.number, title, "", None, None, implicit=True)
            self.group.criteria.append(self.criterion)
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
        return ParsedSheet(parts=self.parts, warnings=sorted(self.warnings, key=lambda w: w["row"] or 0))

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
        total = sum((c.max_points for c in group.criteria), Decimal(0))
        if group.max_points is None:
            group.max_points = total
            self.note(group.row, _("the group has no maximum; the sum of its criteria is used (rule R5)."))


def sheet_parse(data: bytes, *, file_name: str) -> ParsedSheet:
    """Read and check a sheet file without touching the database. Raises SheetFileError."""
    builder = _Builder(file_name)
    for row in rows_read(data, file_name=file_name):
        builder.add(row)
    return builder.finish()


# --- Saving -------------------------------------------------------------------------------------


def score_sheet_import(
    *, data: bytes, file_name: str, product_set, version, by=None, replace: bool = False, activate: bool = True
) -> ScoreSheet:
    """Import a score sheet for `product_set` in criteria `version`.

    Side effects: creates the sheet with its parts, groups, criteria and options in one
    transaction; with `activate`, makes it the sheet new dossiers of that product set use;
    with `replace`, deletes an earlier import of the same version and set (refused when
    dossiers use it). Raises SheetFileError / ApplicationError and writes nothing on failure."""
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
            max_points=parsed.max_points,
            warnings=parsed.warnings,
            imported_by=by,
        )
        _tree_save(sheet, parsed)
    return sheet


def _tree_save(sheet: ScoreSheet, parsed: ParsedSheet) -> None:
    parts = SheetPart.objects.bulk_create(
        SheetPart(sheet=sheet, code=p.code, title=p.title, max_points=p.max_points, position=i)
        for i, p in enumerate(parsed.parts)
    )
    groups, group_src = [], []
    for part, source in zip(parts, parsed.parts, strict=True):
        for i, g in enumerate(source.groups):
            groups.append(
                CriteriaGroup(part=part, title=g.title, description=g.description, max_points=g.max_points, position=i)
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
