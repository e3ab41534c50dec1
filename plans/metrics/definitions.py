"""The metrics the plans can target. Each docstring-like `description` states the counting rule
(which records, dated by what); the tests check each rule at the period's boundaries."""

import datetime
import importlib

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ocop_portal.text import format_vnd

from .base import PERCENT, VND, YESNO, Column, ComputedMetric, QuerysetMetric, _date_filter, cumulative, registry

EXPIRY_WINDOW_DAYS = 180


def _day(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return date_format(value, "d/m/Y")


def _admin(name):
    return lambda obj: reverse(f"admin:{name}_change", args=[obj.pk])


def _cooperative_link(path):
    def link(obj):
        cooperative = obj
        for part in path.split("."):
            cooperative = getattr(cooperative, part)
        return reverse("admin:cooperatives_cooperative_change", args=[cooperative.pk])

    return link


def _commune(cooperative):
    return cooperative.commune.name if cooperative.commune_id else cooperative.former_district


# --- Dossiers and cooperatives ---------------------------------------------------------------


def _submitted(start, end):
    from registrations.models import Registration

    return Registration.objects.filter(_date_filter("submitted_at", True, start, end))


def _dossier_columns():
    return [
        Column(_("Producer"), lambda r: r.cooperative.name, _cooperative_link("cooperative")),
        Column(_("Commune"), lambda r: _commune(r.cooperative)),
        Column(_("Founded on"), lambda r: _day(r.cooperative.founded_on)),
        Column(
            _("Dossier"),
            lambda r: f"{r.reference} — {r.product.name}",
            lambda r: reverse("registrations:staff_detail", args=[r.pk]),
        ),
        Column(_("Submitted on"), lambda r: _day(r.submitted_at)),
        Column(_("State"), lambda r: r.get_state_display()),
    ]


def _dossier_metric(code, name, description, rows):
    return registry.register(
        QuerysetMetric(
            code=code,
            name=name,
            description=description,
            group="registry",
            rows=rows,
            key="cooperative_id",
            date_field="submitted_at",
            date_is_datetime=True,
            cooperative_path="cooperative",
            sector_path="product_set__group__sector_id",
            select=("cooperative__commune", "product"),
            record_columns=_dossier_columns,
            ordering=("cooperative__name", "cooperative_id", "submitted_at", "pk"),
            breakdowns=("commune", "district", "sector"),
        )
    )


_dossier_metric(
    "coops_registered",
    _("Cooperatives that registered a product for OCOP"),
    _("Producers with at least one dossier first submitted in the period (by the date it was first sent)."),
    _submitted,
)

_dossier_metric(
    "coops_registered_existing",
    _("Cooperatives founded before the period that registered a product"),
    _(
        "Of the producers that submitted a dossier in the period, those founded before the period "
        "started (founding date known and earlier than its first day)."
    ),
    lambda start, end: _submitted(start, end).filter(cooperative__founded_on__lt=start),
)


def _newly_joining(start, end):
    from registrations.models import Registration

    earlier = Registration.objects.filter(submitted_at__date__lt=start).values("cooperative_id")
    return (
        _submitted(start, end).exclude(cooperative_id__in=earlier).exclude(cooperative__ocop_joined_year__lt=start.year)
    )


_dossier_metric(
    "coops_new_to_ocop",
    _("Cooperatives newly joining OCOP"),
    _(
        "Producers whose first dossier ever was submitted in the period (none before it, and no "
        "year of joining OCOP before the period's year)."
    ),
    _newly_joining,
)


def _certificates():
    from products.models import Certificate

    return Certificate.objects.all()


def _certificate_columns():
    return [
        Column(_("Product code"), lambda c: c.product_code, _admin("products_certificate")),
        Column(_("Product"), lambda c: c.product.name),
        Column(_("Producer"), lambda c: c.product.cooperative.name, _cooperative_link("product.cooperative")),
        Column(_("Commune"), lambda c: _commune(c.product.cooperative)),
        Column(_("Stars"), lambda c: "★" * c.stars),
        Column(_("Decision"), lambda c: f"{c.decision_number} ({_day(c.decision_date)})"),
        Column(_("Valid until"), lambda c: _day(c.valid_until)),
        Column(_("Status"), lambda c: c.get_status_display()),
    ]


def _certificate_metric(code, name, description, rows, *, group="certificates", key="product_id", **extra):
    options = {
        "date_field": "decision_date",
        "cooperative_path": "product__cooperative",
        "sector_path": "product__product_set__group__sector_id",
        "select": ("product__cooperative__commune",),
        "record_columns": _certificate_columns,
        "ordering": ("decision_date", "pk"),
        "breakdowns": ("commune", "district", "sector", "stars"),
        **extra,
    }
    return registry.register(
        QuerysetMetric(code=code, name=name, description=description, group=group, rows=rows, key=key, **options)
    )


def _newly_founded(start, end):
    return _certificates().filter(
        Q(product__cooperative__founded_on__gte=start, product__cooperative__founded_on__lte=end)
        | Q(product__cooperative__founded_on__isnull=True, product__cooperative__newly_founded=True),
        decision_date__lte=end,
    )


_certificate_metric(
    "coops_new_founded_certified",
    _("Newly founded cooperatives with an OCOP product"),
    _(
        "Producers founded in the period (or marked as newly founded under the programme when the "
        "founding date is unknown) with a product certified by the end of the period."
    ),
    _newly_founded,
    group="registry",
    key="product__cooperative_id",
    ordering=("product__cooperative__name", "decision_date", "pk"),
)

_certificate_metric(
    "products_certified",
    _("Products certified"),
    _("Products with an OCOP certificate decided in the period (by the decision date), whatever happened after."),
    lambda start, end: _certificates().filter(decision_date__gte=start, decision_date__lte=end),
)


def valid_on(day):
    """Certificates in force on `day`: issued, not yet past their end, not revoked by then
    (the nightly "expired" mark does not matter for a past day)."""
    from products.models import Certificate

    return Certificate.objects.filter(valid_from__lte=day, valid_until__gte=day).exclude(
        Q(status=Certificate.Status.REVOKED) & (Q(revoked_on__isnull=True) | Q(revoked_on__lte=day))
    )


_certificate_metric(
    "certificates_valid",
    _("Valid certificates at the end of the period"),
    _("Certificates in force on the last day of the period (not expired, not revoked by then)."),
    lambda start, end: valid_on(end),
    key="pk",
    date_field=None,
)


def expiry_reference(end):
    return min(end, timezone.localdate())


_certificate_metric(
    "certificates_expiring",
    _("Certificates expiring within 180 days"),
    _(
        "Certificates in force on the period's last day (or today, if the period has not ended) "
        "whose validity ends within the 180 days after it: re-rating is due."
    ),
    lambda start, end: valid_on(expiry_reference(end)).filter(
        valid_until__lte=expiry_reference(end) + datetime.timedelta(days=EXPIRY_WINDOW_DAYS)
    ),
    key="pk",
    date_field=None,
    ordering=("valid_until", "pk"),
)


# --- Trainings (trainings.selectors; "no data" until it exists) ----------------


def trainings_selector(name):
    """The trainings app's selector `name`, or None while it does not exist."""
    try:
        selectors = importlib.import_module("trainings.selectors")
    except ImportError:
        return None
    return getattr(selectors, name, None)


def _leader_coverage(start, end, scope):
    selector = trainings_selector("leader_coverage")
    if selector is None:
        return None
    return selector(start=start, end=end, cooperatives=scope.cooperatives())


def _leaders_percent(start, end, scope):
    selector = trainings_selector("leader_coverage_counts")
    coverage = selector(start=start, end=end, cooperatives=scope.cooperatives()) if selector else None
    if coverage is None or coverage.get("percent") is None:
        return None
    return round(float(coverage["percent"]), 1)


def _leaders_percent_monthly(start, end, scope):
    selector = trainings_selector("leader_coverage_monthly")
    if selector is None:
        return None
    return selector(start=start, end=end, cooperatives=scope.cooperatives())


def _leader_columns():
    return [
        Column(
            _("Producer"),
            lambda r: r["cooperative"].name,
            lambda r: reverse("admin:cooperatives_cooperative_change", args=[r["cooperative"].pk]),
        ),
        Column(_("Leader"), lambda r: str(r["leader"]) if r.get("leader") else "—"),
        Column(_("Trained"), lambda r: _("yes") if r.get("trained") else _("no")),
        Column(_("Course"), lambda r: str(r["course"]) if r.get("course") else ""),
    ]


registry.register(
    ComputedMetric(
        code="leaders_trained_percent",
        name=_("Leaders of participating cooperatives trained"),
        description=_(
            "The share of participating cooperatives (a dossier or a valid certificate in the period) "
            "whose current leader attended a course counting toward the target, held in the period."
        ),
        group="trainings",
        unit=PERCENT,
        compute=_leaders_percent,
        compute_monthly=_leaders_percent_monthly,
        list_records=lambda start, end, scope: (_leader_coverage(start, end, scope) or {}).get("rows", []),
        record_columns=_leader_columns,
    )
)


def _selector_count(name, **fixed):
    def compute(start, end, scope):
        selector = trainings_selector(name)
        if selector is None:
            return None
        kwargs = {"cooperatives": scope.cooperatives()} if fixed.get("scoped") else {}
        return selector(start=start, end=end, **kwargs).count()

    def records(start, end, scope):
        selector = trainings_selector(name)
        if selector is None:
            return []
        kwargs = {"cooperatives": scope.cooperatives()} if fixed.get("scoped") else {}
        return selector(start=start, end=end, **kwargs)[:1000]

    return compute, records


def _link(obj):
    url = getattr(obj, "get_absolute_url", None)
    return url() if callable(url) else ""


def _courses_monthly(start, end, scope):
    selector = trainings_selector("courses_held")
    if selector is None:
        return None
    return cumulative(selector(start=start, end=end).values_list("first_day", flat=True), start, end)


_courses = _selector_count("courses_held")
registry.register(
    ComputedMetric(
        code="courses_held",
        name=_("Courses held"),
        description=_("Courses held or with a session in the period (not cancelled, not drafts)."),
        group="trainings",
        scoped=False,
        compute=_courses[0],
        list_records=_courses[1],
        compute_monthly=_courses_monthly,
        record_columns=lambda: [
            Column(_("Course"), str, _link),
            Column(_("First day"), lambda c: _day(getattr(c, "first_day", None))),
        ],
    )
)
_participants = _selector_count("participants_attended", scoped=True)
registry.register(
    ComputedMetric(
        code="training_participants",
        name=_("Training participants"),
        description=_("Registrations whose participant attended at least one session in the period."),
        group="trainings",
        compute=_participants[0],
        list_records=_participants[1],
        record_columns=lambda: [
            Column(_("Participant"), lambda r: str(getattr(r, "person", None) or r)),
            Column(_("Producer"), lambda r: getattr(getattr(r, "cooperative", None), "name", "") or ""),
            Column(_("Course"), lambda r: str(getattr(r, "course", "") or "")),
        ],
    )
)


# --- Trade promotion (fairs.selectors) -------------------------------------------------------


def _participation_columns():
    return [
        Column(_("Producer"), lambda a: a.cooperative.name, _cooperative_link("cooperative")),
        Column(_("Commune"), lambda a: _commune(a.cooperative)),
        Column(_("Event"), lambda a: a.event.name, lambda a: a.event.get_absolute_url()),
        Column(_("Kind"), lambda a: a.event.get_kind_display()),
        Column(_("Starts on"), lambda a: _day(a.event.starts_on)),
    ]


def _participations(start, end):
    from fairs import selectors

    return selectors.participations(start=start, end=end).select_related("cooperative__commune")


def _conference(start, end):
    from fairs import selectors

    return selectors.conference_exhibitors(start=start, end=end).select_related("cooperative__commune")


for _code, _name, _description, _rows in (
    (
        "fair_participations",
        _("Participations in trade-promotion events"),
        _("Accepted applications to fairs, exhibitions and conferences whose first day is in the period."),
        _participations,
    ),
    (
        "conference_exhibitors",
        _("Exhibitors at supply–demand conferences"),
        _("Accepted applications to supply–demand conferences whose first day is in the period."),
        _conference,
    ),
):
    registry.register(
        QuerysetMetric(
            code=_code,
            name=_name,
            description=_description,
            group="trade",
            rows=_rows,
            date_field="event__starts_on",
            cooperative_path="cooperative",
            record_columns=_participation_columns,
            ordering=("event__starts_on", "cooperative__name", "pk"),
            breakdowns=("commune", "district", "sector"),
        )
    )


def _outcome(key):
    def compute(start, end, scope):
        from fairs import selectors

        return selectors.outcome_totals(start=start, end=end, cooperatives=scope.cooperatives())[key]

    return compute


registry.register(
    ComputedMetric(
        code="fair_sales_vnd",
        name=_("Sales at trade-promotion events"),
        description=_("Sales the exhibitors reported for the events of the period (VND)."),
        group="trade",
        unit=VND,
        compute=_outcome("sales_vnd"),
        list_records=lambda start, end, scope: registry.get("fair_participations").records(
            start=start, end=end, scope=scope
        ),
        record_columns=_participation_columns,
    )
)
registry.register(
    ComputedMetric(
        code="fair_contracts",
        name=_("Contracts signed at trade-promotion events"),
        description=_("Contracts the exhibitors reported for the events of the period."),
        group="trade",
        compute=_outcome("contracts_count"),
        list_records=lambda start, end, scope: registry.get("fair_participations").records(
            start=start, end=end, scope=scope
        ),
        record_columns=_participation_columns,
    )
)


# --- Support requests -------------------------------------------------------------------------

SUPPORT_KINDS = ("trademark", "barcode", "qr_traceability", "design", "loan")


def _support_columns():
    return [
        Column(_("Request"), lambda s: s.subject, _admin("cooperatives_supportrequest")),
        Column(_("Producer"), lambda s: s.cooperative.name, _cooperative_link("cooperative")),
        Column(_("Kind of support"), lambda s: s.get_kind_display()),
        Column(_("Received on"), lambda s: _day(s.created_at)),
        Column(_("Status"), lambda s: s.get_status_display()),
        Column(_("Closed on"), lambda s: _day(s.closed_at)),
    ]


def _support_rows(kind, *, done):
    def rows(start, end):
        from cooperatives.models import SupportRequest

        queryset = SupportRequest.objects.filter(kind=kind)
        if done:
            return queryset.filter(_date_filter("closed_at", True, start, end), status=SupportRequest.Status.DONE)
        return queryset.filter(_date_filter("created_at", True, start, end))

    return rows


def _register_support():
    from cooperatives.models import SupportRequest

    labels = dict(SupportRequest.Kind.choices)
    for kind in SUPPORT_KINDS:
        for done in (False, True):
            code = f"support_{kind}_{'done' if done else 'received'}"
            registry.register(
                QuerysetMetric(
                    code=code,
                    name=format_lazy(
                        "{}: {}", _("Support completed") if done else _("Support requested"), labels[kind]
                    ),
                    description=_("Support requests of this kind completed in the period (by the date closed).")
                    if done
                    else _("Support requests of this kind received in the period (by the date sent)."),
                    group="support",
                    rows=_support_rows(kind, done=done),
                    date_field="closed_at" if done else "created_at",
                    date_is_datetime=True,
                    select=("cooperative",),
                    record_columns=_support_columns,
                    ordering=("created_at", "pk"),
                    breakdowns=("commune", "district"),
                )
            )


_register_support()


# --- News and stories -------------------------------------------------------------------------


def _articles(kind):
    def rows(start, end):
        from news.models import Article

        return Article.objects.filter(_date_filter("published_at", True, start, end), status="published", kind=kind)

    return rows


def _article_columns():
    return [
        Column(_("Title"), lambda a: a.title, lambda a: a.get_absolute_url()),
        Column(_("Published on"), lambda a: _day(a.published_at)),
    ]


for _code, _name, _kind in (
    ("news_published", _("News articles published"), "news"),
    ("stories_published", _("Exemplary stories published"), "story"),
):
    registry.register(
        QuerysetMetric(
            code=_code,
            name=_name,
            description=_("Articles of this kind published on the portal in the period (by the publication date)."),
            group="news",
            scoped=False,
            rows=_articles(_kind),
            date_field="published_at",
            date_is_datetime=True,
            cooperative_path="",
            record_columns=_article_columns,
            ordering=("published_at", "pk"),
        )
    )


# --- The sales centre (salescentre.selectors via fairs.selectors) ------------------------------


def _centre_summary(start, end):
    from fairs.selectors import sales_centre_summary

    return sales_centre_summary(start=start, end=end)


def _centre_open(start, end, scope):
    summary = _centre_summary(start, end)
    return 0 if summary is None else int(summary["in_operation"])


def _centre_sales(start, end, scope):
    summary = _centre_summary(start, end)
    return None if summary is None else summary["total_sales_vnd"]


def _centre_monthly(start, end, scope):
    summary = _centre_summary(start, end)
    if summary is None:
        return None
    running, result = 0, []
    for month, value in summary["monthly_sales"]:
        running += value
        result.append((month, running))
    return result


def _centres(start, end, scope):
    from salescentre.models import SalesCentre

    return SalesCentre.objects.order_by("pk")


def _centre_columns():
    return [
        Column(_("Sales centre"), str, lambda c: reverse("salescentre:centre")),
        Column(_("Opened on"), lambda c: _day(c.opened_on)),
    ]


registry.register(
    ComputedMetric(
        code="sales_centre_in_operation",
        name=_("Sales centre in operation"),
        description=_("Whether a centre introducing and selling OCOP products was open during the period."),
        group="salescentre",
        unit=YESNO,
        scoped=False,
        compute=_centre_open,
        list_records=_centres,
        record_columns=_centre_columns,
    )
)


def _monthly_sales_records(start, end, scope):
    summary = _centre_summary(start, end)
    return [] if summary is None else summary["monthly_sales"]


registry.register(
    ComputedMetric(
        code="sales_centre_sales_vnd",
        name=_("Sales at the sales centre"),
        description=_(
            "The value sold at the sales centre in the period (selling price × quantity, reversals deducted)."
        ),
        group="salescentre",
        unit=VND,
        scoped=False,
        compute=_centre_sales,
        compute_monthly=_centre_monthly,
        list_records=_monthly_sales_records,
        record_columns=lambda: [
            Column(_("Month"), lambda row: date_format(row[0], "m/Y")),
            Column(_("Sales"), lambda row: format_vnd(row[1])),
        ],
    )
)
