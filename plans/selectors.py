"""Reads of the plans app: the progress of targets (computed live from the records, never
stored), the dashboard's charts, the drill-down lists and the public "OCOP in numbers".

Every function runs a number of queries that depends on the number of targets and charts, never
on the number of records (tests/plans/test_views.py holds the dashboard to a budget); the
dashboard's figures are then kept for a minute (`dashboard`)."""

import dataclasses
import datetime
import hashlib
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from showcase.cache import GENERATION_KEY, cache_get_safe, cache_set_safe

from .metrics import PERCENT, YESNO, Metric, Scope, registry
from .metrics.definitions import EXPIRY_WINDOW_DAYS, expiry_reference, trainings_selector, valid_on
from .models import Plan, Target

EVERYWHERE = Scope()
ACHIEVED, ON_TRACK, BEHIND, NOT_REACHED = "achieved", "on_track", "behind", "not_reached"
STATUS_LABELS = {
    ACHIEVED: _("Achieved"),
    ON_TRACK: _("On track"),
    BEHIND: _("Behind"),
    NOT_REACHED: _("Not reached"),
}


@dataclasses.dataclass
class Progress:
    metric: Metric
    start: datetime.date
    end: datetime.date
    value: Decimal | int | float | None
    target: Target | None = None
    monthly: list | None = None
    percent: float | None = None
    expected: float | None = None
    status: str | None = None
    breakdown: list | None = None  # [(label, value)] when the target asks for one

    @property
    def available(self) -> bool:
        return self.value is not None

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "")


def elapsed_fraction(start, end, today) -> float:
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def judge(progress: Progress, *, today: datetime.date) -> Progress:
    """Percentage of the target reached and the verdict: achieved, on track, behind (the period
    is running: the value against the share of the target due by today) or not reached."""
    target = progress.target
    if target is None or target.target_value is None or progress.value is None:
        return progress
    goal = float(target.target_value)
    value = float(progress.value)
    if progress.metric.unit == YESNO:
        goal = goal or 1.0
    progress.percent = round(100 * value / goal, 1) if goal else (100.0 if value else 0.0)
    if value >= goal:
        progress.status = ACHIEVED
        return progress
    if today > progress.end:
        progress.status = NOT_REACHED
        return progress
    fraction = (
        1.0 if progress.metric.unit in (PERCENT, YESNO) else elapsed_fraction(progress.start, progress.end, today)
    )
    progress.expected = round(goal * fraction, 1)
    progress.status = ON_TRACK if value >= progress.expected and progress.metric.unit != YESNO else BEHIND
    return progress


def _measure(metric, *, start, end, scope, target, today, monthly) -> tuple:
    """(value, monthly, breakdown) of a metric: the figures, before any verdict."""
    value = metric.value(start=start, end=end, scope=scope)
    curve = breakdown = None
    if monthly and value is not None:
        curve = metric.monthly(start=start, end=min(end, max(today, start)), scope=scope)
    if target is not None and target.breakdown and value is not None:
        breakdown = metric.breakdown(start=start, end=end, scope=scope, by=target.breakdown)
    return value, curve, breakdown


def _judged(metric, figures, *, start, end, target, today) -> Progress:
    value, curve, breakdown = figures
    progress = Progress(
        metric=metric, start=start, end=end, target=target, value=value, monthly=curve, breakdown=breakdown
    )
    return judge(progress, today=today)


def metric_progress(metric, *, start, end, scope=EVERYWHERE, target=None, today=None, monthly=True) -> Progress:
    today = today or timezone.localdate()
    figures = _measure(metric, start=start, end=end, scope=scope, target=target, today=today, monthly=monthly)
    return _judged(metric, figures, start=start, end=end, target=target, today=today)


def _targets(plan: Plan) -> list[tuple[Target, Metric]]:
    """The plan's targets on metrics the code defines (one on a retired metric is left out)."""
    pairs = [(target, registry.get(target.metric)) for target in plan.targets.all()]
    return [(target, metric) for target, metric in pairs if metric is not None]


def plan_progress(plan: Plan, *, scope=EVERYWHERE, start=None, end=None, today=None, monthly=True) -> list[Progress]:
    """Each target of the plan with its live value (over the plan's period, or [start, end])."""
    start, end = start or plan.starts_on, end or plan.ends_on
    return [
        metric_progress(metric, start=start, end=end, scope=scope, target=target, today=today, monthly=monthly)
        for target, metric in _targets(plan)
    ]


@dataclasses.dataclass
class Dashboard:
    progress: list[Progress]
    charts: list
    computed_at: datetime.datetime
    from_cache: bool
    key: str  # names these figures: the view keeps the rendered cards under it too


