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
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
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


def instance_values(instance: models.Model, *, exclude=()) -> dict:
    """The concrete field values an admin form or an import row put on `instance` (foreign keys
    by id), for a service that creates the row: `cooperative_create(**instance_values(...))`."""
    skipped = {"id", "created_at", "updated_at", "search_text", *exclude}
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in skipped and not field.primary_key
    }


def instance_adopt(target: models.Model, saved: models.Model) -> models.Model:
    """Give `target` (the object an admin form or an import row built) the identity and values
    of `saved` (the row a service created from it), so the admin's and the import's own steps
    after the save (m2m values, log entries, the redirect, the row's result) use the real row."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db
    return target
