"""Programme plans, their targets and the period reports generated from them.

A target names a metric of the code's registry (plans.metrics) by its stable code; the value it
reaches is never stored but computed from the records each time (plans.selectors)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop_portal.models import TimeStampedModel
from ocop_portal.uploads import get_private_storage


def plan_document_path(instance, filename):
    return f"plans/documents/{filename}"


def report_path(instance, filename):
    return f"plans/reports/{instance.pk or 'new'}/{filename}"


class PlanQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Plan.Status.IN_FORCE)


class Plan(TimeStampedModel):
    """A programme plan ("kế hoạch"): a period, the document that issued it, its targets."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=255)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    document_issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    document_file = models.FileField(
        _("document file"), storage=get_private_storage, upload_to=plan_document_path, max_length=255, blank=True
    )
    starts_on = models.DateField(pgettext_lazy("period", "from"))
    ends_on = models.DateField(pgettext_lazy("period", "to"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("notes"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme plan")
        verbose_name_plural = _("programme plans")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="plan_period_ordered",
                violation_error_message=_("The period must end on or after the day it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("plans:plan", kwargs={"pk": self.pk})

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period must end on or after the day it starts.")})


class Target(models.Model):
    """What a plan aims for on one metric: a figure (or a range "20–25"), optionally broken
    down by commune / former district or sector. `target_value` empty: the plan names the
    activity without a figure; the value is tracked without a percentage."""

    class Breakdown(models.TextChoices):
        NONE = "", _("No breakdown")
        COMMUNE = "commune", _("By commune")
        DISTRICT = "district", _("By former district")
        SECTOR = "sector", _("By sector")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    metric = models.CharField(_("metric"), max_length=60)
    wording = models.CharField(
        _("as the plan states it"), max_length=500, blank=True, help_text=_("e.g. at least 25 cooperatives")
    )
    target_value = models.DecimalField(
        _("target"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("A target cannot be negative."))],
        help_text=_("A number, or a percentage for a percentage metric. Empty: tracked without a figure."),
    )
    target_max = models.DecimalField(
        _("upper end of the range"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("A target cannot be negative."))],
        help_text=_("For a range such as 20–25: the 25."),
    )
    breakdown = models.CharField(_("breakdown"), max_length=10, choices=Breakdown.choices, blank=True, default="")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True) | models.Q(target_value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(target_max__isnull=True)
                | models.Q(target_value__isnull=False, target_max__gte=models.F("target_value")),
                name="target_range_ordered",
                violation_error_message=_("The upper end of the range must be at least the target."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} — {self.metric_name}"

    def clean(self):
        from .metrics import PERCENT, registry

        metric = registry.get(self.metric)
        if metric is None:
            raise ValidationError({"metric": _("This metric does not exist. Choose one from the list.")})
        if self.breakdown and self.breakdown not in metric.breakdowns:
            raise ValidationError({"breakdown": _("This metric cannot be broken down this way.")})
        if metric.unit == PERCENT and self.target_value is not None and self.target_value > 100:
            raise ValidationError({"target_value": _("A percentage target cannot exceed 100.")})
        if self.target_max is not None and self.target_value is None:
            raise ValidationError({"target_value": _("Give the lower end of the range as well.")})
        if self.target_max is not None and self.target_max < self.target_value:
            raise ValidationError({"target_max": _("The upper end of the range must be at least the target.")})

    @property
    def metric_name(self) -> str:
        from .metrics import registry

        metric = registry.get(self.metric)
        return str(metric.name) if metric else self.metric


class Report(TimeStampedModel):
    """A generated period report (Word and Excel), built by a Celery task with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being generated")
        DONE = "done", _("Ready")
        FAILED = "failed", pgettext_lazy("report", "Failed")

    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name=_("plan")
    )
    starts_on = models.DateField(pgettext_lazy("period", "from"))
    ends_on = models.DateField(pgettext_lazy("period", "to"))
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    docx = models.FileField(_("Word document"), storage=get_private_storage, upload_to=report_path, blank=True)
    xlsx = models.FileField(_("Excel workbook"), storage=get_private_storage, upload_to=report_path, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="report_period_ordered"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_0_100"),
        ]

    def __str__(self):
        return f"{self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("plans:report", kwargs={"pk": self.pk})
