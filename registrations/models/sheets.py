"""Score sheets as data: a criteria version × a product set → parts → groups → criteria →
options with points. Sheets are imported (registrations.services.sheets_import), never typed
into code; a registration keeps the sheet it was filed on, so versions live side by side."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop_portal.dates import months_after
from ocop_portal.models import TimeStampedModel

STAR_LEVELS = (3, 4, 5)


def _stars_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        choices=[(level, "★" * level) for level in STAR_LEVELS],
        help_text=_("Empty, or the star level (3, 4 or 5) that requires this."),
    )


class CriteriaVersionQuerySet(models.QuerySet):
    def in_force(self, on):
        """The version in force on a day: the latest that started by then (else the earliest)."""
        started = self.filter(valid_from__lte=on).order_by("-valid_from", "-pk").first()
        return started or self.order_by(models.F("valid_from").asc(nulls_first=True), "pk").first()


class CriteriaVersion(models.Model):
    """A version of the OCOP criteria (e.g. Decision 148/QĐ-TTg of 2023), with the star bands
    and the certificates' validity it uses. Both are data: a later decision may change them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    scheme = models.ForeignKey(
        "products.ClassificationScheme",
        on_delete=models.PROTECT,
        related_name="criteria_versions",
        verbose_name=_("classification scheme"),
        help_text=_("The product sets this version's sheets belong to."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    band_5 = models.DecimalField(_("5 stars from"), max_digits=5, decimal_places=2, default=Decimal(90))
    band_4 = models.DecimalField(_("4 stars from"), max_digits=5, decimal_places=2, default=Decimal(70))
    band_3 = models.DecimalField(_("3 stars from"), max_digits=5, decimal_places=2, default=Decimal(50))
    band_2 = models.DecimalField(_("2 stars from"), max_digits=5, decimal_places=2, default=Decimal(30))
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "A certificate decided under these criteria is valid this many months, to the same day of the last "
            "month (Civil Code 2015, Art. 147–148): 25/03/2026 → 25/03/2029."
        ),
    )

    objects = CriteriaVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria version")
        verbose_name_plural = _("criteria versions")
        ordering = ["-valid_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(band_5__gt=models.F("band_4"))
                & models.Q(band_4__gt=models.F("band_3"))
                & models.Q(band_3__gt=models.F("band_2"))
                & models.Q(band_2__gt=0),
                name="criteria_version_bands_ordered",
                violation_error_message=_("The star bands must go up from 2 to 5 stars."),
            )
        ]

    def __str__(self):
        return self.name

    def certificate_valid_until(self, decision_date):
        """The last day a certificate decided on `decision_date` under these criteria is valid."""
        return months_after(decision_date, self.certificate_validity_months)

    def bands(self) -> list[tuple[int, Decimal]]:
        """(stars, lowest score) from the highest band down."""
        return [(5, self.band_5), (4, self.band_4), (3, self.band_3), (2, self.band_2)]


class ScoreSheetQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ScoreSheet(TimeStampedModel):
    """The score sheet of one product set in one criteria version."""

    version = models.ForeignKey(
        CriteriaVersion, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("criteria version")
    )
    product_set = models.ForeignKey(
        "products.ProductSet", on_delete=models.PROTECT, related_name="score_sheets", verbose_name=_("product set")
    )
    is_active = models.BooleanField(
        _("used for new dossiers"),
        default=True,
        help_text=_("New dossiers of this product set are filed on the active sheet (one per product set)."),
    )
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    source_digest = models.CharField(
        _("file fingerprint"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 of the shipped file it was loaded from (empty for a sheet imported by hand)."),
    )
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2, default=0)
    warnings = models.JSONField(
        _("import notes"), default=list, blank=True, help_text=_("The import rules applied to this sheet's file.")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["product_set__position", "-version__valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["version", "product_set"], name="score_sheet_unique_per_version_set"),
            models.UniqueConstraint(
                fields=["product_set"], condition=models.Q(is_active=True), name="score_sheet_one_active_per_set"
            ),
        ]

    def __str__(self):
        return f"{self.product_set} — {self.version}"


class SheetPart(models.Model):
    """Part A (product and community strength), B (marketing) or C (quality)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="parts", verbose_name=_("sheet"))
    code = models.CharField(_("code"), max_length=3)
    title = models.TextField(_("title"))
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sheet part")
        verbose_name_plural = _("sheet parts")
        ordering = ["sheet", "position"]
        constraints = [models.UniqueConstraint(fields=["sheet", "code"], name="sheet_part_code_unique")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class CaseChoice(models.Model):
    """A choice a scorecard makes once: which of the alternative cases of a criteria group applies
    to the product ("Trường hợp 1: Cộng đồng dịch vụ du lịch" / "Trường hợp 2: Điểm dịch vụ du
    lịch" on the tourism sheet). Groups whose cases are the same share one choice, made once for
    the whole sheet; a group with cases of its own has a choice of its own. Only the chosen
    case's criteria are shown, required and counted."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="case_choices", verbose_name=_("sheet")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice of case")
        verbose_name_plural = _("choices of case")
        ordering = ["sheet", "position"]

    def __str__(self):
        return " / ".join(str(case) for case in self.cases.all())


class CriteriaCase(models.Model):
    """One alternative of a choice, numbered as the sheet numbers it ("Trường hợp 2")."""

    choice = models.ForeignKey(CaseChoice, on_delete=models.CASCADE, related_name="cases", verbose_name=_("choice"))
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.TextField(_("label"))
    source_row = models.PositiveIntegerField(_("row in the imported file"), null=True, blank=True)

    class Meta:
        verbose_name = _("alternative case")
        verbose_name_plural = _("alternative cases")
        ordering = ["choice", "number"]
        constraints = [models.UniqueConstraint(fields=["choice", "number"], name="criteria_case_number_unique")]

    def __str__(self):
        return _("Case %(number)s: %(label)s") % {"number": self.number, "label": self.label}


class CriteriaGroup(models.Model):
    part = models.ForeignKey(SheetPart, on_delete=models.CASCADE, related_name="groups", verbose_name=_("part"))
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    case_choice = models.ForeignKey(
        CaseChoice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("choice of case"),
        help_text=_("Set when the group holds alternative criteria for different kinds of producer."),
    )

    class Meta:
        verbose_name = _("criteria group")
        verbose_name_plural = _("criteria groups")
        ordering = ["part", "position"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """A criterion: the evaluator picks one of its options (or none, for 0 points)."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("sheet"), editable=False
    )
    group = models.ForeignKey(CriteriaGroup, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("group"))
    title = models.TextField(_("title"))
    description = models.TextField(_("requirement or note"), blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    required_stars = _stars_field(_("required for"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    source_row = models.PositiveIntegerField(_("row in the imported file"), null=True, blank=True)
    case = models.ForeignKey(
        CriteriaCase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("alternative case"),
        help_text=_("Empty: the criterion always counts. Set: only when the scorecard chose this case."),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["group__part__position", "group__position", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(required_stars__isnull=True) | models.Q(required_stars__in=STAR_LEVELS),
                name="criterion_required_stars_3_5",
            )
        ]

    def __str__(self):
        return self.title


class Option(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="options", verbose_name=_("criterion")
    )
    label = models.TextField(_("label"))
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    required_stars = _stars_field(_("required for"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    source_row = models.PositiveIntegerField(_("row in the imported file"), null=True, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["criterion", "position"]
        constraints = [
            models.CheckConstraint(condition=models.Q(points__gte=0), name="option_points_not_negative"),
            models.CheckConstraint(
                condition=models.Q(required_stars__isnull=True) | models.Q(required_stars__in=STAR_LEVELS),
                name="option_required_stars_3_5",
            ),
        ]

    def __str__(self):
        return self.label


class ProductCodeSerial(models.Model):
    """The last serial used in product codes of a year (`37-14608-003-2026` → 3 in 2026).
    Locked with select_for_update while a certificate is issued, so two issues at once never
    take the same number."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=[MaxValueValidator(9999)])
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("product code serial")
        verbose_name_plural = _("product code serials")

    def __str__(self):
        return f"{self.year}: {self.last_serial}"
