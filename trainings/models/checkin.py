from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanReceipt(models.Model):
    """One scan sent by a check-in page, under the id the browser gave it. A phone that was
    offline resends its queue when the network returns; a resend finds its receipt and gets the
    first answer again, so a scan is handled once however often it arrives."""

    class Result(models.TextChoices):
        CHECKED_IN = "checked_in", _("Checked in")
        ALREADY = "already", _("Already checked in")
        REFUSED = "refused", _("Refused")
        UNKNOWN = "unknown", _("Unknown ticket")

    client_id = models.CharField(_("scan id"), max_length=64, unique=True)
    session = models.ForeignKey(
        "trainings.Session", on_delete=models.CASCADE, related_name="scan_receipts", verbose_name=_("session")
    )
    registration = models.ForeignKey(
        "trainings.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scan_receipts",
        verbose_name=_("registration"),
    )
    code = models.CharField(_("code scanned"), max_length=64, blank=True)
    method = models.CharField(_("how"), max_length=10)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    message = models.CharField(_("message shown"), max_length=300)
    scanned_at = models.DateTimeField(_("scanned at (on the phone)"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("check-in scan")
        verbose_name_plural = _("check-in scans")
        ordering = ["session", "received_at", "pk"]

    def __str__(self):
        return f"{self.code or self.registration_id} — {self.get_result_display()}"
