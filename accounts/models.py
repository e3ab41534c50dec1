from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative


class EmailUserManager(UserManager):
    """Users sign in with their email address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=5, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[-1]

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class SignupRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=SignupRequest.Status.PENDING)


class SignupRequest(models.Model):
    """A person asks for an account in a cooperative's space: for a cooperative already in the
    registry, or for a new one described here. Staff approve or reject it in the admin
    (accounts.services.signup_approve / signup_reject)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # The applicant
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=20)
    position = models.CharField(
        _("position in the cooperative"), max_length=100, blank=True, help_text=_("e.g. director, accountant")
    )
    # The password the applicant chose, hashed; it becomes the account's password on approval.
    password_hash = models.CharField(max_length=128, editable=False)
    message = models.TextField(_("message to the Alliance"), blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True, editable=False)

    # Either an existing cooperative ...
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signup_requests",
        verbose_name=_("cooperative"),
    )
    # ... or a new one, described by its main details.
    new_name = models.CharField(_("new cooperative's name"), max_length=255, blank=True)
    new_kind = models.CharField(_("type"), max_length=20, blank=True, choices=Cooperative.Kind.choices)
    new_registration_number = models.CharField(_("registration / tax number"), max_length=20, blank=True)
    new_commune = models.ForeignKey(
        "places.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune / ward"),
    )
    new_street_address = models.CharField(_("street address"), max_length=255, blank=True)
    new_legal_representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    new_main_products = models.TextField(_("main products"), blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_note = models.TextField(
        _("note to the applicant"), blank=True, help_text=_("Sent to the applicant with the decision.")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signup_requests",
        verbose_name=_("account created"),
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = SignupRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up request")
        verbose_name_plural = _("sign-up requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cooperative__isnull=False) | ~models.Q(new_name=""),
                name="signup_names_a_cooperative",
                violation_error_message=_("Choose a cooperative or describe a new one."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="pending"),
                name="signup_one_pending_per_email",
                violation_error_message=_("A request from this email address is already waiting for review."),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.full_name} <{self.email}> — {self.cooperative_name}"

    @property
    def cooperative_name(self) -> str:
        return self.cooperative.name if self.cooperative_id else self.new_name

    @property
    def is_new_cooperative(self) -> bool:
        return self.cooperative_id is None


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        from django.utils import timezone

        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """A cooperative's manager invites a colleague by email. The link carries a random token of
    which only the SHA-256 is stored; it works once, until `expires_at`."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("cooperative")
    )
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("account")
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["cooperative", "accepted_at", "revoked_at"])]

    def __str__(self):
        return f"{self.email} → {self.cooperative}"

    @property
    def status(self) -> str:
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "open"

    def get_status_display(self) -> str:
        return {
            "accepted": _("Accepted"),
            "revoked": _("Withdrawn"),
            "expired": _("Expired"),
            "open": _("Waiting"),
        }[self.status]
