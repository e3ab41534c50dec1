"""The monthly consignment statement of a cooperative: per product, the opening stock, what was
received, sold (with its value), returned and damaged, the closing stock, and what the centre
owes the cooperative for the month's sales. Computed from the ledger in one query; reversals
count in the month they were entered, with the opposite sign, so a statement already printed
never changes when a later mistake is corrected."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from .models import StockMovement

K = StockMovement.Kind


@dataclass
class StatementLine:
    product: object
    opening: int
    received: int
    sold: int
    sold_value_vnd: int
    returned: int
    damaged: int
    closing: int
    owed_vnd: int


@dataclass
class Statement:
    cooperative: object
    month: datetime.date  # first day
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def end(self) -> datetime.date:
        return next_month(self.month) - datetime.timedelta(days=1)

    def total(self, name: str) -> int:
        return sum(getattr(line, name) for line in self.lines)

    @property
    def totals(self) -> dict:
        names = ["opening", "received", "sold", "sold_value_vnd", "returned", "damaged", "closing", "owed_vnd"]
        return {name: self.total(name) for name in names}


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _in_month(kind, start, end) -> Q:
    return Q(kind=kind, occurred_on__gte=start, occurred_on__lt=end)


def statement_for(*, cooperative, month: datetime.date) -> Statement:
    """The cooperative's statement for the month of `month` (one query)."""
    start = month.replace(day=1)
    end = next_month(start)

    def moved(kind):
        return Coalesce(Sum("delta", filter=_in_month(kind, start, end)), 0)

    rows = (
        StockMovement.objects.filter(cooperative=cooperative, occurred_on__lt=end)
        .values("product_id", "product__name", "product__unit")
        .annotate(
            opening=Coalesce(Sum("delta", filter=Q(occurred_on__lt=start)), 0),
            received=moved(K.RECEIVED),
            sold_delta=moved(K.SOLD),
            returned_delta=moved(K.RETURNED),
            damaged_delta=moved(K.DAMAGED),
            sold_value=Coalesce(Sum(F("delta") * -1 * F("unit_price_vnd"), filter=_in_month(K.SOLD, start, end)), 0),
            owed=Coalesce(Sum(F("delta") * -1 * F("agreed_price_vnd"), filter=_in_month(K.SOLD, start, end)), 0),
            closing=Coalesce(Sum("delta"), 0),
        )
        .order_by("product__name", "product_id")
    )
    statement = Statement(cooperative=cooperative, month=start)
    for row in rows:
        line = StatementLine(
            product={"pk": row["product_id"], "name": row["product__name"], "unit": row["product__unit"]},
            opening=row["opening"],
            received=row["received"],
            sold=-row["sold_delta"],
            sold_value_vnd=int(row["sold_value"]),
            returned=-row["returned_delta"],
            damaged=-row["damaged_delta"],
            closing=row["closing"],
            owed_vnd=int(row["owed"]),
        )
        if any((line.opening, line.received, line.sold, line.returned, line.damaged, line.closing)):
            statement.lines.append(line)
    return statement


def statement_months(*, cooperative) -> list[datetime.date]:
    """The months in which the cooperative had goods at the centre, newest first (one query)."""
    first = (
        StockMovement.objects.filter(cooperative=cooperative)
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if first is None:
        return []
    from django.utils import timezone

    months, day, last = [], first.replace(day=1), timezone.localdate().replace(day=1)
    while day <= last:
        months.append(day)
        day = next_month(day)
    return list(reversed(months))
