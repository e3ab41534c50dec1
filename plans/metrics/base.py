"""The metric registry: each metric is one documented selector with a Vietnamese name, a unit,
the value it reaches in a period, its value month by month, a breakdown, and the list of the
records it counts (the drill-down). Targets name metrics by their stable code.

A record belongs to a period [start, end] (dates, inclusive) by the date the metric names in its
description. A metric whose data does not exist yet (a capability not built) returns None: the
dashboard shows "no data", never a wrong zero."""

import dataclasses
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salescentre.selectors import month_starts

COUNT, PERCENT, VND, YESNO = "count", "percent", "vnd", "yesno"

GROUPS = {
    "registry": _("Cooperatives joining OCOP"),
    "certificates": _("Certified products"),
    "trainings": _("Trainings"),
    "trade": _("Trade promotion"),
    "support": _("Support to cooperatives"),
    "news": _("News and exemplary stories"),
    "salescentre": _("Sales centre"),
}

# Breakdowns a metric may offer, with the path of each record's cooperative or sector.
AREA_BREAKDOWNS = ("commune", "district")


@dataclasses.dataclass(frozen=True)
class Scope:
    """The dashboard's filters: a sector (pk), a commune (official code) or a former district."""

    sector: int | None = None
    commune: int | None = None
    district: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.sector or self.commune or self.district)

    def cooperative_q(self, path: str) -> Q:
        """The filter on the cooperative reached by `path` ("cooperative", "product__cooperative")."""
        q = Q()
        if self.commune:
            q &= Q(**{f"{path}__commune_id": self.commune})
        if self.district:
            q &= Q(**{f"{path}__former_district__iexact": self.district})
        if self.sector and path:
            from products.models import Product

            with_sector = Product.objects.filter(product_set__group__sector_id=self.sector).values("cooperative_id")
            q &= Q(**{f"{path}__in": with_sector})
        return q

    def cooperatives(self):
        """The cooperatives in scope (a queryset), or None when nothing is filtered."""
        if self.is_empty:
            return None
        from cooperatives.models import Cooperative

        q = Q()
        if self.commune:
            q &= Q(commune_id=self.commune)
        if self.district:
            q &= Q(former_district__iexact=self.district)
        if self.sector:
            from products.models import Product

            q &= Q(pk__in=Product.objects.filter(product_set__group__sector_id=self.sector).values("cooperative_id"))
        return Cooperative.objects.filter(q)


@dataclasses.dataclass(frozen=True)
class Column:
    label: str
    value: Callable
    link: Callable | None = None


@dataclasses.dataclass(frozen=True)
class Metric:
    """One metric. Subclasses say how to count; `value`, `monthly`, `breakdown` and `records`
    each run a fixed number of queries whatever the data size."""

    code: str
    name: str
    description: str
    group: str
    unit: str = COUNT
    scoped: bool = True  # whether the sector / area filters apply
    breakdowns: tuple = ()

    def value(self, *, start, end, scope: Scope) -> Decimal | int | None:
        raise NotImplementedError

    def monthly(self, *, start, end, scope: Scope) -> list[tuple[datetime.date, int]] | None:
        """The value reached at the end of each month of the period (cumulative), or None."""
        return None

    def breakdown(self, *, start, end, scope: Scope, by: str) -> list[tuple[str, int]] | None:
        return None

    def records(self, *, start, end, scope: Scope) -> list:
        return []

    def columns(self) -> list[Column]:
        return [Column(pgettext_lazy("metric", "Record"), str)]


def _date_filter(field: str, is_datetime: bool, start, end) -> Q:
    """[start, end] (local days, inclusive) on a date or datetime field; a datetime is compared
    with the local midnights around the days (not through `__date`), so its index is used."""
    if not is_datetime:
        return Q(**{f"{field}__gte": start, f"{field}__lte": end})
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    upper = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return Q(**{f"{field}__gte": lower, f"{field}__lt": upper})


