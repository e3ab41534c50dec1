"""Administrative units after the 2025 reform: province → commune-level unit (xã/phường/đặc khu).
The district level no longer exists; records from before keep their former district as text."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import SearchTextMixin


class Province(models.Model):
    code = models.PositiveIntegerField(_("official code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommuneQuerySet(models.QuerySet):
    def in_portal_province(self):
        from django.conf import settings

        return self.filter(province_id=settings.PORTAL["PROVINCE_CODE"])


class Commune(SearchTextMixin, models.Model):
    """A commune-level unit (xã, phường, đặc khu) with its official code."""

    code = models.PositiveIntegerField(_("official code"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    division_type = models.CharField(_("type"), max_length=30)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    search_text = models.CharField(max_length=200, editable=False, db_index=True, default="")

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province_id", "name"]

    def __str__(self):
        return self.name

    def search_text_parts(self) -> list[str]:
        return [self.name]
