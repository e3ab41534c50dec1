"""Reads for the cooperative's space, with their joins, so that a page's query count does not
grow with its rows."""

import datetime
import importlib
import logging

from django.apps import apps
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Invitation
from products.models import Certificate, Product, ProductPhoto

from .models import LegalChangeRequest, Membership, SupportRequest

logger = logging.getLogger(__name__)

# Re-rating should be filed 180 to 120 days before a certificate expires.
RERATING_WINDOW_DAYS = (180, 120)


def space_products(cooperative, *, archived: bool = False):
    """The cooperative's products with their product set, first photo, photo count and
    current certificate (stars, code, expiry) — four queries whatever the number of rows."""
    valid = Certificate.objects.valid().filter(product=OuterRef("pk")).order_by("-decision_date", "-pk")
    queryset = (
        Product.objects.filter(cooperative=cooperative)
        .select_related("product_set")
        .annotate(
            photo_count=Count("photos", distinct=True),
            cert_valid_until=Subquery(valid.values("valid_until")[:1]),
            cert_code=Subquery(valid.values("product_code")[:1]),
        )
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "pk")))
        .order_by("name")
    )
    if archived:
        return queryset.filter(status=Product.Status.ARCHIVED)
    return queryset.exclude(status=Product.Status.ARCHIVED)


def space_support_requests(cooperative):
    return (
        SupportRequest.objects.filter(cooperative=cooperative)
        .select_related("product", "assigned_to")
        .annotate(attachment_count=Count("attachments", distinct=True), note_count=Count("notes", distinct=True))
        .order_by("-created_at")
    )


def space_members(cooperative):
    return (
        Membership.objects.filter(cooperative=cooperative).select_related("user").order_by("-role", "user__full_name")
    )


def space_open_invitations(cooperative):
    return (
        Invitation.objects.filter(cooperative=cooperative).open().select_related("invited_by").order_by("-created_at")
    )


def pending_legal_change(cooperative) -> LegalChangeRequest | None:
    return LegalChangeRequest.objects.filter(cooperative=cooperative, status=LegalChangeRequest.Status.PENDING).first()


def profile_history(cooperative, *, limit: int = 10) -> list[dict]:
    """The latest changes to the cooperative's record: when, who, which fields (two queries)."""
    records = list(
        cooperative.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    fields = {field.attname: field for field in cooperative._meta.fields}
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        if older is None:
            changed = []
        else:
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            changed = [fields[c.field].verbose_name if c.field in fields else c.field for c in delta.changes]
        rows.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.history_type,
                "fields": changed,
            }
        )
    return rows


def dashboard_actions(*, cooperative, products, legal_pending, open_invitations: int, user) -> list[dict]:
    """What needs the cooperative's attention, most urgent first. Each item: level
    ("danger", "warning", "info"), text and an optional URL name."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    today = timezone.localdate()
    items = []
    for product in products:
        until = product.cert_valid_until
        if until is None:
            continue
        days = (until - today).days
        start = until - datetime.timedelta(days=RERATING_WINDOW_DAYS[0])
        end = until - datetime.timedelta(days=RERATING_WINDOW_DAYS[1])
        if days <= RERATING_WINDOW_DAYS[0]:
            items.append(
                {
                    "level": "danger" if days <= RERATING_WINDOW_DAYS[1] else "warning",
                    "text": _(
                        "The OCOP certificate of “%(product)s” expires on %(date)s: file the re-rating between %(start)s and %(end)s."
                    )
                    % {
                        "product": product.name,
                        "date": date_format(until, "d/m/Y"),
                        "start": date_format(start, "d/m/Y"),
                        "end": date_format(end, "d/m/Y"),
                    },
                    "url": None,
                }
            )
    no_photo = [product.name for product in products if product.photo_count == 0]
    if no_photo:
        items.append(
            {
                "level": "warning",
                "text": _("Add photos to: %(names)s. Buyers rarely look at a product without a photo.")
                % {"names": ", ".join(no_photo[:5]) + ("…" if len(no_photo) > 5 else "")},
                "url": "cooperatives:products",
            }
        )
    missing = [
        label
        for label, value in (
            (_("phone"), cooperative.phone),
            (_("email"), cooperative.email),
            (_("description"), cooperative.description),
            (_("logo"), cooperative.logo),
        )
        if not value
    ]
    if missing:
        items.append(
            {
                "level": "info",
                "text": _("Complete your profile: %(fields)s.") % {"fields": ", ".join(str(m) for m in missing)},
                "url": "cooperatives:profile",
            }
        )
    if legal_pending is not None:
        items.append(
            {
                "level": "info",
                "text": _("Your legal identity change (%(name)s) is waiting for the Alliance staff.")
                % {"name": legal_pending.name},
                "url": "cooperatives:profile",
            }
        )
    if open_invitations:
        items.append(
            {
                "level": "info",
                "text": _("%(count)s invitation(s) not yet accepted.") % {"count": open_invitations},
                "url": "cooperatives:members",
            }
        )
    return items


def space_panels(*, request, cooperative, user) -> list[dict]:
    """Panels other apps add to the dashboard. An app contributes by defining
    `<app>/space_panels.py` with `panels(*, cooperative, user) -> list[dict]`, each dict holding
    `title`, `template` and `context`. Returns [{"title", "html"}] rendered with the request. A
    broken panel is logged and left out so the rest of the dashboard still shows."""
    rendered = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.space_panels"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            logger.exception("Dashboard panels of %s cannot be imported", config.name)
            continue
        try:
            for panel in module.panels(cooperative=cooperative, user=user) or []:
                context = {"cooperative": cooperative, **(panel.get("context") or {})}
                rendered.append(
                    {
                        "title": panel["title"],
                        "html": render_to_string(panel["template"], context, request=request),
                        "app": config.label,
                    }
                )
        except Exception:
            logger.exception("Dashboard panel of %s failed", config.name)
    return rendered


def open_support_counts(cooperative) -> dict:
    return SupportRequest.objects.filter(cooperative=cooperative).aggregate(
        open=Count("pk", filter=Q(status__in=[SupportRequest.Status.NEW, SupportRequest.Status.IN_PROGRESS])),
        total=Count("pk"),
    )