def _day(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands a raw query's dates back as text
        return datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def cumulative(firsts, start, end) -> list[tuple[datetime.date, int]]:
    """[(first day of month, records counted by the end of that month)] from the first dates."""
    return cumulative_counts(((day, 1) for day in firsts), start, end)


def cumulative_counts(day_counts, start, end) -> list[tuple[datetime.date, int]]:
    """The same from (day, number of records first dated that day) pairs."""
    months = month_starts(start, end)
    counts = dict.fromkeys(months, 0)
    for day, n in day_counts:
        day = _day(day)
        if day is None:
            continue
        month = day.replace(day=1)
        if month in counts:
            counts[month] += n
    running, result = 0, []
    for month in months:
        running += counts[month]
        result.append((month, running))
    return result


@dataclasses.dataclass(frozen=True)
class QuerysetMetric(Metric):
    """Counts the distinct `key` of the records `rows(start, end)` returns. `date_field` dates
    each record (for the monthly curve); `cooperative_path` and `sector_path` lead to the
    record's cooperative and sector (for the filters and the breakdowns)."""

    rows: Callable = None  # (start, end) -> QuerySet
    key: str = "pk"
    date_field: str | None = None
    date_is_datetime: bool = False
    cooperative_path: str = "cooperative"
    sector_path: str | None = None
    select: tuple = ()
    record_columns: Callable | None = None  # () -> list[Column]
    ordering: tuple = ("-pk",)

    def queryset(self, *, start, end, scope: Scope) -> QuerySet:
        queryset = self.rows(start, end)
        if self.scoped and not scope.is_empty:
            q = Q()
            if scope.commune or scope.district:
                q &= Scope(commune=scope.commune, district=scope.district).cooperative_q(self.cooperative_path)
            if scope.sector:
                if self.sector_path:
                    q &= Q(**{self.sector_path: scope.sector})
                else:
                    q &= Scope(sector=scope.sector).cooperative_q(self.cooperative_path)
            queryset = queryset.filter(q)
        return queryset

    def value(self, *, start, end, scope):
        queryset = self.queryset(start=start, end=end, scope=scope)
        return queryset.aggregate(n=Count(self.key, distinct=True))["n"]

    def monthly(self, *, start, end, scope):
        if not self.date_field:
            return None
        queryset = self.queryset(start=start, end=end, scope=scope).order_by()
        # Each record's (local) day, counted per day in the database: a row per day, not per record.
        day = TruncDate(self.date_field) if self.date_is_datetime else F(self.date_field)
        if self.key == "pk":
            rows = queryset.annotate(first=day).values("first").annotate(n=Count("pk")).values_list("first", "n")
            return cumulative_counts(rows, start, end)
        firsts = queryset.values(self.key).annotate(first=Min(day)).values("first")
        sql, params = firsts.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT firsts.first, COUNT(*) FROM ({sql}) firsts GROUP BY firsts.first", params)  # noqa: S608 — the ORM's own SQL
            return cumulative_counts(cursor.fetchall(), start, end)

    def _breakdown_path(self, by: str) -> str | None:
        if by not in self.breakdowns:
            return None
        return {
            "commune": f"{self.cooperative_path}__commune__name" if self.cooperative_path else None,
            "district": f"{self.cooperative_path}__former_district" if self.cooperative_path else None,
            "sector": self.sector_path.replace("_id", "__name") if self.sector_path else None,
            "stars": "stars",
        }.get(by)

    def breakdown(self, *, start, end, scope, by):
        path = self._breakdown_path(by)
        if not path:
            return None
        rows = (
            self.queryset(start=start, end=end, scope=scope)
            .order_by()
            .values(path)
            .annotate(n=Count(self.key, distinct=True))
            .values_list(path, "n")
        )
        return _sorted_counts(rows)

    def breakdowns_at_once(self, *, start, end, scope, bys) -> dict[str, list]:
        """{by: breakdown(by)} for several breakdowns. One grouped query when the metric counts
        its records by pk and every path follows foreign keys forward (a record then falls in
        exactly one group of each breakdown); otherwise one query per breakdown."""
        paths = {by: self._breakdown_path(by) for by in bys}
        paths = {by: path for by, path in paths.items() if path}
        model = self.rows(start, end).model
        if self.key != "pk" or not all(_single_valued(model, path) for path in paths.values()):
            return {by: self.breakdown(start=start, end=end, scope=scope, by=by) for by in paths}
        rows = list(
            self.queryset(start=start, end=end, scope=scope)
            .order_by()
            .values(*sorted(set(paths.values())))
            .annotate(n=Count("pk"))
        )
        result = {}
        for by, path in paths.items():
            counts: dict = {}
            for row in rows:
                counts[row[path]] = counts.get(row[path], 0) + row["n"]
            result[by] = _sorted_counts(counts.items())
        return result

    def records(self, *, start, end, scope):
        queryset = self.queryset(start=start, end=end, scope=scope)
        if self.select:
            queryset = queryset.select_related(*self.select)
        rows, seen = [], set()
        key_attr = self.key.replace("__", ".")
        for row in queryset.order_by(*self.ordering):
            marker = _attr(row, key_attr)
            if marker in seen:
                continue
            seen.add(marker)
            rows.append(row)
        return rows

    def columns(self):
        return self.record_columns() if self.record_columns else super().columns()


def _sorted_counts(rows) -> list[tuple]:
    """[(label, n)] by count, largest first; an empty label (None or "") is one row."""
    merged: dict = {}
    for label, n in rows:
        merged[label or ""] = merged.get(label or "", 0) + n
    return sorted(merged.items(), key=lambda row: (-row[1], str(row[0])))


def _single_valued(model, path: str) -> bool:
    """Whether `path` reaches one value per row of `model` (forward foreign keys, then a field)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.is_relation:
            if field.auto_created or field.many_to_many or field.one_to_many:
                return False
            model = field.related_model
    return True


def _attr(obj, dotted: str):
    for part in dotted.split("."):
        obj = getattr(obj, part, None)
    return obj


@dataclasses.dataclass(frozen=True)
class ComputedMetric(Metric):
    """A metric computed by functions (the contracts of other apps): `compute(start, end,
    scope)` returns the value or None for "no data"; `list_records` the drill-down rows."""

    compute: Callable = None
    list_records: Callable | None = None
    compute_monthly: Callable | None = None
    record_columns: Callable | None = None

    def value(self, *, start, end, scope):
        return self.compute(start, end, scope)

    def monthly(self, *, start, end, scope):
        return self.compute_monthly(start, end, scope) if self.compute_monthly else None

    def records(self, *, start, end, scope):
        return list(self.list_records(start, end, scope) or []) if self.list_records else []

    def columns(self):
        return self.record_columns() if self.record_columns else super().columns()


class Registry:
    def __init__(self):
        self._metrics: dict[str, Metric] = {}

    def register(self, metric: Metric) -> Metric:
        if metric.code in self._metrics:
            raise ValueError(f"metric {metric.code} registered twice")
        self._metrics[metric.code] = metric
        return metric

    def get(self, code: str) -> Metric | None:
        return self._metrics.get(code)

    def all(self) -> list[Metric]:
        return list(self._metrics.values())

    def choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        grouped: dict[str, list] = {}
        for metric in self._metrics.values():
            grouped.setdefault(metric.group, []).append((metric.code, metric.name))
        return [(GROUPS[group], items) for group, items in grouped.items()]


registry = Registry()
