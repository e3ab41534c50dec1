from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop_portal.models import SearchTextMixin, TimeStampedModel
from ocop_portal.text import fold
from ocop_portal.uploads import get_private_storage
from ocop_portal.validators import registration_number_validator, validate_phone


class CooperativeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Cooperative.Status.ACTIVE)

    def search(self, query):
        from ocop_portal.text import search_filter

        return self.filter(search_filter("search_text", query))


class Cooperative(SearchTextMixin, TimeStampedModel):
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

    def search_text_parts(self) -> list[str]:
        commune = self.commune.name if self.commune_id else ""
        return [self.name, commune, self.former_district, self.registration_number]


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


class LegalChangeRequest(TimeStampedModel):
    """A cooperative asks staff to change its legal identity (name, registration number, type):
    these do not change from the space at once. Approval applies them
    (cooperatives.services.legal_change_approve)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="legal_change_requests", verbose_name=_("cooperative")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    name = models.CharField(_("name"), max_length=255)
    registration_number = models.CharField(
        _("registration / tax number"), max_length=20, blank=True, validators=[registration_number_validator]
    )
    kind = models.CharField(_("type"), max_length=20, choices=Cooperative.Kind.choices)
    # What the cooperative was called when the request was made, for the reviewer.
    previous = models.JSONField(_("values before"), default=dict, editable=False)
    document = models.FileField(
        _("supporting document"),
        storage=get_private_storage,
        upload_to="legal-changes/%Y/",
        blank=True,
        help_text=_("e.g. the new business registration certificate (PDF or photo)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_note = models.TextField(_("note to the cooperative"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("legal identity change request")
        verbose_name_plural = _("legal identity change requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative"],
                condition=models.Q(status="pending"),
                name="legal_change_one_pending_per_cooperative",
            )
        ]

    def __str__(self):
        return f"{self.cooperative} → {self.name}"

    def changes(self) -> list[tuple[str, str, str]]:
        """(field label, before, requested) for each field the request changes."""
        rows = []
        for field in ("name", "registration_number", "kind"):
            before = self.previous.get(field, "")
            after = getattr(self, field)
            if before != after:
                if field == "kind":
                    before = Cooperative.Kind(before).label if before in Cooperative.Kind.values else before
                    after = self.get_kind_display()
                rows.append((self._meta.get_field(field).verbose_name, before, after))
        return rows


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[SupportRequest.Status.NEW, SupportRequest.Status.IN_PROGRESS])


class SupportRequest(TimeStampedModel):
    """A cooperative asks the Alliance for help (the plan's support to cooperatives). Staff work
    it in the admin: assignee, status new → in progress → done / declined, notes the
    cooperative reads in its space."""

    class Kind(models.TextChoices):
        TRADEMARK = "trademark", _("Trademark / brand registration")
        BARCODE = "barcode", _("Barcode registration")
        QR_TRACEABILITY = "qr_traceability", _("QR code traceability")
        DESIGN = "design", _("Logo, label or leaflet design")
        OCOP_PAPERWORK = "ocop_paperwork", _("OCOP recognition paperwork")
        LOAN = "loan", _("Loan from the cooperative development fund")
        TRAINING = "training", _("Training")
        FAIR = "fair", _("Taking part in a fair")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="support_requests", verbose_name=_("cooperative")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    amount = models.PositiveBigIntegerField(
        _("amount (VND)"), null=True, blank=True, help_text=_("For a loan: the amount asked for, in đồng.")
    )
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("product concerned"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_support_requests",
        verbose_name=_("assigned to"),
        limit_choices_to={"is_staff": True},
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="loan") | models.Q(amount__gt=0),
                name="support_loan_has_amount",
                violation_error_message=_("Enter the amount of the loan."),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.IN_PROGRESS)


def _support_upload_to(instance, filename):
    return f"support/{instance.request.cooperative_id}/{filename}"


class SupportAttachment(TimeStampedModel):
    """A document sent with a support request: private storage only, downloaded through a view
    that checks the cooperative."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("support request")
    )
    file = models.FileField(_("file"), storage=get_private_storage, upload_to=_support_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["request", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def cooperative_id(self):
        return self.request.cooperative_id


class SupportNote(TimeStampedModel):
    """A note staff write on a support request; the cooperative reads it in its space."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("support request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"))
    status_to = models.CharField(
        _("status set"), max_length=12, choices=SupportRequest.Status.choices, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["request", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class PersonQuerySet(models.QuerySet):
    def current(self):
        """People still with the cooperative."""
        return self.filter(is_active=True)

    def leaders(self):
        return self.filter(is_active=True, is_leader=True)


class Person(TimeStampedModel):
    """A named person of a cooperative (its leader, a member, an employee) who can be signed up
    for a training. At most one current person is the cooperative's leader: changing the leader
    (cooperatives.people.person_make_leader) moves the flag, and the history keeps who led when.
    A person need not have an account; `user` links one when they do."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="people", verbose_name=_("cooperative")
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=100, blank=True, help_text=_("e.g. Giám đốc, thành viên"))
    is_leader = models.BooleanField(
        _("leader of the cooperative"), default=False, help_text=_("The director or head who should be trained.")
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Cooperative.Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("account"),
    )
    is_active = models.BooleanField(_("still with the cooperative"), default=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["cooperative", "-is_leader", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative"],
                condition=models.Q(is_leader=True, is_active=True),
                name="person_one_current_leader",
                violation_error_message=_("This cooperative already has a leader."),
            ),
        ]

    def __str__(self):
        return self.full_name
