"""Search that helps people: name matches first, typos forgiven, plain answers.

- `name_relevance`: how many of the query's words the product's *name* holds (the search itself
  also matches the producer, commune and former district); the catalogue orders by it, then
  stars, then newest, so "dong son" lists "Bưởi da xanh Đông Sơn" before "Chiếu cói … Đại Đồng"
  of a producer in Kim Sơn.
- `search_suggestion`: when the words find nothing, the closest words the registry's product
  names know ("nep nhug" → "nếp nhung"). On PostgreSQL the candidates come from the trigram
  index on the folded names (pg_trgm word similarity); on SQLite from names sharing a word's
  first letters. Each word is then replaced by the most similar word of the candidates.
- `empty_category`: the query names a category that has no certified product ("ruou": no
  spirits are certified) — the page says so rather than only "nothing found"."""

import difflib

from django.db import connection
from django.db.models import Case, IntegerField, Lookup, Q, Value, When
from django.db.models.expressions import RawSQL

from ocop_portal.text import fold, fold_terms
from products.models import Product, ProductSet

# Below this, a word is left as typed: "ruou" must not become "rau".
WORD_SIMILARITY = 0.75
CANDIDATES = 20


def name_relevance(query: str):
    """An expression: the number of words of `query` found in the folded product name."""
    terms = fold_terms(query)
    if not terms:
        return Value(0, output_field=IntegerField())
    expression = None
    for term in terms:
        part = Case(When(search_name__contains=term, then=Value(1)), default=Value(0), output_field=IntegerField())
        expression = part if expression is None else expression + part
    return expression


class WordSimilarTo(Lookup):
    """PostgreSQL's `query <% column` (pg_trgm): the query is similar to some stretch of the
    column; served by a GIN trigram index on the column."""

    lookup_name = "word_similar_to"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{rhs} <%% {lhs}", [*rhs_params, *lhs_params]


Product._meta.get_field("search_name").register_lookup(WordSimilarTo)


def _candidate_names(folded: str, terms: list[str]) -> list[str]:
    certified = Product.objects.certified()
    if connection.vendor == "postgresql":
        return list(
            certified.filter(search_name__word_similar_to=folded)
            .annotate(similarity=RawSQL("word_similarity(%s, search_name)", (folded,)))
            .order_by("-similarity", "pk")
            .values_list("name", flat=True)[:CANDIDATES]
        )
    condition = Q()
    for term in terms:
        condition |= Q(search_name__contains=term[:3])
    return list(certified.filter(condition).order_by("pk").values_list("name", flat=True)[: CANDIDATES * 10])


def search_suggestion(query: str) -> str:
    """The query with each unknown word replaced by the closest word of a product name, keeping
    that word's diacritics ("nep nhug" → "nếp nhung"); "" when nothing close enough exists."""
    terms = fold_terms(query)
    if not terms:
        return ""
    words: dict[str, str] = {}  # folded word → the word as written in a name
    for name in _candidate_names(" ".join(terms), terms):
        for word in name.split():
            words.setdefault(fold(word), word.lower())
    if not words:
        return ""
    corrected, changed = [], False
    for term in terms:
        if term in words:
            corrected.append(words[term])
            continue
        best = max(words, key=lambda w: (difflib.SequenceMatcher(None, term, w).ratio(), -abs(len(w) - len(term))))
        if difflib.SequenceMatcher(None, term, best).ratio() >= WORD_SIMILARITY:
            corrected.append(words[best])
            changed = True
        else:
            return ""
    return " ".join(corrected) if changed else ""


def empty_category(query: str, nodes: list[ProductSet]) -> str:
    """The name of a product set of the current scheme that the query's words name and that has
    no certified product, e.g. "Rượu trắng" for "ruou"; "" otherwise. `nodes`: the category
    tree (the catalogue's cached one), so only a matching set costs a query."""
    terms = fold_terms(query)
    if not terms:
        return ""
    for product_set in nodes:
        if not product_set.group.sector.scheme.is_current:
            continue
        folded = fold(product_set.name)
        if (
            all(term in folded for term in terms)
            and not Product.objects.certified().filter(product_set=product_set).exists()
        ):
            return product_set.label
    return ""
