import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel

# Verification codes are read off paper: no 0/O, 1/I/L.
VERIFY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def verification_code_new() -> str:
    return "".join(secrets.choice(VERIFY_ALPHABET) for _ in range(16))


class Certificate(TimeStampedModel):
    """An attendance certificate (giấy chứng nhận tham gia) issued to one participant of one
    course. What it states is copied in when it is issued, so the PDF and the public
    verification page keep saying the same thing if a name or a session changes later. The
    verification page is reached by a random code (printed as a QR code), never by the number
    alone, so the list of participants cannot be walked."""

    registration = models.OneToOneField(
        "trainings.Registration", on_delete=models.PROTECT, related_name="certificate", verbose_name=_("registration")
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=verification_code_new, editable=False
    )
    full_name = models.CharField(_("full name"), max_length=150)
    cooperative_name = models.CharField(_("cooperative"), max_length=255, blank=True)
    course_title = models.CharField(_("course"), max_length=255)
    course_kind = models.CharField(_("kind"), max_length=100)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=2)
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))
    sessions_total = models.PositiveSmallIntegerField(_("sessions of the course"))
    signatory_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=150)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return f"{self.number} — {self.full_name}"

    def get_absolute_url(self):
        return reverse("trainings:certificate_verify", kwargs={"code": self.verification_code})

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
