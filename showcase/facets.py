"""The catalogue's facets, declared as objects, and the extension point other apps use.

A facet reads its values from the URL (`parse`), narrows the products (`condition`) and lists
its options with counts (`options`). Each facet counts the products that match every *other*
filter, so choosing 4 stars still shows how many 3- and 5-star products there are.

Counting is shared: facets that count by a column of the products table (`column`) and whose
conditions are the same once their own filter is left out are answered by one grouped query
(`count_group` says which columns may be grouped together). A facet with no column counts
itself (`count`). The result of a whole facet panel is cached per filters, language and cache
generation (showcase.selectors.catalogue_page), so every page and sort of a filter shares it.

An app adds a facet with `register_facet(MyFacet())` in its AppConfig.ready() (salescentre
adds "available at the sales centre")."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative
from ocop_portal.collation import vi_sort_key


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
        return any_selected(self)


def any_selected(option: FacetOption) -> bool:
    return option.selected or any(any_selected(child) for child in option.children)


def ints(values, *, allowed=None) -> list[int]:
    """The whole numbers among URL values, sorted, without repeats (others are ignored)."""
    result = []
    for value in values:
        if value.isdigit() and len(value) < 10 and (allowed is None or int(value) in allowed):
            result.append(int(value))
    return sorted(set(result))


class Facet:
    """One facet of the catalogue. Subclasses set the attributes and override what differs."""

    key = ""  # the facet's name (context, cache key, `skip`)
    params: tuple[str, ...] = ()  # the URL parameters it reads
    title = ""
    column: str | None = None  # a products column counted by the shared grouped query
    count_group = ""  # facets with the same count_group (default: their column) share a query
    show_first: int | None = None  # options shown before a "more" disclosure
    stars_label = False
    position = 100

    def parse(self, query: QueryDict) -> list:
        return ints(query.getlist(self.params[0]))

    def condition(self, values: list, context: "FacetContext") -> Q | None:
        raise NotImplementedError

    def options(self, values: list, counts: dict, context: "FacetContext") -> list[FacetOption]:
        raise NotImplementedError

    def count(self, queryset, context: "FacetContext") -> dict:
        """Counts for a facet with no `column`: {value: n}."""
        raise NotImplementedError

    def more_label(self, hidden: int) -> str:
        return ""


class FacetContext:
    """What several facets need, read at most once per request: the classification tree and the
    attributes of the producers being counted."""

    def __init__(self, classification_nodes):
        self._nodes_loader = classification_nodes
        self._nodes = None
        self.producers: dict[int, tuple] = {}

    @property
    def nodes(self):
        if self._nodes is None:
            self._nodes = self._nodes_loader()
        return self._nodes

    def load_producers(self, ids) -> None:
        """Type, commune and former district of the producers `ids` (an index lookup by key)."""
        missing = [pk for pk in ids if pk not in self.producers]
        if missing:
            for row in Cooperative.objects.filter(pk__in=missing).values_list(
                "pk", "kind", "commune_id", "commune__name", "former_district"
            ):
                self.producers[row[0]] = row[1:]


# --- The built-in facets -----------------------------------------------------------------------


class StarsFacet(Facet):
    key, params, title, column, count_group, stars_label, position = (
        "stars",
        ("stars",),
        _("OCOP rating"),
        "stars",
        "product",
        True,
        10,
    )

    def parse(self, query):
        return ints(query.getlist("stars"), allowed={3, 4, 5})

    def condition(self, values, context):
        return Q(stars__in=values) if values else None

    def options(self, values, counts, context):
        return [FacetOption(str(n), str(n), counts.get(n, 0), n in values, param="stars") for n in (5, 4, 3)]


class ClassificationFacet(Facet):
    """Sector, group and product set form one facet: the most specific choice in a branch wins
    (choosing "Food" then "Rice" narrows to rice); choices in different branches add up. The
    condition is always `product_set_id IN (…)`: no join to groups and sectors."""

    key, params, title, column, count_group, position = (
        "classification",
        ("sector", "group", "set"),
        _("Category"),
        "product_set_id",
        "product",
        20,
    )

    def parse(self, query):
        return [ints(query.getlist(param)) for param in self.params]

    def condition(self, values, context):
        sectors, groups, sets = values
        if not (sectors or groups or sets):
            return None
        nodes = context.nodes
        set_group = {s.pk: s.group_id for s in nodes}
        group_sector = {s.group_id: s.group.sector_id for s in nodes}
        narrowed_groups = {set_group[pk] for pk in sets if pk in set_group}
        groups = {pk for pk in groups if pk not in narrowed_groups}
        narrowed_sectors = {group_sector[pk] for pk in [*groups, *narrowed_groups] if pk in group_sector}
        sectors = {pk for pk in sectors if pk not in narrowed_sectors}
        chosen = {s.pk for s in nodes if s.pk in sets or s.group_id in groups or s.group.sector_id in sectors} | set(
            sets
        )
        return Q(product_set_id__in=sorted(chosen))

    def options(self, values, counts, context):
        sectors_chosen, groups_chosen, sets_chosen = values
        sectors: dict[int, FacetOption] = {}
        groups: dict[int, FacetOption] = {}
        group_sets: dict[int, list[FacetOption]] = {}
        for product_set in context.nodes:
            group, sector = product_set.group, product_set.group.sector
            n = counts.get(product_set.pk, 0)
            if sector.pk not in sectors:
                sectors[sector.pk] = FacetOption(
                    str(sector.pk), sector.label, 0, sector.pk in sectors_chosen, param="sector"
                )
            if group.pk not in groups:
                groups[group.pk] = FacetOption(str(group.pk), group.label, 0, group.pk in groups_chosen, param="group")
                sectors[sector.pk].children.append(groups[group.pk])
            sectors[sector.pk].count += n
            groups[group.pk].count += n
            group_sets.setdefault(group.pk, []).append(
                FacetOption(str(product_set.pk), product_set.label, n, product_set.pk in sets_chosen, param="set")
            )
        for group_id, options in group_sets.items():
            # A group with a single set of the same meaning needs no third level.
            if len(options) > 1 or options[0].selected:
                groups[group_id].children = options
        return _prune(list(sectors.values()))


def _prune(options: list[FacetOption]) -> list[FacetOption]:
    """Hide empty options that are not chosen, at every level."""
    kept = []
    for option in options:
        option.children = _prune(option.children)
        if option.count or any_selected(option):
            kept.append(option)
    return kept


class ProducerFacet(Facet):
    """A facet on the producer's attributes: products counted per producer (no join), then added
    up per attribute from the producers' rows (read by key, once per request)."""

    column = "cooperative_id"
    lookup = ""  # the products' lookup of the attribute

    def attribute(self, producer: tuple):
        raise NotImplementedError

    def condition(self, values, context):
        return Q(**{f"{self.lookup}__in": values}) if values else None

    def totals(self, counts, context) -> dict:
        context.load_producers(counts)
        totals: dict = {}
        for producer_id, n in counts.items():
            value = self.attribute(context.producers[producer_id])
            if value:
                totals[value] = totals.get(value, 0) + n
        return totals


