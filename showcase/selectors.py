"""Reads of the public showcase. Every function here runs a fixed number of queries, whatever
the number of rows (the tests assert it)."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import QueryDict

from cooperatives.models import Cooperative
from products.models import Certificate, Product, ProductPhoto, ProductSet

from .models import Enquiry, ProductCode, normalise_code

PAGE_SIZE = 24
DIRECTORY_PAGE_SIZE = 24
SORTS = {
    "newest": ("-certified_at", "-pk"),
    "stars": ("-stars", "-certified_at", "-pk"),
    "name": ("name", "pk"),
}
DEFAULT_SORT = "newest"
MAX_QUERY_LENGTH = 100


def cover_photo_prefetch(lookup: str = "photos") -> Prefetch:
    """Only the first photo of each product (one query for any number of products)."""
    return Prefetch(lookup, queryset=ProductPhoto.objects.order_by("position", "pk")[:1], to_attr="cover_photos")


def product_cards():
    """Certified products with what a product card shows."""
    return (
        Product.objects.certified()
        .select_related("cooperative__commune")
        .only(
            "pk",
            "name",
            "slug",
            "stars",
            "certified_at",
            "price_min",
            "price_max",
            "unit",
            "cooperative__name",
            "cooperative__slug",
            "cooperative__commune__name",
        )
        .prefetch_related(cover_photo_prefetch())
    )


# --- Catalogue --------------------------------------------------------------------------------


def _ints(values, *, allowed=None) -> list[int]:
    result = []
    for value in values:
        if value.isdigit() and len(value) < 10 and (allowed is None or int(value) in allowed):
            result.append(int(value))
    return sorted(set(result))


@dataclass
class CatalogueFilters:
    """The catalogue's filters, read from the URL (so a filtered view can be shared)."""

    q: str = ""
    stars: list[int] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    sets: list[int] = field(default_factory=list)
    communes: list[int] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query: QueryDict) -> "CatalogueFilters":
        """Unknown or malformed values are ignored rather than answered with an error."""
        kinds = set(Cooperative.Kind.values)
        sort = query.get("sort", DEFAULT_SORT)
        return cls(
            q=" ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH],
            stars=_ints(query.getlist("stars"), allowed={3, 4, 5}),
            sectors=_ints(query.getlist("sector")),
            groups=_ints(query.getlist("group")),
            sets=_ints(query.getlist("set")),
            communes=_ints(query.getlist("commune")),
            districts=sorted({d.strip()[:100] for d in query.getlist("district") if d.strip()}),
            kinds=sorted({k for k in query.getlist("kind") if k in kinds}),
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.stars
            or self.sectors
            or self.groups
            or self.sets
            or self.communes
            or self.districts
            or self.kinds
        )

    def conditions(self, *, skip: str = "", classification: Q | None = None) -> Q:
        condition = Q()
        if self.stars and skip != "stars":
            condition &= Q(stars__in=self.stars)
        if classification is not None and skip != "classification":
            condition &= classification
        if self.communes and skip != "commune":
            condition &= Q(cooperative__commune_id__in=self.communes)
        if self.districts and skip != "district":
            condition &= Q(cooperative__former_district__in=self.districts)
        if self.kinds and skip != "kind":
            condition &= Q(cooperative__kind__in=self.kinds)
        return condition


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    children: list["FacetOption"] = field(default_factory=list)
    param: str = ""

    @property
    def expanded(self) -> bool:
        """Children are offered once the option or one of them is chosen (drill-down)."""
        return _any_selected(self)