def _dashboard_key(plan, targets, *, start, end, scope, today) -> str:
    """Names everything the figures depend on but the records: the targets as they are now, the
    period, the filters, the day, the language (the charts' labels) and the public data's
    generation (bumped whenever a product, certificate or producer is saved)."""
    signature = repr(
        [(t.pk, t.metric, str(t.target_value), str(t.target_max), t.breakdown, t.position) for t, _m in targets]
    )
    digest = hashlib.sha256(signature.encode()).hexdigest()[:20]
    generation = cache_get_safe(GENERATION_KEY, 0)
    filters = f"{scope.sector or ''}:{scope.commune or ''}:{scope.district}"
    plan_pk = plan.pk if plan else 0
    return f"plans:dashboard:{plan_pk}:{digest}:{start}:{end}:{filters}:{today}:{get_language()}:{generation}"


def dashboard(plan, *, start, end, scope=EVERYWHERE, today=None, fresh=False) -> Dashboard:
    """The dashboard's cards (each target of `plan`, judged today) and charts over [start, end].

    Computing the figures reads every metric and chart (a few queries each, never one per
    record); they are then kept for settings.PLANS_DASHBOARD_CACHE_SECONDS (60 s) under
    `_dashboard_key`, so a saved certificate, product or producer, or an edited target, shows at
    once and any other record (a dossier, a course, a fair's outcome) within that time. `fresh`
    recomputes them (the page's "recompute" link). The verdicts are always made today."""
    today = today or timezone.localdate()
    targets = _targets(plan) if plan else []
    seconds = settings.PLANS_DASHBOARD_CACHE_SECONDS
    key = _dashboard_key(plan, targets, start=start, end=end, scope=scope, today=today)
    figures = None if fresh or seconds <= 0 else cache_get_safe(key)
    from_cache = figures is not None
    if figures is None:
        memo = {}
        figures = {
            "computed_at": timezone.now(),
            "targets": [
                _measure(metric, start=start, end=end, scope=scope, target=target, today=today, monthly=True)
                for target, metric in targets
            ],
            "charts": [(code, CHARTS[code][1](start, end, scope, memo)) for code in CHARTS],
        }
        if seconds > 0:
            cache_set_safe(key, figures, seconds)
    progress = [
        _judged(metric, measured, start=start, end=end, target=target, today=today)
        for (target, metric), measured in zip(targets, figures["targets"], strict=True)
    ]
    charts_ = [Chart(code=code, title=CHARTS[code][0], rows=rows) for code, rows in figures["charts"]]
    return Dashboard(
        progress=progress, charts=charts_, computed_at=figures["computed_at"], from_cache=from_cache, key=key
    )


def plans_for_filter():
    return list(Plan.objects.order_by("-starts_on", "-pk"))


def default_plan() -> Plan | None:
    today = timezone.localdate()
    return (
        Plan.objects.in_force().filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
        or Plan.objects.in_force().order_by("-starts_on").first()
        or Plan.objects.order_by("-starts_on").first()
    )


# --- Charts ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Chart:
    code: str
    title: str
    rows: list | None  # [(label, value)], None: no data
    unit: str = "count"
    note: str = ""

    @property
    def available(self) -> bool:
        return self.rows is not None

    @property
    def total(self):
        return sum(value for _label, value in self.rows or [])


def _stars_label(stars):
    return "★" * int(stars) if stars else "—"


VALID_BREAKDOWNS = ("stars", "sector", "commune", "district")


def valid_breakdowns(start, end, scope, memo=None) -> dict[str, list]:
    """The valid certificates at the end of the period by stars, sector, commune and former
    district: one grouped query, kept in `memo` (a dict living for one page) for the next chart."""
    memo = {} if memo is None else memo
    key = ("valid", start, end, scope)
    if key not in memo:
        memo[key] = registry.get("certificates_valid").breakdowns_at_once(
            start=start, end=end, scope=scope, bys=VALID_BREAKDOWNS
        )
    return memo[key]


def chart_stars(start, end, scope, memo=None):
    rows = valid_breakdowns(start, end, scope, memo)["stars"]
    return sorted(((_stars_label(s), n) for s, n in rows), key=lambda row: -len(row[0]))


def chart_sector(start, end, scope, memo=None):
    return valid_breakdowns(start, end, scope, memo)["sector"]


def chart_commune(start, end, scope, memo=None):
    return valid_breakdowns(start, end, scope, memo)["commune"]


def chart_district(start, end, scope, memo=None):
    rows = valid_breakdowns(start, end, scope, memo)["district"]
    return [(label or str(_("(not recorded)")), n) for label, n in rows]


def chart_year(start, end, scope, memo=None):
    metric = registry.get("products_certified")
    queryset = metric.queryset(start=datetime.date(2000, 1, 1), end=end, scope=scope)
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
        .order_by("year")
    )
    return [(str(year), n) for year, n in rows]


def chart_pipeline(start, end, scope, memo=None):
    """Open dossiers by state now, with the average days they have waited in it."""
    from registrations.models import Registration

    queryset = Registration.objects.open().exclude(state=Registration.State.DRAFT)
    if not scope.is_empty:
        q = Scope(commune=scope.commune, district=scope.district).cooperative_q("cooperative")
        if scope.sector:
            q &= Q(product_set__group__sector_id=scope.sector)
        queryset = queryset.filter(q)
    now = timezone.now()
    rows = []
    labels = dict(Registration.State.choices)
    stats = {}
    for state, changed in queryset.order_by().values_list("state", "state_changed_at"):
        count, days = stats.get(state, (0, 0))
        stats[state] = (count + 1, days + (now - changed).days)
    for state in Registration.OPEN_STATES:
        if state in stats:
            count, days = stats[state]
            waited = _("average %(days)s days") % {"days": round(days / count)}
            rows.append((f"{labels[state]} ({waited})", count))
    return rows


