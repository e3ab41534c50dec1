"""The producers' directory and a producer's page."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import get_language

from cooperatives.models import Cooperative
from ocop_portal.collation import vi_order
from ocop_portal.text import fold
from products.models import Product

from ..cache import generation_cached
from ..facets import FacetOption
from ..facets import ints as _ints
from .cards import CardList, clean_query, product_cards
from .catalogue import CountedPaginator, digest

DIRECTORY_PAGE_SIZE = 24


@dataclass
class DirectoryFilters:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    communes: list[int] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> "DirectoryFilters":
        kinds = set(Cooperative.Kind.values)
        return cls(
            q=clean_query(query.get("q", "")),
            kinds=sorted({k for k in query.getlist("kind") if k in kinds}),
            communes=_ints(query.getlist("commune")),
        )

    def key(self) -> str:
        """Names the filter's shared counts: the same for every page of it."""
        return digest(f"{fold(self.q)}|{','.join(self.kinds)}|{','.join(map(str, self.communes))}")

    @property
    def active(self) -> bool:
        return bool(self.q or self.kinds or self.communes)

    def conditions(self, *, skip: str = "") -> Q:
        condition = Q()
        if self.kinds and skip != "kind":
            condition &= Q(kind__in=self.kinds)
        if self.communes and skip != "commune":
            condition &= Q(commune_id__in=self.communes)
        return condition


def directory_page(filters: DirectoryFilters, *, page_number=1):
    """A page of active producers with their number of certified products, and facet counts
    by type and commune (each counted with the other filters applied). The number of matches
    and the counts are shared by every page of a filter until public data changes
    (generation_cached); a page then runs two queries."""
    base = Cooperative.objects.active()
    if filters.q:
        base = base.search(filters.q)
    summary = generation_cached(
        f"producers:summary:{get_language()}:{filters.key()}", lambda: _directory_summary(filters, base)
    )
    results = base.filter(filters.conditions()).select_related("commune").order_by(vi_order("name"), "pk")
    page = CountedPaginator(results, DIRECTORY_PAGE_SIZE, count=summary["count"]).get_page(page_number)
    ids = [cooperative.pk for cooperative in page.object_list]
    certified = dict(
        Product.objects.certified()
        .filter(cooperative_id__in=ids)
        .values("cooperative_id")
        .annotate(n=Count("*"))
        .values_list("cooperative_id", "n")
        .order_by()
    )
    for cooperative in page.object_list:
        cooperative.certified_count = certified.get(cooperative.pk, 0)
    return page, summary["facets"]


def _directory_summary(filters: DirectoryFilters, base) -> dict:
    """{"count": matches, "facets": {"kinds": options, "communes": options}} (three queries)."""
    kind_counts = dict(
        base.filter(filters.conditions(skip="kind"))
        .values("kind")
        .annotate(n=Count("*"))
        .values_list("kind", "n")
        .order_by()
    )
    commune_rows = (
        base.filter(filters.conditions(skip="commune"))
        .exclude(commune__isnull=True)
        .values("commune_id", "commune__name")
        .annotate(n=Count("*"))
        .order_by()
    )
    communes = sorted(
        (
            FacetOption(
                str(r["commune_id"]), r["commune__name"], r["n"], r["commune_id"] in filters.communes, param="commune"
            )
            for r in commune_rows
        ),
        key=lambda o: (-o.count, o.label),
    )
    facets = {
        "kinds": [
            FacetOption(value, str(label), kind_counts.get(value, 0), value in filters.kinds, param="kind")
            for value, label in Cooperative.Kind.choices
            if kind_counts.get(value) or value in filters.kinds
        ],
        "communes": communes,
    }
    return {"count": base.filter(filters.conditions()).count(), "facets": facets}


def producer_public(*, slug: str) -> Cooperative | None:
    return (
        Cooperative.objects.exclude(status=Cooperative.Status.DISSOLVED)
        .select_related("commune__province")
        .filter(slug=slug)
        .first()
    )


def producer_products(cooperative) -> CardList:
    """The producer's certified products, best-rated first: ids (the products are read only for
    the cards not yet rendered, showcase.selectors.cards.CardList)."""
    return CardList(
        product_cards().filter(cooperative=cooperative).order_by("-stars", "name").values_list("pk", flat=True)
    )