def _classification_condition(filters: CatalogueFilters, sets: list[ProductSet]) -> Q | None:
    """Sector, group and product set form one facet: the most specific choice in a branch wins
    (choosing "Food" then "Rice" narrows to rice); choices in different branches add up."""
    if not (filters.sectors or filters.groups or filters.sets):
        return None
    set_group = {s.pk: s.group_id for s in sets}
    group_sector = {s.group_id: s.group.sector_id for s in sets}
    narrowed_groups = {set_group[pk] for pk in filters.sets if pk in set_group}
    groups = [pk for pk in filters.groups if pk not in narrowed_groups]
    narrowed_sectors = {group_sector[pk] for pk in [*groups, *narrowed_groups] if pk in group_sector}
    sectors = [pk for pk in filters.sectors if pk not in narrowed_sectors]
    condition = Q(pk__in=[])
    if filters.sets:
        condition |= Q(product_set_id__in=filters.sets)
    if groups:
        condition |= Q(product_set__group_id__in=groups)
    if sectors:
        condition |= Q(product_set__group__sector_id__in=sectors)
    return condition


def _grouped(queryset, condition: Q, *fields):
    return queryset.filter(condition).values(*fields).annotate(n=Count("*")).order_by()


def _classification_nodes(filters: CatalogueFilters) -> list[ProductSet]:
    """The product sets that have certified products or were chosen, with group and sector."""
    chosen = Q(pk__in=filters.sets) | Q(group_id__in=filters.groups) | Q(group__sector_id__in=filters.sectors)
    used = Product.objects.certified().values("product_set_id")
    return list(
        ProductSet.objects.filter(Q(pk__in=used) | chosen)
        .select_related("group__sector")
        .order_by("-group__sector__scheme__is_current", "group__sector__position", "group__position", "position")
    )


def _classification_facet(filters: CatalogueFilters, sets: list[ProductSet], counts: dict[int, int]):
    sectors: dict[int, FacetOption] = {}
    groups: dict[int, FacetOption] = {}
    group_sets: dict[int, list[FacetOption]] = {}
    for product_set in sets:
        group, sector = product_set.group, product_set.group.sector
        n = counts.get(product_set.pk, 0)
        if sector.pk not in sectors:
            sectors[sector.pk] = FacetOption(
                str(sector.pk), sector.label, 0, sector.pk in filters.sectors, param="sector"
            )
        if group.pk not in groups:
            groups[group.pk] = FacetOption(str(group.pk), group.label, 0, group.pk in filters.groups, param="group")
            sectors[sector.pk].children.append(groups[group.pk])
        sectors[sector.pk].count += n
        groups[group.pk].count += n
        group_sets.setdefault(group.pk, []).append(
            FacetOption(str(product_set.pk), product_set.label, n, product_set.pk in filters.sets, param="set")
        )
    for group_id, options in group_sets.items():
        # A group with a single set of the same meaning needs no third level.
        if len(options) > 1 or options[0].selected:
            groups[group_id].children = options
    return [option for option in sectors.values() if option.count or option.selected or _any_selected(option)]


def _any_selected(option: FacetOption) -> bool:
    return option.selected or any(_any_selected(child) for child in option.children)


def _prune(options: list[FacetOption]) -> list[FacetOption]:
    """Hide empty options that are not chosen, at every level."""
    kept = []
    for option in options:
        option.children = _prune(option.children)
        if option.count or _any_selected(option):
            kept.append(option)
    return kept


@dataclass
class CataloguePage:
    filters: CatalogueFilters
    page: object
    facets: dict


