import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop_portal.dates import months_after
from ocop_portal.models import SearchTextMixin, TimeStampedModel
from ocop_portal.text import fold
from ocop_portal.validators import validate_gtin

from .validators import validate_product_code

# Only when no criteria version exists at all (the versions carry the real period).
FALLBACK_VALIDITY_MONTHS = 36


# --- Classification (versioned reference data) ------------------------------------------------


class ClassificationScheme(models.Model):
    """A version of the OCOP classification, e.g. the 2019 plan's four groups or the
    6-sector / 26-set scheme of Decision 148/2023. Old records keep the set they were filed in."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    is_current = models.BooleanField(_("current scheme"), default=False)

    class Meta:
        verbose_name = _("classification scheme")
        verbose_name_plural = _("classification schemes")
        ordering = ["-is_current", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_scheme"
            )
        ]

    def __str__(self):
        return self.name


class ClassificationNameMixin:
    """A classification level's name in the interface language: the English label on /en/
    when one is filled in, else the official Vietnamese name."""

    @property
    def label(self) -> str:
        return self.name_en if self.name_en and (get_language() or "").startswith("en") else self.name


class Sector(ClassificationNameMixin, models.Model):
    scheme = models.ForeignKey(
        ClassificationScheme, on_delete=models.CASCADE, related_name="sectors", verbose_name=_("scheme")
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["scheme", "position"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="sector_code_unique_per_scheme")]

    def __str__(self):
        return f"{self.code}. {self.name}"


class ProductGroup(ClassificationNameMixin, models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="groups", verbose_name=_("sector"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        ordering = ["sector", "position"]
        constraints = [models.UniqueConstraint(fields=["sector", "code"], name="group_code_unique_per_sector")]

    def __str__(self):
        return self.name


class ProductSet(ClassificationNameMixin, models.Model):
    """A product set ("bộ sản phẩm"): each has its own score sheet."""

    group = models.ForeignKey(
        ProductGroup, on_delete=models.CASCADE, related_name="product_sets", verbose_name=_("group")
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("Number in the national classification, e.g. 03."))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_service = models.BooleanField(_("service (no samples)"), default=False)

    class Meta:
        verbose_name = _("product set")
        verbose_name_plural = _("product sets")
        ordering = ["group__sector__scheme", "position"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="set_code_unique_per_group")]

    def __str__(self):
        return f"{self.code} {self.name}"


class QualityStandard(models.Model):
    """A quality-system certification a product may hold (VietGAP, organic, ISO 22000…)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("quality certification")
        verbose_name_plural = _("quality certifications")
        ordering = ["name"]

    def __str__(self):
        return self.name


# --- Products ---------------------------------------------------------------------------------


class ProductQuerySet(models.QuerySet):
    def certified(self):
        """Products shown in the public showcase: active, with a valid OCOP certificate."""
        return self.filter(status=Product.Status.ACTIVE, stars__isnull=False)

    def search(self, query):
        from ocop_portal.text import search_filter

        return self.filter(search_filter("search_text", query))


