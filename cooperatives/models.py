from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop_portal.models import TimeStampedModel
from ocop_portal.text import fold
from ocop_portal.validators import registration_number_validator, validate_phone


class CooperativeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Cooperative.Status.ACTIVE)

    def search(self, query):
        from ocop_portal.text import search_filter

        return self.filter(search_filter("search_text", query))


class Cooperative(TimeStampedModel):
    """An OCOP producer ("chủ thể OCOP"): a cooperative, a group, an enterprise, a household."""

    class Kind(models.TextChoices):
        COOPERATIVE = "htx", _("Cooperative (HTX)")
        UNION = "lien_hiep_htx", _("Cooperative union")
        GROUP = "to_hop_tac", _("Cooperative group (THT)")
        ENTERPRISE = "doanh_nghiep", _("Enterprise")
        HOUSEHOLD = "ho_kinh_doanh", _("Household business")
        FARM = "trang_trai", _("Farm")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COOPERATIVE)
    registration_number = models.CharField(
        _("registration / tax number"),
        max_length=20,
        blank=True,
        validators=[registration_number_validator],
        help_text=_("10 digits, e.g. 2700123456; leave empty if not known yet."),
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    commune = models.ForeignKey(
        "places.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperatives",
        verbose_name=_("commune / ward"),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    former_district = models.CharField(
        _("former district"), max_length=100, blank=True, help_text=_("District before the 2025 reform, as text.")
    )
    former_address = models.CharField(
        _("former address"), max_length=255, blank=True, help_text=_("The address as written before the 2025 reform.")
    )
    legal_representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    legal_representative_sex = models.CharField(
        _("representative's sex"), max_length=10, choices=Sex.choices, blank=True
    )
    legal_representative_ethnicity = models.CharField(
        _("representative's ethnicity"), max_length=50, blank=True, default="Kinh"
    )
    leader_name = models.CharField(_("leader (director)"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    members_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    is_alliance_member = models.BooleanField(_("member of the Alliance"), default=True)
    ocop_joined_year = models.PositiveSmallIntegerField(
        _("year joined OCOP"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
    )
    newly_founded = models.BooleanField(
        _("newly founded under the programme"),
        default=False,
        help_text=_("Counts toward the plan's new-cooperative target."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="cooperatives/logos/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = CooperativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="cooperative_registration_number_unique",
                violation_error_message=_("Another producer already has this registration number."),
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("showcase:producer", kwargs={"slug": self.slug})

    @property
    def representative_bonus(self) -> bool:
        """A woman or ethnic-minority legal representative earns a point on the score sheet."""
        ethnicity = fold(self.legal_representative_ethnicity)
        return self.legal_representative_sex == self.Sex.FEMALE or bool(ethnicity and ethnicity != "kinh")

    def build_search_text(self) -> str:
        commune = self.commune.name if self.commune_id else ""
        return fold(" ".join([self.name, commune, self.former_district, self.registration_number]))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Membership(TimeStampedModel):
    """A user's seat in a cooperative's space. One cooperative per user; a manager can invite
    and remove the others."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        MEMBER = "member", _("Member")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cooperative")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("cooperative account")
        verbose_name_plural = _("cooperative accounts")

    def __str__(self):
        return f"{self.user} — {self.cooperative} ({self.get_role_display()})"
