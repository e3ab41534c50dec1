from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel

from .applications import Application
from .events import Event


class Buyer(TimeStampedModel):
    """A buyer registered for a supply–demand conference on the public form. They reach their
    page (picks, timetable) by a signed link emailed once staff approve them."""

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Supermarket")
        DISTRIBUTOR = "distributor", _("Distributor or wholesaler")
        EXPORTER = "exporter", _("Exporter")
        RESTAURANT = "restaurant", _("Restaurant or hotel")
        TOUR_OPERATOR = "tour_operator", _("Tour operator")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email not confirmed yet")
        CONFIRMED = "confirmed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="buyers", verbose_name=_("conference"))
    company = models.CharField(_("company"), max_length=255)
    kind = models.CharField(_("kind of buyer"), max_length=15, choices=Kind.choices)
    contact_name = models.CharField(_("contact person"), max_length=150)
    position = models.CharField(_("position"), max_length=100, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20)
    province = models.CharField(_("province or city"), max_length=100, blank=True)
    wants = models.TextField(_("what you want to buy"))
    volumes = models.CharField(_("volumes"), max_length=255, blank=True, help_text=_("e.g. 2 tonnes of rice a month"))
    language = models.CharField(max_length=8, default="vi", editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("note to the buyer"), blank=True)

    class Meta:
        verbose_name = _("conference buyer")
        verbose_name_plural = _("conference buyers")
        ordering = ["event", "company", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                name="buyer_email_once_per_event",
                violation_error_message=_("This email address is already registered for this conference."),
            )
        ]

    def __str__(self):
        return self.company


class MeetingRequest(TimeStampedModel):
    """A buyer asks to meet an exhibitor of the conference; the producer accepts or declines."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the producer")
        ACCEPTED = "accepted", _("Accepted by the producer")
        DECLINED = "declined", _("Declined by the producer")

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="requests", verbose_name=_("buyer"))
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="meeting_requests", verbose_name=_("exhibitor")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["buyer", "pk"]
        constraints = [models.UniqueConstraint(fields=["buyer", "application"], name="meeting_request_once")]

    def __str__(self):
        return f"{self.buyer} → {self.application.cooperative}"

    @property
    def cooperative_id(self):
        return self.application.cooperative_id


class Meeting(models.Model):
    """A 1:1 slot of the conference schedule, at a numbered table. The unique constraints make a
    double booking of a buyer, a producer or a table impossible in the database too (every
    meeting of an event starts on the slot grid and lasts one slot)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not recorded yet")
        NO_INTEREST = "no_interest", _("No interest")
        FOLLOW_UP = "follow_up", _("Follow-up agreed")
        MOU = "mou", _("Memorandum of understanding signed")
        CONTRACT = "contract", _("Contract signed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("conference"))
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("buyer"))
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("exhibitor")
    )
    table_number = models.PositiveSmallIntegerField(_("table"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    contract_value_vnd = models.PositiveBigIntegerField(_("contract value (VND)"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event", "starts_at", "table_number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "table_number", "starts_at"], name="meeting_table_free"),
            models.UniqueConstraint(fields=["buyer", "starts_at"], name="meeting_buyer_free"),
            models.UniqueConstraint(fields=["application", "starts_at"], name="meeting_producer_free"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_has_length"),
            models.CheckConstraint(
                condition=models.Q(outcome="contract") | models.Q(contract_value_vnd__isnull=True),
                name="meeting_value_only_for_contract",
            ),
        ]

    def __str__(self):
        return f"{self.buyer} × {self.application.cooperative} — {self.table_number}"
