"""Writes of the consignment ledger. Every movement goes through `movement_record` or
`movement_reverse`: one transaction, the product's stock row locked, the new stock computed from
the movements and checked (never negative), the movement appended, the stock row updated."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from ocop_portal.guards import require_staff
from showcase.cache import public_pages_invalidate

from .models import ProductStock, SalesCentre, StockMovement

K = StockMovement.Kind


def _locked_stock(*, centre, product) -> ProductStock:
    """The product's stock row, created if needed, locked until the transaction ends."""
    if not ProductStock.objects.filter(centre=centre, product=product).exists():
        try:
            with transaction.atomic():
                ProductStock.objects.create(centre=centre, product=product, cooperative_id=product.cooperative_id)
        except IntegrityError:
            pass  # created by someone else at the same moment
    return ProductStock.objects.select_for_update().get(centre=centre, product=product)


def _ledger_sum(*, centre, product) -> int:
    total = StockMovement.objects.filter(centre=centre, product=product).aggregate(total=Sum("delta"))["total"]
    return int(total or 0)


def _check_date(day: datetime.date, centre: SalesCentre):
    if day > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="occurred_on")
    if centre.opened_on and day < centre.opened_on:
        raise ApplicationError(
            _("The date is before the centre opened (%(date)s).") % {"date": centre.opened_on.strftime("%d/%m/%Y")},
            field="occurred_on",
        )


def _append(*, stock: ProductStock, movement: StockMovement) -> StockMovement:
    new_on_hand = _ledger_sum(centre=stock.centre_id, product=stock.product_id) + movement.delta
    if new_on_hand < 0:
        on_hand = new_on_hand - movement.delta
        raise ApplicationError(
            _("Only %(on_hand)s %(unit)s of “%(product)s” are in stock; %(quantity)s cannot leave the centre.")
            % {
                "on_hand": on_hand,
                "unit": movement.product.unit or _("units"),
                "product": movement.product.name,
                "quantity": movement.quantity,
            },
            field="quantity",
        )
    movement.full_clean()
    movement.save()
    stock.on_hand = new_on_hand
    fields = ["on_hand", "updated_at"]
    if movement.kind == K.RECEIVED and not movement.reverses_id:
        stock.agreed_price_vnd = movement.unit_price_vnd
        fields.append("agreed_price_vnd")
    stock.save(update_fields=fields)
    public_pages_invalidate()
    return movement


def movement_record(
    *,
    centre: SalesCentre,
    product,
    kind: str,
    quantity: int,
    unit_price_vnd: int | None,
    occurred_on: datetime.date,
    note: str = "",
    by,
) -> StockMovement:
    """Append one movement: goods received from the cooperative (at the agreed price), sold (at
    the selling price; what is owed is the agreed price), returned to it, damaged or lost.

    Refuses (ApplicationError, nothing saved): a quantity below 1, a negative price, a future
    date, and anything that would take the stock below zero. Side effects: one StockMovement, the
    product's ProductStock row updated, the public pages' cache made stale."""
    require_staff(by)
    if kind not in K.values:
        raise ApplicationError(_("Choose the kind of movement."), field="kind")
    if quantity is None or int(quantity) < 1:
        raise ApplicationError(_("The quantity must be a whole number of at least 1."), field="quantity")
    if unit_price_vnd is not None and int(unit_price_vnd) < 0:
        raise ApplicationError(_("A price cannot be negative."), field="unit_price_vnd")
    _check_date(occurred_on, centre)
    with transaction.atomic():
        stock = _locked_stock(centre=centre, product=product)
        if kind == K.RECEIVED:
            if unit_price_vnd is None:
                raise ApplicationError(_("Give the unit price agreed with the cooperative."), field="unit_price_vnd")
            agreed = unit_price_vnd
        else:
            agreed = stock.agreed_price_vnd
            if kind == K.SOLD and unit_price_vnd is None:
                raise ApplicationError(_("Give the selling price."), field="unit_price_vnd")
            if unit_price_vnd is None:
                unit_price_vnd = agreed
        quantity = int(quantity)
        movement = StockMovement(
            centre=centre,
            product=product,
            cooperative_id=product.cooperative_id,
            kind=kind,
            quantity=quantity,
            unit_price_vnd=int(unit_price_vnd),
            agreed_price_vnd=agreed,
            delta=StockMovement.EFFECT[kind] * quantity,
            occurred_on=occurred_on,
            note=note.strip(),
            created_by=by,
        )
        return _append(stock=stock, movement=movement)


def movement_reverse(*, movement: StockMovement, note: str, by, occurred_on: datetime.date | None = None):
    """Correct a mistake: append the opposite of `movement` (same kind, quantity and prices,
    the opposite stock change), dated today unless told otherwise. A movement is reversed at
    most once and a reversal is not reversed (enter the movement again instead). Refused when
    the stock would go below zero (goods received that have already been sold). Side effects:
    one StockMovement, the stock row, the cache."""
    require_staff(by)
    if not note or not note.strip():
        raise ApplicationError(_("Say why the movement is reversed."), field="note")
    occurred_on = occurred_on or timezone.localdate()
    with transaction.atomic():
        original = StockMovement.objects.select_related("centre", "product").get(pk=movement.pk)
        _check_date(occurred_on, original.centre)
        if original.reverses_id:
            raise ApplicationError(_("A reversal cannot be reversed; enter the movement again instead."))
        stock = _locked_stock(centre=original.centre, product=original.product)
        if StockMovement.objects.filter(reverses=original).exists():
            raise ApplicationError(_("This movement has already been reversed."))
        reversal = StockMovement(
            centre=original.centre,
            product=original.product,
            cooperative_id=original.cooperative_id,
            kind=original.kind,
            quantity=original.quantity,
            unit_price_vnd=original.unit_price_vnd,
            agreed_price_vnd=original.agreed_price_vnd,
            delta=-original.delta,
            occurred_on=occurred_on,
            note=note.strip(),
            reverses=original,
            created_by=by,
        )
        try:
            with transaction.atomic():
                return _append(stock=stock, movement=reversal)
        except IntegrityError:
            raise ApplicationError(_("This movement has already been reversed."))
