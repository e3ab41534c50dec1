"""Reads of the sales centre: the plans contract (`sales_centre_summary`, re-exported by
fairs.selectors), the public page, the ledger and the monthly statements."""

import datetime

from django.db.models import F, Sum
from django.db.models.functions import TruncMonth

from .models import SalesCentre, StockMovement


def month_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of each month from `start`'s month to `end`'s month."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def sales_centre_summary(*, start, end) -> dict | None:
    """None when no sales centre exists; else whether a centre was open during [start, end],
    when it opened, the value sold each month of the period (selling price × quantity, reversals
    deducted) and the total. Two queries."""
    centres = list(SalesCentre.objects.order_by("pk"))
    if not centres:
        return None
    rows = (
        StockMovement.objects.filter(kind=StockMovement.Kind.SOLD, occurred_on__gte=start, occurred_on__lte=end)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(value=Sum(F("delta") * -1 * F("unit_price_vnd")))
        .order_by("month")
    )
    by_month = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        by_month[month] = int(row["value"] or 0)
    monthly = [(month, by_month.get(month, 0)) for month in month_starts(start, end)]
    opened = [c.opened_on for c in centres if c.opened_on]
    return {
        "in_operation": any(c.is_open_between(start, end) for c in centres),
        "opened_on": min(opened) if opened else None,
        "monthly_sales": monthly,
        "total_sales_vnd": sum(value for _month, value in monthly),
    }


# --- Pages ------------------------------------------------------------------------------------


def the_centre() -> SalesCentre | None:
    return SalesCentre.objects.prefetch_related("photos").order_by("pk").first()


def available_stock(centre):
    """The products on sale at the centre now (stock above zero), with their producer."""
    from .models import ProductStock

    return (
        ProductStock.objects.available()
        .filter(centre=centre)
        .select_related("product__cooperative__commune", "product__product_set")
        .order_by("product__product_set__position", "product__name")
    )


def ledger_stock(centre, *, cooperative=None):
    from .models import ProductStock

    stock = ProductStock.objects.filter(centre=centre).select_related("product", "cooperative")
    if cooperative is not None:
        stock = stock.filter(cooperative=cooperative)
    return stock.order_by("cooperative__name", "product__name")


def recent_movements(centre, *, cooperative=None, limit=100):
    movements = StockMovement.objects.filter(centre=centre).select_related(
        "product", "cooperative", "created_by", "reverses", "reversed_by"
    )
    if cooperative is not None:
        movements = movements.filter(cooperative=cooperative)
    return movements.order_by("-occurred_on", "-pk")[:limit]


def available_product_ids() -> set[int]:
    """Products with stock at a sales centre (for the catalogue's facet)."""
    from .models import ProductStock

    return set(ProductStock.objects.available().values_list("product_id", flat=True))
