import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop_portal.models import TimeStampedModel


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events the public may see: everything but drafts."""
        return self.exclude(status=Event.Status.DRAFT)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.public().filter(ends_on__gte=today).exclude(status=Event.Status.CANCELLED)

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.public().filter(ends_on__lt=today).exclude(status=Event.Status.CANCELLED)

    def open_for_applications(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Event.Status.OPEN, application_deadline__gte=today)


class Event(TimeStampedModel):
    """A trade-promotion event the Alliance brings cooperatives to: a fair, an exhibition, a
    supply–demand conference, a product-introduction week or an online fair."""

    class Kind(models.TextChoices):
        TRADE_FAIR = "trade_fair", _("Trade fair")
        EXHIBITION = "exhibition", _("Exhibition")
        CONFERENCE = "conference", _("Supply–demand conference")
        INTRO_WEEK = "intro_week", _("Product-introduction week")
        ONLINE_FAIR = "online_fair", _("Online fair")

    class Organiser(models.TextChoices):
        ALLIANCE = "alliance", _("The Cooperative Alliance")
        INDUSTRY_TRADE = "industry_trade", _("Department of Industry and Trade")
        AGRICULTURE = "agriculture", _("Department of Agriculture and Environment")
        OTHER_PROVINCE = "other_province", _("Another province")
        OTHER = "other", _("Other organiser")

    class Eligibility(models.TextChoices):
        CERTIFIED = "certified", _("OCOP-certified products only")
        PIPELINE = "pipeline", _("Certified products and products in the OCOP pipeline")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Applications closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRADE_FAIR)
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    organiser = models.CharField(_("organiser"), max_length=20, choices=Organiser.choices, default=Organiser.ALLIANCE)
    organiser_name = models.CharField(
        _("organiser's name"), max_length=255, blank=True, help_text=_("e.g. Sở Công Thương tỉnh Hà Nam")
    )
    in_province = models.BooleanField(_("in the province"), default=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    application_deadline = models.DateField(_("application deadline"))
    booth_count = models.PositiveIntegerField(
        _("number of booths"), help_text=_("How many cooperatives can be accepted as exhibitors.")
    )
    support_budget_vnd = models.PositiveBigIntegerField(
        _("support budget (VND)"), default=0, help_text=_("What the Alliance can spend on the cooperatives' support.")
    )
    eligibility = models.CharField(
        _("eligible products"), max_length=12, choices=Eligibility.choices, default=Eligibility.CERTIFIED
    )
    min_stars = models.PositiveSmallIntegerField(
        _("minimum stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(5)],
        help_text=_("Empty: any certified product (3 stars or more)."),
    )
    description = models.TextField(_("description"), blank=True)
    poster = models.ImageField(_("poster"), upload_to="fairs/posters/%Y/", blank=True)
    booth_plan = models.ImageField(
        _("booth plan"),
        upload_to="fairs/plans/%Y/",
        blank=True,
        help_text=_("A picture of the booths with their numbers."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    outcomes_published = models.BooleanField(
        _("outcome totals published"), default=False, help_text=_("Show the outcome totals on the public page.")
    )
    # Supply–demand conference: the matchmaking session that the scheduler fills.
    meeting_day = models.DateField(_("matchmaking day"), null=True, blank=True)
    meeting_start = models.TimeField(_("meetings start at"), null=True, blank=True)
    meeting_end = models.TimeField(_("meetings end at"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=20, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    table_count = models.PositiveSmallIntegerField(_("meeting tables"), default=0)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("trade-promotion event")
        verbose_name_plural = _("trade-promotion events")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_dates_ordered",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(application_deadline__lte=models.F("starts_on")),
                name="event_deadline_before_start",
                violation_error_message=_("The application deadline must be on or before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_stars__isnull=True) | models.Q(min_stars__gte=3, min_stars__lte=5),
                name="event_min_stars_3_5",
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("fairs:event", kwargs={"slug": self.slug})

    @property
    def is_conference(self) -> bool:
        return self.kind == self.Kind.CONFERENCE

    def accepts_applications_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and day <= self.application_deadline

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue, self.address) if part)


class BoothType(models.Model):
    """A kind of booth an event offers (standard 3×3 m, corner, shared), with its fee."""

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Standard booth")
        CORNER = "corner", _("Corner booth")
        SHARED = "shared", _("Shared booth")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booth_types", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STANDARD)
    size = models.CharField(_("size"), max_length=40, blank=True, default="3×3 m")
    fee_vnd = models.PositiveBigIntegerField(_("booth fee (VND)"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("booth type")
        verbose_name_plural = _("booth types")
        ordering = ["event", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="booth_type_once_per_event")]

    def __str__(self):
        label = self.get_kind_display()
        return f"{label} ({self.size})" if self.size else str(label)

    @property
    def is_shared(self) -> bool:
        return self.kind == self.Kind.SHARED


class EventSupport(models.Model):
    """What the Alliance pays for a cooperative at an event: a share of a cost, or a fixed
    amount per cooperative."""

    class Kind(models.TextChoices):
        BOOTH_FEE = "booth_fee", _("Booth fee")
        TRANSPORT = "transport", _("Transport")
        ACCOMMODATION = "accommodation", _("Accommodation")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="supports", verbose_name=_("event"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    share_percent = models.PositiveSmallIntegerField(
        _("share of the cost (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    amount_vnd = models.PositiveBigIntegerField(_("amount per cooperative (VND)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("support offered")
        verbose_name_plural = _("support offered")
        ordering = ["event", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="event_support_once_per_kind"),
            models.CheckConstraint(
                condition=(models.Q(share_percent__isnull=True) & models.Q(amount_vnd__isnull=False))
                | (models.Q(share_percent__isnull=False) & models.Q(amount_vnd__isnull=True)),
                name="event_support_share_or_amount",
                violation_error_message=_("Give either a share of the cost or an amount per cooperative, not both."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.rule_label}"

    @property
    def rule_label(self) -> str:
        from ocop_portal.templatetags.portal import vnd

        if self.share_percent is not None:
            return _("%(percent)s%% of the cost") % {"percent": self.share_percent}
        return _("%(amount)s per cooperative") % {"amount": vnd(self.amount_vnd)}

    @property
    def needs_cost(self) -> bool:
        """A share of a cost the cooperative must state (the booth fee is known)."""
        return self.share_percent is not None and self.kind != self.Kind.BOOTH_FEE

    def granted_for(self, *, cost_vnd: int | None) -> int:
        """What the Alliance pays under this rule for a cost of `cost_vnd` (whole đồng)."""
        if self.amount_vnd is not None:
            return self.amount_vnd if cost_vnd is None else min(self.amount_vnd, cost_vnd)
        return (cost_vnd or 0) * self.share_percent // 100
