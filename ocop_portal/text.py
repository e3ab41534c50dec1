"""Folding text for search that ignores case and Vietnamese diacritics."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# `đ` has no decomposition in Unicode, so NFD leaves it alone: map it by hand.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def fold(text: str | None) -> str:
    """Lower-case `text`, drop combining marks, map đ/Đ to d and squeeze whitespace.

    fold("Nếp nhung lùn") == "nep nhung lun"; fold("ĐẠI HOÀNG") == "dai hoang".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def fold_terms(query: str | None) -> list[str]:
    """The folded words of a search box entry, without empty ones."""
    return [term for term in fold(query).split(" ") if term]


def search_filter(field: str, query: str | None):
    """A Q object that matches rows whose folded `field` contains every folded word of `query`."""
    from django.db.models import Q

    condition = Q()
    for term in fold_terms(query):
        condition &= Q(**{f"{field}__contains": term})
    return condition


def format_thousands(number: int) -> str:
    """1234567 → "1.234.567" (Vietnamese grouping, whatever the interface language)."""
    return f"{int(number):,}".replace(",", ".")


def format_vnd(amount: int | None) -> str:
    """150000 → "150.000 ₫" (a no-break space keeps the sign with its number); "" for nothing."""
    return "" if amount is None else format_thousands(amount) + "\u00a0₫"


def unique_slug(model, text: str, *, exclude_pk=None, field: str = "slug", fallback: str = "muc") -> str:
    """A slug made from the folded `text` ("Nếp nhung lùn" → "nep-nhung-lun"), suffixed -2, -3…
    when another `model` row already has it. Chosen once; a public address never changes."""
    from django.utils.text import slugify

    max_length = model._meta.get_field(field).max_length
    base = (slugify(fold(text)) or fallback)[: max_length - 4].strip("-") or fallback
    taken = model._default_manager.filter(**{f"{field}__startswith": base})
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list(field, flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
