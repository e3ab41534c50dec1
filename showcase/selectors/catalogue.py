"""The catalogue: filters read from the URL, one page of product cards and the facet counts."""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import get_language

from ocop_portal.collation import vi_order
from ocop_portal.text import fold
from products.models import Product

from ..cache import generation_cached
from ..facets import FacetContext, catalogue_facets
from ..search import empty_category, name_relevance, search_suggestion
from .cards import CardList, classification_nodes, clean_query

PAGE_SIZE = 24
SORTS = {
    "newest": ("-certified_at", "-pk"),
    "stars": ("-stars", "-certified_at", "-pk"),
    "name": (vi_order("name"), "pk"),
    "relevance": (),  # searches only: name matches first, then stars, then newest
}
DEFAULT_SORT = "newest"


@dataclass
class CatalogueFilters:
    """The catalogue's filters, read from the URL (so a filtered view can be shared): the search
    words, the sort and each facet's values ({facet key: values}, see showcase.facets)."""

    q: str = ""
    values: dict = field(default_factory=dict)
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query: QueryDict) -> "CatalogueFilters":
        """Unknown or malformed values are ignored rather than answered with an error."""
        q = clean_query(query.get("q", ""))
        sort = query.get("sort", "")
        if sort not in SORTS or (sort == "relevance" and not q):
            sort = "relevance" if q else DEFAULT_SORT
        return cls(q=q, values={facet.key: facet.parse(query) for facet in catalogue_facets()}, sort=sort)

    @property
    def active(self) -> bool:
        return bool(self.q or any(_filled(v) for v in self.values.values()))

    def facet_key(self) -> str:
        """What the facet counts depend on: the words and the facet values, not sort or page."""
        raw = json.dumps([fold(self.q), sorted(self.values.items())], ensure_ascii=False, default=list)
        return hashlib.sha256(raw.encode()).hexdigest()

    def conditions(self, context: FacetContext, *, skip: str = "") -> Q:
        condition = Q()
        for facet in catalogue_facets():
            values = self.values.get(facet.key)
            if facet.key != skip and _filled(values):
                narrowed = facet.condition(values, context)
                if narrowed is not None:
                    condition &= narrowed
        return condition


def _filled(values) -> bool:
    return bool(values) and any(bool(v) if isinstance(v, list) else True for v in values)


def _facet_counts(filters: CatalogueFilters, base, context: FacetContext) -> dict:
    """{facet key: options}. Facets whose conditions (their own filter left out) are the same and
    whose count_group matches share one grouped query; a facet without a column counts itself."""
    facets = catalogue_facets()
    conditions = {facet.key: filters.conditions(context, skip=facet.key) for facet in facets}
    shared: dict[tuple, list] = {}
    for facet in facets:
        if facet.column:
            shared.setdefault((conditions[facet.key], facet.count_group or facet.column), []).append(facet)
    counts: dict[str, dict] = {}
    for (condition, _group), members in shared.items():
        columns = list(dict.fromkeys(facet.column for facet in members))
        rows = base.filter(condition).values(*columns).annotate(n=Count("*")).order_by()
        for facet in members:
            counts[facet.key] = {}
        for row in rows:
            for facet in members:
                value = row[facet.column]
                counts[facet.key][value] = counts[facet.key].get(value, 0) + row["n"]
    options = {}
    for facet in facets:
        if not facet.column:
            counts[facet.key] = facet.count(base.filter(conditions[facet.key]), context)
        options[facet.key] = facet.options(filters.values.get(facet.key) or [], counts[facet.key], context)
    return options


@dataclass
class FacetPanel:
    """A facet and its options, as the template shows it."""

    facet: object
    options: list

    @property
    def shown(self):
        first = self.facet.show_first
        return self.options if first is None else self.options[:first]

    @property
    def more(self):
        first = self.facet.show_first
        return [] if first is None else self.options[first:]


@dataclass
class CataloguePage:
    filters: CatalogueFilters
    page: object
    facets: dict
    suggestion: str = ""  # the corrected query whose results are shown, when the words found nothing
    empty_category: str = ""  # a category the words name that has no certified product
    summary_key: str = ""  # names the cached counts (and the facet panel rendered from them)

    @property
    def panels(self) -> list[FacetPanel]:
        return [
            FacetPanel(facet, self.facets.get(facet.key) or [])
            for facet in catalogue_facets()
            if self.facets.get(facet.key)
        ]


def catalogue_page(filters: CatalogueFilters, *, page_number=1) -> CataloguePage:
    """One page of certified products matching `filters`, with the facet counts.

    The number of matches and the facet counts are computed once per (filters, language, cache
    generation) and shared by every page and sort of that filter (`_summary`); on a miss, the
    facets sharing a condition are counted by one grouped query (COUNT(*) over a covering
    index). The page itself reads 24 ids in order from an index, then those products' cards.
    A search that finds nothing is retried with the closest words the registry knows
    (`suggestion`). A fixed number of queries, whatever the number of rows."""
    context = FacetContext(classification_nodes)
    query, suggestion = filters.q, ""
    summary = _summary(filters, context, query)
    if query and not summary["count"] and not any(_filled(v) for v in filters.values.values()):
        corrected = generation_cached(f"catalogue:suggestion:{digest(fold(query))}", lambda: search_suggestion(query))
        if corrected:
            corrected_summary = _summary(filters, context, corrected)
            if corrected_summary["count"]:
                query, suggestion, summary = corrected, corrected, corrected_summary
    page = _results_page(filters, context, query, page_number, count=summary["count"])
    return CataloguePage(
        summary_key=_summary_key(filters, query),
        filters=filters,
        page=page,
        facets=summary["facets"],
        suggestion=suggestion,
        empty_category=empty_category(query, context.nodes) if query and not summary["count"] else "",
    )


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class CountedPaginator(Paginator):
    """A paginator told the number of rows (from the cached summary): no COUNT query."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def _results_page(filters, context, query, page_number, *, count: int):
    """The page's ids in order (from an index, a narrow row) as a CardList: the products of
    those 24 are read only for the cards not yet rendered, and a deep page never joins
    producers and communes for the rows it skips."""
    ids = Product.objects.certified()
    if query:
        ids = ids.search(query)
    ids = ids.filter(filters.conditions(context))
    if filters.sort == "relevance" and query:
        ids = ids.annotate(relevance=name_relevance(query)).order_by("-relevance", *SORTS["stars"])
    else:
        ids = ids.order_by(*SORTS[filters.sort if filters.sort != "relevance" else DEFAULT_SORT])
    page = CountedPaginator(ids.values_list("pk", flat=True), PAGE_SIZE, count=count).get_page(page_number)
    page.object_list = CardList(page.object_list)
    return page


def _summary(filters, context, query) -> dict:
    """{"count": matches, "facets": {key: options}} for `filters` with the words `query`."""

    def compute():
        base = Product.objects.certified()
        if query:
            base = base.search(query)
        return {
            "count": base.filter(filters.conditions(context)).count(),
            "facets": _facet_counts(filters, base, context),
        }

    return generation_cached(f"catalogue:summary:{_summary_key(filters, query)}", compute)


def _summary_key(filters, query) -> str:
    return f"{get_language()}:{filters.facet_key()}:{digest(fold(query))}"
