"""The OCOP sales centre (trung tâm giới thiệu và bán sản phẩm OCOP) and its consignment ledger.

The ledger is append-only: a movement is never edited or deleted (the model refuses, and on
PostgreSQL a trigger refuses too); a mistake is corrected by a reversing movement. Stock on hand
is the sum of the movements' `delta`; `ProductStock.on_hand` keeps that sum per product, updated
by the ledger service in the same transaction under a row lock, so it is never typed in and never
negative (a check constraint holds it)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop_portal.models import TimeStampedModel


class SalesCentre(TimeStampedModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    address = models.CharField(_("address"), max_length=255)
    opening_hours = models.TextField(_("opening hours"), blank=True, help_text=_("e.g. Mon–Sat 7:30–17:00"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sales centre")
        verbose_name_plural = _("sales centres")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("salescentre:public")

    def is_open_between(self, start, end) -> bool:
        if self.opened_on is None or self.opened_on > end:
            return False
        return self.closed_on is None or self.closed_on >= start


class SalesCentrePhoto(models.Model):
    centre = models.ForeignKey(SalesCentre, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to="salescentre/%Y/")
    alt_text = models.CharField(_("alternative text"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["centre", "position", "pk"]

    def __str__(self):
        return self.alt_text or str(self.centre)


class ProductStockQuerySet(models.QuerySet):
    def available(self):
        return self.filter(on_hand__gt=0)


class ProductStock(models.Model):
    """A product's stock on hand at the centre: the sum of its movements, kept by the ledger
    service (never typed). Also the row the service locks while it checks a sale."""

    centre = models.ForeignKey(SalesCentre, on_delete=models.PROTECT, related_name="stock")
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="centre_stock")
    cooperative = models.ForeignKey("cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+")
    on_hand = models.IntegerField(_("on hand"), default=0)
    agreed_price_vnd = models.PositiveBigIntegerField(
        _("agreed price (VND)"), default=0, help_text=_("What the centre owes the cooperative per unit sold.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductStockQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock on hand")
        verbose_name_plural = _("stock on hand")
        ordering = ["cooperative", "product"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "product"], name="stock_once_per_product"),
            models.CheckConstraint(condition=models.Q(on_hand__gte=0), name="stock_never_negative"),
        ]
        indexes = [models.Index(fields=["product", "on_hand"])]

    def __str__(self):
        return f"{self.product}: {self.on_hand}"


class StockMovement(models.Model):
    """One line of the consignment ledger. Append-only."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received from the cooperative")
        SOLD = "sold", _("Sold")
        RETURNED = "returned", _("Returned to the cooperative")
        DAMAGED = "damaged", _("Damaged or lost")

    # How each kind moves the stock.
    EFFECT = {Kind.RECEIVED: 1, Kind.SOLD: -1, Kind.RETURNED: -1, Kind.DAMAGED: -1}

    centre = models.ForeignKey(SalesCentre, on_delete=models.PROTECT, related_name="movements")
    product = models.ForeignKey(
        "products.Product", on_delete=models.PROTECT, related_name="centre_movements", verbose_name=_("product")
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="centre_movements",
        verbose_name=_("producer"),
    )
    kind = models.CharField(_("movement"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price_vnd = models.PositiveBigIntegerField(
        _("unit price (VND)"), help_text=_("Received: the price agreed with the cooperative. Sold: the selling price.")
    )
    agreed_price_vnd = models.PositiveBigIntegerField(
        _("agreed price (VND)"), default=0, help_text=_("Owed to the cooperative per unit (sales).")
    )
    # +quantity or −quantity: the movement's effect on the stock (a reversal has the opposite sign).
    delta = models.IntegerField(_("stock change"), editable=False)
    occurred_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="movement_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(delta=models.F("quantity")) | models.Q(delta=models.F("quantity") * -1),
                name="movement_delta_is_quantity",
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "occurred_on"]), models.Index(fields=["product", "occurred_on"])]

    def __str__(self):
        return f"{self.occurred_on:%d/%m/%Y} {self.get_kind_display()} {self.quantity} × {self.product}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Stock movements are append-only: enter a reversing movement instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Stock movements are append-only: enter a reversing movement instead.")

    @property
    def sign(self) -> int:
        """+1 for an entry, −1 for a reversal."""
        return -1 if self.reverses_id else 1
