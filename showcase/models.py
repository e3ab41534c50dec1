"""The showcase's own records: the permanent QR code of each product, the products staff feature
on the home page, and buyers' enquiries."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel

# Crockford's base-32 alphabet in lower case: no i, l, o, u, so a code read aloud or typed from
# a label cannot be confused (i/l read as 1, o as 0 — see `normalise_code`).
CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
CODE_LENGTH = 6  # 32**6 ≈ 1.07 billion codes; short enough for a small QR symbol


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """A code as typed or scanned: case-insensitive, with Crockford's look-alikes mapped."""
    return raw.strip().lower().translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))


class ProductCode(models.Model):
    """The permanent short code in a product's QR address, `/q/<code>`.

    Printed labels live for years, so the code belongs to the product for ever: it is random
    (not derived from the slug, the certificate or the database id, which may all change when a
    product is renamed, re-rated or moved to another database) and is never edited."""

    product = models.OneToOneField(
        "products.Product", on_delete=models.CASCADE, related_name="qr_code", verbose_name=_("product")
    )
    code = models.CharField(_("QR code"), max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("product QR code")
        verbose_name_plural = _("product QR codes")
        ordering = ["code"]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("qr:trace", kwargs={"code": self.code})


class FeaturedProduct(models.Model):
    """A product the Alliance puts on the home page. Only products still certified are shown."""

    product = models.OneToOneField(
        "products.Product", on_delete=models.CASCADE, related_name="featured", verbose_name=_("product")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.CharField(_("internal note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("featured product")
        verbose_name_plural = _("featured products")
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.product)


class Enquiry(TimeStampedModel):
    """A buyer's enquiry about a product (supply–demand connection), for its cooperative."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.CASCADE, related_name="enquiries", verbose_name=_("producer")
    )
    product = models.ForeignKey(
        "products.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("product"),
    )
    name = models.CharField(_("your name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    quantity = models.CharField(_("quantity"), max_length=100, blank=True, help_text=_("e.g. 500 kg a month"))
    message = models.TextField(_("message"), max_length=3000)
    language = models.CharField(_("language"), max_length=10, default="vi", editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("buyer enquiry")
        verbose_name_plural = _("buyer enquiries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["cooperative", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="enquiry_has_phone_or_email",
                violation_error_message=_("Give a phone number or an email address so the producer can answer."),
            ),
        ]

    def __str__(self):
        return f"{self.name} — {self.product or self.cooperative}"
