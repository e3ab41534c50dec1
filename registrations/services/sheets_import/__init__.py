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

The package follows the import's steps: `reading` (file → rows of text), `building` (rows →
the sheet's tree, rules R1–R8), `saving` (the tree → the database, in one transaction);
`tree` holds the parsed shapes and `errors` the one error type.
"""

from .building import sheet_parse
from .errors import SheetFileError
from .reading import COLUMNS, rows_read
from .saving import score_sheet_import

__all__ = ["COLUMNS", "SheetFileError", "rows_read", "score_sheet_import", "sheet_parse"]
