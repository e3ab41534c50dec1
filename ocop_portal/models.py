from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import fold


class SearchTextMixin:
    """A model whose folded `search_text` column (searched without diacritics, see
    ocop_portal.text.search_filter) is rebuilt on every save from `search_text_parts()`."""

    def search_text_parts(self) -> list[str]:
        raise NotImplementedError

    def build_search_text(self) -> str:
        return fold(" ".join(part for part in self.search_text_parts() if part))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class OutboundEmail(TimeStampedModel):
    """An email the portal owes someone. It is written in the same transaction as the change
    that causes it, so it is never lost: if the broker is down when the change commits, the
    beat task `ocop_portal.send_pending_emails` sends it later.

    pending → sending (claimed by one sender, committed before the SMTP call) → sent, or back
    to pending with `next_attempt_at` after an error, or failed once the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
