"""The 5-star path: a dossier the province forwarded to the national council, and the
national decision on it (number, date, issuing ministry, the stars it gives)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel


class NationalReviewQuerySet(models.QuerySet):
    def waiting(self):
        """Forwarded and still waiting for the national decision, the longest waiting first."""
        return self.filter(decided_at__isnull=True, registration__state="forwarded_national").order_by(
            "forwarded_at", "pk"
        )


class NationalReview(TimeStampedModel):
    """One dossier's passage through the national council. Written only by
    registrations.services.national: the forward (the province's letter, the ministry it went
    to) and then the decision (the national council may rate the product lower than the
    province's 5 stars; the certificate follows the decision)."""

    registration = models.OneToOneField(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="national_review",
        verbose_name=_("dossier"),
    )
    ministry = models.CharField(
        _("ministry"),
        max_length=200,
        help_text=_("The ministry whose council evaluates the product and which decides on it."),
    )
    dispatch_number = models.CharField(_("number of the province's letter"), max_length=50, blank=True)
    dispatch_date = models.DateField(_("date of the province's letter"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), default=timezone.now)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded by"),
    )
    decision_number = models.CharField(_("national decision number"), max_length=50, blank=True)
    decision_date = models.DateField(_("national decision date"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(
        _("stars of the national decision"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    score = models.DecimalField(
        _("national council's score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    decided_at = models.DateTimeField(_("decision recorded at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision recorded by"),
    )

    objects = NationalReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("national council review")
        verbose_name_plural = _("national council reviews")
        ordering = ["forwarded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__isnull=True) | models.Q(stars__gte=1, stars__lte=5),
                name="national_review_stars_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="national_review_score_0_100",
            ),
            # A decision is recorded whole (number, date, stars) or not at all.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        decided_at__isnull=True, stars__isnull=True, decision_date__isnull=True, decision_number=""
                    )
                )
                | (
                    models.Q(decided_at__isnull=False, stars__isnull=False, decision_date__isnull=False)
                    & ~models.Q(decision_number="")
                ),
                name="national_review_decision_whole",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} → {self.ministry}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None

    def days_waiting(self, now=None) -> int:
        """Whole days since the dossier was forwarded (until the decision, once recorded)."""
        end = self.decided_at or now or timezone.now()
        return (end - self.forwarded_at).days
