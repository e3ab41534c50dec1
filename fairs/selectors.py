"""Reads of the trade-promotion app. The functions at the top (above "Pages") are the contract
with the plans app, which reads them by name (plans/metrics/definitions.py): participations,
conference_exhibitors, outcome_totals, sales_centre_summary and upcoming_public_events.
Read-only, keyword-only, a flat number of queries, counting only what the records say. An event
belongs to a period when its first day falls in it."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from products.models import Product
from salescentre.selectors import sales_centre_summary  # noqa: F401  (part of this module's contract)

from .models import Application, ApplicationProduct, Event, OutcomeReport


def _in_period(queryset, *, start: datetime.date, end: datetime.date, prefix: str = "event__"):
    return queryset.filter(
        **{f"{prefix}starts_on__gte": start, f"{prefix}starts_on__lte": end},
    ).exclude(**{f"{prefix}status": Event.Status.CANCELLED})


def _totals() -> dict:
    """The outcome figures summed over outcome reports (and how many reports)."""
    return {
        "sales_vnd": Coalesce(Sum("sales_vnd"), 0),
        "contracts_count": Coalesce(Sum("contracts_count"), 0),
        "contracts_value_vnd": Coalesce(Sum("contracts_value_vnd"), 0),
        "new_buyers": Coalesce(Sum("new_buyers"), 0),
        "reports": Count("pk"),
    }


def participations(*, start, end, cooperatives=None, kinds=None):
    """Accepted applications (the cooperative took or takes part) to events not cancelled whose
    first day falls in [start, end]; `kinds` limits the events to those Event.Kind values."""
    queryset = _in_period(Application.objects.accepted(), start=start, end=end)
    if kinds is not None:
        queryset = queryset.filter(event__kind__in=list(kinds))
    if cooperatives is not None:
        queryset = queryset.filter(cooperative__in=cooperatives)
    return queryset.select_related("event", "cooperative")


def conference_exhibitors(*, start, end, cooperatives=None):
    """The same as `participations`, for supply–demand conferences only."""
    return participations(start=start, end=end, cooperatives=cooperatives, kinds=[Event.Kind.CONFERENCE])


def outcome_totals(*, start, end, cooperatives=None) -> dict:
    """Totals of the outcome reports of accepted applications to the events of the period
    (one query): sales_vnd, contracts_count, contracts_value_vnd, new_buyers, reports."""
    reports = _in_period(
        OutcomeReport.objects.filter(application__status=Application.Status.ACCEPTED),
        start=start,
        end=end,
        prefix="application__event__",
    )
    if cooperatives is not None:
        reports = reports.filter(application__cooperative__in=cooperatives)
    totals = reports.aggregate(**_totals())
    return {key: int(value) for key, value in totals.items()}


def upcoming_public_events(*, limit: int) -> list[dict]:
    """The home page's contract (ocop_portal.selectors.EVENT_PROVIDERS): the next public events."""
    events = (
        Event.objects.upcoming()
        .order_by("starts_on", "pk")
        .only("name", "slug", "kind", "starts_on", "venue", "address")[:limit]
    )
    return [
        {
            "title": event.name,
            "starts_on": event.starts_on,
            "place": event.place,
            "url": event.get_absolute_url(),
            "kind": event.get_kind_display(),
        }
        for event in events
    ]


# --- Pages ------------------------------------------------------------------------------------


def exhibitors(event):
    """The accepted applications of an event with their cooperative and the products they show
    (three queries for any number of exhibitors)."""
    return (
        event.applications.accepted()
        .select_related("cooperative__commune", "booth_type")
        .prefetch_related(
            Prefetch(
                "shown_products",
                queryset=ApplicationProduct.objects.select_related("product").order_by("position", "pk"),
            )
        )
        .order_by("booth_number", "cooperative__name", "pk")
    )


@dataclass(frozen=True)
class ShownProduct:
    """A product an exhibitor shows, as the public event page prints it."""

    name: str
    slug: str
    stars: int | None
    certified: bool  # active and starred: linked to its page, with its stars

    def get_absolute_url(self) -> str:
        return reverse("showcase:product", kwargs={"slug": self.slug})


@dataclass(frozen=True)
class Exhibitor:
    """An accepted application as the public event page prints it. Plain values, so a row is
    also the key of its cached HTML (fairs.templatetags.fairs_public.exhibitor_items)."""

    pk: int
    booth_number: str
    cooperative_name: str
    cooperative_slug: str
    commune_name: str
    products: tuple[ShownProduct, ...]

    def cooperative_url(self) -> str:
        return reverse("showcase:producer", kwargs={"slug": self.cooperative_slug})