def chart_expiring(start, end, scope, memo=None):
    """Certificates in force whose validity ends in each of the next six months."""
    reference = expiry_reference(end)
    metric = registry.get("certificates_expiring")
    queryset = valid_on(reference).filter(valid_until__lte=reference + datetime.timedelta(days=EXPIRY_WINDOW_DAYS))
    queryset = queryset.filter(pk__in=metric.queryset(start=start, end=end, scope=scope).values("pk"))
    counts = {}
    for day in queryset.order_by().values_list("valid_until", flat=True):
        month = day.replace(day=1)
        counts[month] = counts.get(month, 0) + 1
    months, month = [], reference.replace(day=1)
    for _n in range(7):
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return [(f"{m:%m/%Y}", counts.get(m, 0)) for m in months]


def chart_trainings(start, end, scope, memo=None):
    coverage = trainings_selector("leader_coverage_counts")
    courses = trainings_selector("courses_held")
    if coverage is None or courses is None:
        return None
    data = coverage(start=start, end=end, cooperatives=scope.cooperatives())
    return [
        (str(_("Courses held")), courses(start=start, end=end).count()),
        (str(_("Participating cooperatives")), data["participating"]),
        (str(_("Leaders trained")), data["trained"]),
    ]


def chart_fairs(start, end, scope, memo=None):
    from fairs.models import Event

    labels = dict(Event.Kind.choices)
    queryset = registry.get("fair_participations").queryset(start=start, end=end, scope=scope)
    rows = queryset.order_by().values("event__kind").annotate(n=Count("pk")).values_list("event__kind", "n")
    return [(str(labels.get(kind, kind)), n) for kind, n in sorted(rows, key=lambda row: -row[1])]


CHARTS = {
    "stars": (_("Valid certificates by stars"), chart_stars),
    "sector": (_("Valid certificates by sector"), chart_sector),
    "commune": (_("Valid certificates by commune"), chart_commune),
    "district": (_("Valid certificates by former district"), chart_district),
    "year": (_("Products certified by year"), chart_year),
    "pipeline": (_("Dossiers in progress by state"), chart_pipeline),
    "expiring": (_("Certificates expiring in the next 6 months"), chart_expiring),
    "trainings": (_("Trainings and leaders' coverage"), chart_trainings),
    "fairs": (_("Participations in trade promotion by kind of event"), chart_fairs),
}


def chart(code, *, start, end, scope=EVERYWHERE, memo=None) -> Chart | None:
    if code not in CHARTS:
        return None
    title, function = CHARTS[code]
    return Chart(code=code, title=title, rows=function(start, end, scope, memo))


def charts(*, start, end, scope=EVERYWHERE) -> list[Chart]:
    memo = {}
    return [chart(code, start=start, end=end, scope=scope, memo=memo) for code in CHARTS]


# --- Filters -----------------------------------------------------------------------------------


def sectors():
    from products.models import Sector

    return list(Sector.objects.filter(scheme__is_current=True).order_by("position", "pk"))


def areas():
    """The communes that have producers and the former districts recorded, for the area filter."""
    from cooperatives.models import Cooperative
    from places.models import Commune

    communes = list(
        Commune.objects.filter(cooperatives__isnull=False).distinct().order_by("name").values_list("code", "name")
    )
    districts = list(
        Cooperative.objects.exclude(former_district="")
        .order_by("former_district")
        .values_list("former_district", flat=True)
        .distinct()
    )
    return communes, districts


# --- Public "OCOP in numbers" ------------------------------------------------------------------

PROGRAMME_START = datetime.date(2018, 1, 1)


def public_numbers(*, today=None) -> dict:
    """The headline figures: products certified (in force today) by stars and by sector, the
    producers behind them and the communes they cover, trainings held and trade-promotion
    participations since the programme began. A fixed number of queries."""
    today = today or timezone.localdate()
    valid = valid_on(today)
    totals = valid.aggregate(
        products=Count("product", distinct=True),
        producers=Count("product__cooperative", distinct=True),
        communes=Count("product__cooperative__commune", distinct=True),
    )
    scope, memo = EVERYWHERE, {}  # the two breakdowns below come from one query
    courses = registry.get("courses_held").value(start=PROGRAMME_START, end=today, scope=scope)
    return {
        **totals,
        "by_stars": chart_stars(PROGRAMME_START, today, scope, memo),
        "by_sector": chart_sector(PROGRAMME_START, today, scope, memo),
        "courses": courses,
        "participations": registry.get("fair_participations").value(start=PROGRAMME_START, end=today, scope=scope),
        "today": today,
    }