class Product(SearchTextMixin, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("On sale")
        ARCHIVED = "archived", _("Archived")

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="products", verbose_name=_("producer")
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    product_set = models.ForeignKey(
        ProductSet, on_delete=models.PROTECT, related_name="products", verbose_name=_("product set")
    )
    description = models.TextField(_("description"), blank=True)
    story = models.TextField(_("product story"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("e.g. kg, bottle, box"))
    packaging = models.CharField(_("packaging"), max_length=255, blank=True)
    price_min = models.PositiveBigIntegerField(_("lowest price (VND)"), null=True, blank=True)
    price_max = models.PositiveBigIntegerField(_("highest price (VND)"), null=True, blank=True)
    ingredients = models.TextField(_("ingredients"), blank=True)
    specification = models.TextField(_("specification"), blank=True)
    where_to_buy = models.TextField(_("where to buy"), blank=True)
    quality_standards = models.ManyToManyField(
        QualityStandard, blank=True, related_name="products", verbose_name=_("quality certifications")
    )
    barcode = models.CharField(_("barcode (GTIN)"), max_length=14, blank=True, validators=[validate_gtin])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # Derived from the product's valid certificate (products.services.product_sync_stars);
    # stored so the showcase can filter and count by stars without a subquery.
    stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True, editable=False)
    certified_at = models.DateField(_("certified on"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    # The folded name alone: a search ranks name matches first and corrects typos against it.
    search_name = models.CharField(max_length=255, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "search_name", "updated_at", "stars", "certified_at"])
    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_min__lte=models.F("price_max")),
                name="product_price_range_ordered",
                violation_error_message=_("The lowest price cannot exceed the highest price."),
            ),
            models.CheckConstraint(
                condition=models.Q(stars__isnull=True) | models.Q(stars__gte=1, stars__lte=5),
                name="product_stars_1_5",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "stars"]),
            models.Index(fields=["-certified_at"]),
            # Covers the catalogue's facet counts (stars × category × producer) of the certified
            # products: PostgreSQL answers them from the index alone.
            models.Index(
                fields=["stars", "product_set", "cooperative"],
                condition=models.Q(status="active", stars__isnull=False),
                name="product_certified_facets",
            ),
            # The catalogue's pages in each sort, read in order from an index.
            models.Index(
                F("certified_at").desc(),
                F("id").desc(),
                condition=models.Q(status="active", stars__isnull=False),
                name="product_certified_newest",
            ),
            models.Index(
                F("stars").desc(),
                F("certified_at").desc(),
                F("id").desc(),
                condition=models.Q(status="active", stars__isnull=False),
                name="product_certified_best",
            ),
            models.Index(
                Collate("name", "vi-x-icu"),
                "id",
                condition=models.Q(status="active", stars__isnull=False),
                name="product_certified_name_vi",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("showcase:product", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def search_text_parts(self) -> list[str]:
        cooperative = self.cooperative
        commune = cooperative.commune.name if cooperative.commune_id else ""
        return [self.name, cooperative.name, commune, cooperative.former_district]


class ProductPhoto(TimeStampedModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos", verbose_name=_("product"))
    image = models.ImageField(_("image"), upload_to="products/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail (WebP)"), upload_to="products/thumbs/%Y/%m/", blank=True, editable=False)
    thumbnail_fallback = models.ImageField(
        _("thumbnail (JPEG)"), upload_to="products/thumbs/%Y/%m/", blank=True, editable=False
    )
    alt_text = models.CharField(
        _("alternative text"), max_length=255, blank=True, help_text=_("What the photo shows, for screen readers.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["product", "position", "pk"]

    def __str__(self):
        return self.alt_text or self.product.name

    @property
    def cooperative_id(self):
        return self.product.cooperative_id


# --- Certificates -----------------------------------------------------------------------------


def default_valid_until(start: datetime.date) -> datetime.date:
    """The last valid day of a certificate decided on `start`: the validity period of the criteria
    version in force that day (36 months under Decision 148/2023), counted as the Civil Code
    counts months (ocop_portal.dates): 25/03/2026 → 25/03/2029, 29/02/2024 → 28/02/2027."""
    from registrations.models import CriteriaVersion

    version = CriteriaVersion.objects.in_force(start)
    months = version.certificate_validity_months if version else FALLBACK_VALIDITY_MONTHS
    return months_after(start, months)


class CertificateQuerySet(models.QuerySet):
    def valid(self, on=None):
        on = on or timezone.localdate()
        return self.filter(status=Certificate.Status.VALID, valid_from__lte=on, valid_until__gte=on)


class Certificate(TimeStampedModel):
    """An OCOP recognition of a product with its stars, issued by a decision."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    class RevocationGround(models.TextChoices):
        FALSE_DOSSIER = "false_dossier", _("False or forged dossier")
        CRITERIA_NOT_MET = "criteria_not_met", _("No longer meets the criteria")
        QUALITY_VIOLATION = "quality_violation", _("Quality or food-safety violation")
        IP_VIOLATION = "ip_violation", _("Intellectual-property violation")
        LABELLING_VIOLATION = "labelling_violation", _("Labelling violation")
        MARK_MISUSE = "mark_misuse", _("Misuse of the OCOP mark")
        PRODUCTION_STOPPED = "production_stopped", _("Production stopped")
        OTHER = "other", _("Other findings")

    class Issuer(models.TextChoices):
        PROVINCE = "province", _("Provincial People's Committee")
        NATIONAL = "national", _("Prime Minister / national council")

    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("product")
    )
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(3), MaxValueValidator(5)])
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issuing body"), max_length=20, choices=Issuer.choices, default=Issuer.PROVINCE)
    issuer_name = models.CharField(_("issuer's name"), max_length=200, blank=True, default="UBND tỉnh Ninh Bình")
    valid_from = models.DateField(_("valid from"), blank=True, help_text=_("Empty: the decision date."))
    valid_until = models.DateField(
        _("valid until"),
        blank=True,
        help_text=_("Empty: the validity of the criteria in force (36 months), to the same day."),
    )
    product_code = models.CharField(
        _("product code"),
        max_length=40,
        unique=True,
        validators=[validate_product_code],
        help_text=_("province-commune-serial-year, e.g. 37-14464-003-2026"),
        error_messages={"unique": _("Another certificate already has this product code.")},
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    revocation_ground = models.CharField(
        _("revocation ground"), max_length=30, choices=RevocationGround.choices, blank=True
    )
    revocation_note = models.TextField(_("revocation note"), blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("previous certificate"),
        help_text=_("The certificate this one re-rates."),
    )
    reminders_sent = models.JSONField(_("reminders sent"), default=list, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        ordering = ["-decision_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stars__gte=3, stars__lte=5), name="certificate_stars_3_5"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="certificate_validity_ordered",
                violation_error_message=_("The end of validity must come after its start."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="revoked") | ~models.Q(revocation_ground=""),
                name="certificate_revocation_has_ground",
                violation_error_message=_("A revoked certificate needs a revocation ground."),
            ),
            models.UniqueConstraint(
                fields=["decision_number", "product"], name="certificate_decision_unique_per_product"
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self):
        return f"{self.product_code} — {self.product} ({self.stars}★)"

    def get_absolute_url(self):
        return reverse("showcase:certificate_check") + f"?q={self.product_code}"

    @property
    def cooperative_id(self):
        return self.product.cooperative_id

    def save(self, *args, **kwargs):
        if not self.valid_from and self.decision_date:
            self.valid_from = self.decision_date
        if not self.valid_until and self.valid_from:
            self.valid_until = default_valid_until(self.valid_from)
        super().save(*args, **kwargs)

    def is_valid_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.status == self.Status.VALID and self.valid_from <= day <= self.valid_until

    @property
    def effective_status(self) -> str:
        """The status as of today, even before the nightly task has marked an expiry."""
        if self.status == self.Status.VALID and self.valid_until and self.valid_until < timezone.localdate():
            return self.Status.EXPIRED
        return self.status