def public_exhibitors(event) -> list[Exhibitor]:
    """The accepted applications of an event as its public page shows them: booth, cooperative
    and commune, the products shown, in booth order. Two queries of plain values: an event with
    hundreds of exhibitors builds no model instances."""
    rows = list(
        event.applications.accepted()
        .order_by("booth_number", "cooperative__name", "pk")
        .values_list("pk", "booth_number", "cooperative__name", "cooperative__slug", "cooperative__commune__name")
    )
    shown: dict[int, list[ShownProduct]] = {}
    products = (
        ApplicationProduct.objects.filter(application_id__in=[row[0] for row in rows])
        .order_by("position", "pk")
        .values_list("application_id", "product__name", "product__slug", "product__stars", "product__status")
    )
    for application_id, name, slug, stars, status in products if rows else ():
        certified = status == Product.Status.ACTIVE and bool(stars)
        shown.setdefault(application_id, []).append(ShownProduct(name, slug, stars, certified))
    return [
        Exhibitor(pk, booth or "", name, slug, commune or "", tuple(shown.get(pk, ())))
        for pk, booth, name, slug, commune in rows
    ]


def event_outcome_totals(event) -> dict:
    """The outcome totals of one event (one query)."""
    totals = OutcomeReport.objects.filter(application__event=event, application__status="accepted").aggregate(
        **_totals()
    )
    return {key: int(value) for key, value in totals.items()}


def public_events(*, today=None):
    """(upcoming, past) public events for the event list, with their exhibitor counts."""
    today = today or timezone.localdate()
    annotated = Event.objects.annotate(exhibitor_count=Count("applications", filter=Q(applications__status="accepted")))
    upcoming = annotated.filter(pk__in=Event.objects.upcoming(today)).order_by("starts_on", "pk")
    past = annotated.filter(pk__in=Event.objects.past(today)).order_by("-starts_on", "-pk")
    return upcoming, past


def published_totals(events) -> dict[int, dict]:
    """{event id: outcome totals} for the events of `events` whose totals are published (one
    query for any number of events)."""
    ids = [event.pk for event in events if event.outcomes_published]
    if not ids:
        return {}
    rows = (
        OutcomeReport.objects.filter(application__event_id__in=ids, application__status="accepted")
        .values("application__event_id")
        .annotate(**_totals())
    )
    return {row.pop("application__event_id"): row for row in rows}


def buyer_registration_open(event, *, today=None) -> bool:
    """Buyers may register for a conference until its first day (and not once it is cancelled)."""
    today = today or timezone.localdate()
    return event.is_conference and event.status in (Event.Status.OPEN, Event.Status.CLOSED) and today <= event.starts_on


# --- The cooperative's space ------------------------------------------------------------------


def space_applications(cooperative):
    """The cooperative's applications, newest event first, with what the list shows."""
    return (
        Application.objects.filter(cooperative=cooperative)
        .select_related("event", "booth_type")
        .prefetch_related(Prefetch("shown_products", queryset=ApplicationProduct.objects.select_related("product")))
        .order_by("-event__starts_on", "-pk")
    )


def open_events(*, today=None):
    return Event.objects.open_for_applications(today).order_by("application_deadline", "pk")


def exhibitor_requests(application):
    """The buyers' requests to meet this exhibitor, with what the producer may see of them."""
    from .models import MeetingRequest

    return (
        MeetingRequest.objects.filter(application=application, buyer__status="approved")
        .select_related("buyer")
        .order_by("status", "buyer__company", "pk")
    )


def exhibitor_meetings(application):
    from .models import Meeting

    return Meeting.objects.filter(application=application).select_related("buyer", "event").order_by("starts_at")


# --- Staff ------------------------------------------------------------------------------------


def staff_events():
    """Every event, newest first, with its application counts (one query)."""
    counts = {
        f"{status}_count": Count("applications", filter=Q(applications__status=status))
        for status in ("submitted", "accepted", "reserve")
    }
    return Event.objects.annotate(applications_count=Count("applications"), **counts).order_by("-starts_on", "-pk")