def catalogue_page(filters: CatalogueFilters, *, page_number=1) -> CataloguePage:
    """One page of certified products matching `filters`, with the facet counts (COUNT(*), so
    PostgreSQL can answer from an index alone where one covers the filters).

    Each facet counts the products that match every *other* filter, so choosing 4 stars
    still shows how many 3- and 5-star products there are. At most ten queries (five with no
    filter), whatever the number of rows."""
    sets = _classification_nodes(filters)
    classification = _classification_condition(filters, sets)

    base = Product.objects.certified()
    results = product_cards()
    if filters.q:
        base = base.search(filters.q)
        results = results.search(filters.q)
    results = results.filter(filters.conditions(classification=classification)).order_by(*SORTS[filters.sort])
    page = Paginator(results, PAGE_SIZE).get_page(page_number)

    def condition(skip):
        return filters.conditions(skip=skip, classification=classification)

    # Facets whose filters are not in use share one condition: such facets are counted by one
    # query (grouped by all their columns) instead of one each, i.e. fewer scans of the table.
    star_counts, set_counts = {}, {}
    if condition("stars") == condition("classification"):
        for row in _grouped(base, condition("stars"), "stars", "product_set_id"):
            star_counts[row["stars"]] = star_counts.get(row["stars"], 0) + row["n"]
            set_counts[row["product_set_id"]] = set_counts.get(row["product_set_id"], 0) + row["n"]
    else:
        star_counts = {r["stars"]: r["n"] for r in _grouped(base, condition("stars"), "stars")}
        set_counts = {
            r["product_set_id"]: r["n"] for r in _grouped(base, condition("classification"), "product_set_id")
        }

    # Producer facets: products counted per producer (no join), the producers' type, commune and
    # former district read once, then added up per facet in Python.
    per_producer: dict[str, dict[int, int]] = {}
    done: list[tuple[Q, dict[int, int]]] = []
    for facet in ("kind", "commune", "district"):
        facet_condition = condition(facet)
        found = next((counts for known, counts in done if known == facet_condition), None)
        if found is None:
            found = {r["cooperative_id"]: r["n"] for r in _grouped(base, facet_condition, "cooperative_id")}
            done.append((facet_condition, found))
        per_producer[facet] = found
    producer_ids = set().union(*(counts.keys() for counts in per_producer.values()))
    # Every producer's attributes in one plain read: cheaper than a long IN list of ids.
    producers = {
        row[0]: row[1:]
        for row in Cooperative.objects.values_list("pk", "kind", "commune_id", "commune__name", "former_district")
        if row[0] in producer_ids
    }
    kind_counts: dict[str, int] = {}
    commune_counts: dict[tuple[int, str], int] = {}
    district_counts: dict[str, int] = {}
    for producer_id, n in per_producer["kind"].items():
        kind = producers[producer_id][0]
        kind_counts[kind] = kind_counts.get(kind, 0) + n
    for producer_id, n in per_producer["commune"].items():
        _kind, commune_id, commune_name, _district = producers[producer_id]
        if commune_id:
            commune_counts[(commune_id, commune_name)] = commune_counts.get((commune_id, commune_name), 0) + n
    for producer_id, n in per_producer["district"].items():
        district = producers[producer_id][3]
        if district:
            district_counts[district] = district_counts.get(district, 0) + n

    communes = sorted(
        (
            FacetOption(str(code), name, n, code in filters.communes, param="commune")
            for (code, name), n in commune_counts.items()
        ),
        key=lambda o: (-o.count, o.label),
    )
    districts = sorted(
        (
            FacetOption(name, name, n, name in filters.districts, param="district")
            for name, n in district_counts.items()
        ),
        key=lambda o: o.label,
    )
    facets = {
        "stars": [
            FacetOption(str(n), str(n), star_counts.get(n, 0), n in filters.stars, param="stars") for n in (5, 4, 3)
        ],
        "classification": _prune(_classification_facet(filters, sets, set_counts)),
        "communes": communes,
        "districts": districts,
        "kinds": [
            FacetOption(value, label, kind_counts.get(value, 0), value in filters.kinds, param="kind")
            for value, label in Cooperative.Kind.choices
            if kind_counts.get(value) or value in filters.kinds
        ],
    }
    return CataloguePage(filters=filters, page=page, facets=facets)


# --- Product, QR and certificates -------------------------------------------------------------


def _product_for_public():
    return Product.objects.select_related(
        "cooperative__commune__province", "product_set__group__sector", "qr_code"
    ).prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "pk")),
        "quality_standards",
        Prefetch("certificates", queryset=Certificate.objects.order_by("-decision_date", "-pk")),
    )