class KindFacet(ProducerFacet):
    key, params, title, lookup, position = ("kinds", ("kind",), _("Producer type"), "cooperative__kind", 30)

    def parse(self, query):
        kinds = set(Cooperative.Kind.values)
        return sorted({k for k in query.getlist("kind") if k in kinds})

    def attribute(self, producer):
        return producer[0]

    def options(self, values, counts, context):
        totals = self.totals(counts, context)
        return [
            FacetOption(value, label, totals.get(value, 0), value in values, param="kind")
            for value, label in Cooperative.Kind.choices
            if totals.get(value) or value in values
        ]


class CommuneFacet(ProducerFacet):
    key, params, title, lookup, show_first, position = (
        "communes",
        ("commune",),
        _("Commune / ward"),
        "cooperative__commune_id",
        8,
        40,
    )

    def attribute(self, producer):
        return (producer[1], producer[2]) if producer[1] else None

    def options(self, values, counts, context):
        return sorted(
            (
                FacetOption(str(code), name, n, code in values, param="commune")
                for (code, name), n in self.totals(counts, context).items()
            ),
            key=lambda o: (-o.count, vi_sort_key(o.label)),
        )

    def more_label(self, hidden):
        from django.utils.translation import ngettext

        return ngettext("%(count)s more commune", "%(count)s more communes", hidden) % {"count": hidden}


class DistrictFacet(ProducerFacet):
    key, params, title, lookup, position = (
        "districts",
        ("district",),
        _("Former district (before 2025)"),
        "cooperative__former_district",
        50,
    )

    def parse(self, query):
        return sorted({d.strip()[:100] for d in query.getlist("district") if d.strip()})

    def attribute(self, producer):
        return producer[3]

    def options(self, values, counts, context):
        return sorted(
            (
                FacetOption(name, name, n, name in values, param="district")
                for name, n in self.totals(counts, context).items()
            ),
            key=lambda o: vi_sort_key(o.label),
        )


class FlagFacet(Facet):
    """A yes/no facet (`?param=1`) counted by its own query: one checkbox with its count."""

    label = ""

    def parse(self, query):
        return ["1"] if query.get(self.params[0]) == "1" else []

    def options(self, values, counts, context):
        n = counts.get("1", 0)
        if not n and not values:
            return []
        return [FacetOption("1", str(self.label), n, bool(values), param=self.params[0])]


_FACETS: list[Facet] = [StarsFacet(), ClassificationFacet(), KindFacet(), CommuneFacet(), DistrictFacet()]


def register_facet(facet: Facet) -> None:
    """Add a facet to the catalogue (from an app's AppConfig.ready(); a key registers once)."""
    if any(known.key == facet.key for known in _FACETS):
        return
    if not facet.key or any(param in known.params for known in _FACETS for param in facet.params):
        raise ValueError(f"facet {facet.key!r}: a key and URL parameters of its own are needed")
    _FACETS.append(facet)
    _FACETS.sort(key=lambda f: f.position)


def catalogue_facets() -> list[Facet]:
    return list(_FACETS)