def review_rows(event, *, status: str = ""):
    """The applications of an event for the side-by-side review: cooperative, products with
    the stars valid on the event's first day, booth type, support asked for and what the rule
    grants, and how many earlier events the cooperative exhibited at. Six queries for any
    number of applications."""
    from . import eligibility
    from .models import ApplicationSupport

    applications = (
        event.applications.select_related("cooperative__commune", "booth_type", "decided_by")
        .prefetch_related(
            Prefetch("shown_products", queryset=ApplicationProduct.objects.select_related("product")),
            Prefetch("support_requests", queryset=ApplicationSupport.objects.select_related("support")),
        )
        .order_by("created_at", "pk")
    )
    if status:
        applications = applications.filter(status=status)
    applications = list(applications)
    products = [shown.product for a in applications for shown in a.shown_products.all()]
    verdicts = {v.product.pk: v for v in eligibility.verdicts(event=event, products=products)}
    past = dict(
        Application.objects.filter(
            cooperative__in={a.cooperative_id for a in applications},
            status=Application.Status.ACCEPTED,
            event__starts_on__lt=event.starts_on,
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .values("cooperative_id")
        .annotate(n=Count("pk"))
        .values_list("cooperative_id", "n")
    )
    for application in applications:
        application.products_verdicts = [verdicts[s.product_id] for s in application.shown_products.all()]
        application.supports = list(application.support_requests.all())
        application.support_total = sum(s.granted_vnd for s in application.supports)
        application.past_participations = past.get(application.cooperative_id, 0)
    return applications


def review_summary(event) -> dict:
    """Booths given and free, the support budget used by the accepted applications and what the
    others ask for (two queries)."""
    from .models import ApplicationSupport

    counts = event.applications.aggregate(
        accepted=Count("pk", filter=Q(status="accepted")),
        waiting=Count("pk", filter=Q(status__in=["submitted", "reserve"])),
    )
    support = ApplicationSupport.objects.filter(application__event=event).aggregate(
        used=Coalesce(Sum("granted_vnd", filter=Q(application__status="accepted")), 0),
        asked=Coalesce(Sum("granted_vnd", filter=Q(application__status__in=["submitted", "reserve"])), 0),
    )
    used = int(support["used"])
    return {
        "booths": event.booth_count,
        "accepted": counts["accepted"],
        "free": max(event.booth_count - counts["accepted"], 0),
        "waiting": counts["waiting"],
        "budget": event.support_budget_vnd,
        "used": used,
        "asked": int(support["asked"]),
        "remaining": event.support_budget_vnd - used,
        "over_budget": used > event.support_budget_vnd,
    }


# --- Matchmaking ------------------------------------------------------------------------------


def buyer_requests(buyer):
    from .models import MeetingRequest

    return MeetingRequest.objects.filter(buyer=buyer).select_related("application__cooperative")


def buyer_meetings(buyer):
    from .models import Meeting

    return (
        Meeting.objects.filter(buyer=buyer)
        .select_related("application__cooperative", "event")
        .order_by("starts_at", "table_number")
    )


def matchmaking_overview(event) -> dict:
    """The staff's matchmaking page: buyers by status, requests, the schedule grid (slots ×
    tables) and the accepted requests that found no slot. A fixed number of queries."""
    from .models import Buyer, Meeting, MeetingRequest
    from .services.matchmaking import session_slots

    buyers = list(
        Buyer.objects.filter(event=event)
        .annotate(
            requests_count=Count("requests"),
            accepted_count=Count("requests", filter=Q(requests__status="accepted")),
        )
        .order_by("status", "company", "pk")
    )
    requests = MeetingRequest.objects.filter(application__event=event).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(status="accepted")),
        declined=Count("pk", filter=Q(status="declined")),
        waiting=Count("pk", filter=Q(status="requested")),
    )
    meetings = list(
        Meeting.objects.filter(event=event)
        .select_related("buyer", "application__cooperative")
        .order_by("starts_at", "table_number")
    )
    scheduled = {m.request_id for m in meetings}
    unplaced = list(
        MeetingRequest.objects.filter(
            application__event=event, status="accepted", buyer__status="approved", application__status="accepted"
        )
        .exclude(pk__in=scheduled)
        .select_related("buyer", "application__cooperative")
    )
    slots = session_slots(event)
    tables = list(range(1, event.table_count + 1))
    cell = {(timezone.localtime(m.starts_at), m.table_number): m for m in meetings}
    grid = [{"start": start, "end": end, "cells": [cell.get((start, t)) for t in tables]} for start, end in slots]
    return {
        "buyers": buyers,
        "requests": requests,
        "meetings": meetings,
        "unplaced": unplaced,
        "grid": grid,
        "tables": tables,
    }