def current_certificate(product) -> Certificate | None:
    """The certificate to show: the valid one if any, else the most recent (expired or
    revoked, shown as such). Uses the prefetched certificates."""
    certificates = list(product.certificates.all())
    for certificate in certificates:
        if certificate.effective_status == Certificate.Status.VALID:
            return certificate
    return certificates[0] if certificates else None


def product_public(*, slug: str) -> Product | None:
    """An on-sale product that has been OCOP-rated (its certificate may have lapsed since)."""
    product = _product_for_public().filter(slug=slug, status=Product.Status.ACTIVE).first()
    if product is None or not product.certificates.all():
        return None
    return product


def producer_other_products(product, *, limit: int = 4) -> list[Product]:
    return list(product_cards().filter(cooperative_id=product.cooperative_id).exclude(pk=product.pk)[:limit])


def product_for_code(code: str) -> Product | None:
    """The product behind a QR code, whatever has happened to it since the label was printed
    (renamed, re-rated, certificate expired or revoked, withdrawn from sale); not a draft."""
    product_id = ProductCode.objects.filter(code=normalise_code(code)).values_list("product_id", flat=True).first()
    if product_id is None:
        return None
    return _product_for_public().exclude(status=Product.Status.DRAFT).filter(pk=product_id).first()


def certificates_lookup(query: str) -> list[Certificate]:
    """Certificates whose product code or decision number is `query` (case-insensitive;
    "QD" typed for "QĐ" is accepted). A decision may certify several products."""
    query = " ".join(query.split())
    if not query:
        return []
    variants = {query, query.upper().replace("QD", "QĐ")}
    condition = Q()
    for variant in variants:
        condition |= Q(product_code__iexact=variant) | Q(decision_number__iexact=variant)
    return list(
        Certificate.objects.filter(condition)
        .select_related("product__cooperative__commune")
        .order_by("-decision_date", "-pk")[:50]
    )


# --- Producers --------------------------------------------------------------------------------


@dataclass
class DirectoryFilters:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    communes: list[int] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> "DirectoryFilters":
        kinds = set(Cooperative.Kind.values)
        return cls(
            q=" ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH],
            kinds=sorted({k for k in query.getlist("kind") if k in kinds}),
            communes=_ints(query.getlist("commune")),
        )

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
    by type and commune (each counted with the other filters applied). Five queries."""
    base = Cooperative.objects.active()
    if filters.q:
        base = base.search(filters.q)
    results = base.filter(filters.conditions()).select_related("commune").order_by("name", "pk")
    page = Paginator(results, DIRECTORY_PAGE_SIZE).get_page(page_number)
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
            FacetOption(value, label, kind_counts.get(value, 0), value in filters.kinds, param="kind")
            for value, label in Cooperative.Kind.choices
            if kind_counts.get(value) or value in filters.kinds
        ],
        "communes": communes,
    }
    return page, facets


def producer_public(*, slug: str) -> Cooperative | None:
    return (
        Cooperative.objects.exclude(status=Cooperative.Status.DISSOLVED)
        .select_related("commune__province")
        .filter(slug=slug)
        .first()
    )


def producer_products(cooperative) -> list[Product]:
    return list(product_cards().filter(cooperative=cooperative).order_by("-stars", "name"))


# --- The cooperative's space ------------------------------------------------------------------


def space_enquiries(*, cooperative, status: str = ""):
    """The cooperative's enquiries, newest first, with their product (one query per page)."""
    enquiries = Enquiry.objects.filter(cooperative=cooperative).select_related("product")
    return enquiries.filter(status=status) if status else enquiries


def space_enquiry_counts(*, cooperative) -> dict[str, int]:
    """How many of the cooperative's enquiries are in each status."""
    return dict(
        Enquiry.objects.filter(cooperative=cooperative)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
