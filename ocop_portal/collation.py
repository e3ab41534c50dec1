"""Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.

On PostgreSQL names are ordered with the ICU collation `vi-x-icu` (made sure of by migration
ocop_portal 0005). SQLite has no ICU: the same name is registered on every SQLite connection as
a Python collation comparing `vi_sort_key`, which gives the same order, so `vi_order("name")`
works on both. Python-side sorting (facet options) uses `vi_sort_key` directly."""

import unicodedata

from django.db.models.functions import Collate

COLLATION = "vi-x-icu"

# Letters in Vietnamese order (f, j, w, z from loanwords in their Latin places).
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_RANK = {letter: chr(0x100 + n) for n, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: they make letters
# Tones weigh only when the letters are equal, in the order a à ả ã á ạ.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def vi_sort_key(text: str | None) -> str:
    """A string whose plain ordering is the Vietnamese dictionary order of `text`: letters first
    (case and tones ignored), then tones, then case."""
    if not text:
        return ""
    letters: list[list[str]] = []  # [base + letter marks, tone]
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _LETTER_MARKS and letters:
            letters[-1][0] += ch
        elif ch in _TONES and letters:
            letters[-1][1] = _TONES[ch]
        elif unicodedata.combining(ch):
            continue
        else:
            letters.append([ch, "0"])
    primary = "".join(_RANK.get(unicodedata.normalize("NFC", base), base) for base, _tone in letters)
    tones = "".join(tone for _base, tone in letters)
    return f"{primary}\x00{tones}\x00{text}"


def _compare(left: str, right: str) -> int:
    a, b = vi_sort_key(left), vi_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created receiver: the `vi-x-icu` collation on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def vi_order(field: str) -> Collate:
    """`field` in Vietnamese order, for order_by() (ascending; `.desc()` for the reverse)."""
    return Collate(field, COLLATION)
