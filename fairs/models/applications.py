from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ocop_portal.models import TimeStampedModel

from .events import BoothType, Event, EventSupport


class ApplicationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Application.Status.ACCEPTED)

    def active(self):
        """Applications still standing (not withdrawn)."""
        return self.exclude(status=Application.Status.WITHDRAWN)

    def for_lists(self):
        return self.select_related("event", "cooperative__commune", "booth_type")


class Application(TimeStampedModel):
    """A cooperative's application for a booth at an event, with the products it will show."""

    class Status(models.TextChoices):
        # Stable codes; the staff's labels. The cooperative sees COOPERATIVE_LABELS.
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RESERVE = "reserve", _("On the reserve list")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", pgettext_lazy("fair application", "Withdrawn")

    COOPERATIVE_LABELS = {
        Status.SUBMITTED: pgettext_lazy("cooperative", "Sent — waiting for the Alliance's decision"),
        Status.ACCEPTED: pgettext_lazy("cooperative", "Accepted — you exhibit"),
        Status.RESERVE: pgettext_lazy("cooperative", "On the reserve list"),
        Status.REFUSED: pgettext_lazy("cooperative", "Not accepted this time"),
        Status.WITHDRAWN: pgettext_lazy("cooperative", "Withdrawn"),
    }

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="applications", verbose_name=_("event"))
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="fair_applications",
        verbose_name=_("producer"),
    )
    booth_type = models.ForeignKey(
        BoothType, on_delete=models.PROTECT, related_name="applications", verbose_name=_("booth type wanted")
    )
    products = models.ManyToManyField(
        "products.Product", through="ApplicationProduct", related_name="fair_applications", verbose_name=_("products")
    )
    booth_staff = models.JSONField(
        _("people at the booth"), default=list, blank=True, help_text=_("[{name, phone}] of who will staff the booth")
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decision_note = models.TextField(_("note to the cooperative"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booth_number = models.CharField(_("booth number"), max_length=20, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "cooperative"],
                condition=~models.Q(status="withdrawn"),
                name="application_once_per_event",
                violation_error_message=_("This cooperative has already applied to this event."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="accepted") | models.Q(booth_number=""),
                name="application_booth_only_when_accepted",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.cooperative} — {self.event}"

    def get_absolute_url(self):
        return reverse("fairs:application", kwargs={"pk": self.pk})

    @property
    def cooperative_label(self) -> str:
        return str(self.COOPERATIVE_LABELS[self.status])


class ApplicationProduct(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="shown_products")
    product = models.ForeignKey("products.Product", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("product shown")
        verbose_name_plural = _("products shown")
        ordering = ["application", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "product"], name="application_product_once")]

    def __str__(self):
        return str(self.product)


class ApplicationSupport(models.Model):
    """Support a cooperative asks for; `granted_vnd` is what the event's rule gives (computed by
    the service when the application is saved)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="support_requests")
    support = models.ForeignKey(EventSupport, on_delete=models.PROTECT, related_name="+")
    cost_vnd = models.PositiveBigIntegerField(_("cost (VND)"), null=True, blank=True)
    granted_vnd = models.PositiveBigIntegerField(_("support (VND)"), default=0)

    class Meta:
        verbose_name = _("support requested")
        verbose_name_plural = _("support requested")
        ordering = ["application", "support__kind"]
        constraints = [models.UniqueConstraint(fields=["application", "support"], name="application_support_once")]

    def __str__(self):
        return f"{self.support.get_kind_display()}: {self.granted_vnd}"


class ApplicationLog(models.Model):
    """One row per thing that happened to an application (the audit trail)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Applied")
        EDITED = "edited", _("Edited")
        WITHDRAWN = "withdrawn", pgettext_lazy("fair application", "Withdrawn")
        ACCEPTED = "accepted", _("Accepted")
        RESERVE = "reserve", _("Put on the reserve list")
        REFUSED = "refused", _("Refused")
        BOOTH = "booth", _("Booth allocated")
        OUTCOME = "outcome", _("Outcome reported")
        OUTCOME_CORRECTED = "outcome_corrected", _("Outcome corrected by staff")
        REMINDER = "reminder", _("Reminder sent")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["application", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.application}"


class OutcomeReport(TimeStampedModel):
    """What a cooperative achieved at an event it exhibited at (one report per application)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="outcome", verbose_name=_("application")
    )
    sales_vnd = models.PositiveBigIntegerField(_("sales at the event (VND)"), default=0)
    contracts_count = models.PositiveIntegerField(_("orders or contracts signed"), default=0)
    contracts_value_vnd = models.PositiveBigIntegerField(_("value of the orders and contracts (VND)"), default=0)
    contract_buyers = models.TextField(_("buyers of the orders and contracts"), blank=True)
    new_buyers = models.PositiveIntegerField(_("new buyers contacted"), default=0)
    note = models.TextField(_("short note"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("outcome report")
        verbose_name_plural = _("outcome reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contracts_count__gt=0) | models.Q(contracts_value_vnd=0),
                name="outcome_value_needs_contracts",
                violation_error_message=_("A value of contracts needs at least one contract."),
            )
        ]

    def __str__(self):
        return str(self.application)

    @property
    def cooperative_id(self):
        return self.application.cooperative_id
