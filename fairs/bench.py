"""Benchmark data for the event pages (bench/run.py, `manage.py bench_data`): 40 public events —
20 upcoming, 20 past with published outcomes — each with 40 accepted exhibitors drawn from the
benchmark's producers, showing two of their products. Bulk-inserted; idempotent by slug prefix.

An app takes part in `make bench` with a `bench.py` like this one: `bench_load(*, products,
reset)`, `bench_delete()` and `bench_pages()` (found by bench.data for every installed app)."""

import datetime
import random

from django.utils import timezone

from .models import Application, ApplicationProduct, BoothType, Event, OutcomeReport

SLUG_PREFIX = "bench-event-"
EVENTS = 40
EXHIBITORS = 40


def bench_load(*, products, reset: bool = False) -> int:
    """`products`: a queryset of the benchmark's products (with their cooperative). Returns how
    many events exist."""
    existing = Event.objects.filter(slug__startswith=SLUG_PREFIX)
    if existing.count() == EVENTS and not reset:
        return EVENTS
    bench_delete()
    rng = random.Random(20261202)  # noqa: S311 — the same synthetic events on every machine
    by_cooperative: dict[int, list[int]] = {}
    for product_id, cooperative_id in products.values_list("pk", "cooperative_id")[:4000]:
        by_cooperative.setdefault(cooperative_id, []).append(product_id)
    cooperatives = sorted(by_cooperative)
    today = timezone.localdate()
    kinds = list(Event.Kind.values)
    for n in range(EVENTS):
        start = today + datetime.timedelta(days=(n - EVENTS // 2) * 9 + 3)
        past = start < today
        event = Event.objects.create(
            slug=f"{SLUG_PREFIX}{n:03d}",
            kind=kinds[n % len(kinds)],
            name=f"Hội chợ OCOP {'Đồng bằng sông Hồng' if n % 2 else 'Ninh Bình'} số {n + 1}",
            venue="Quảng trường Đinh Tiên Hoàng Đế",
            address="Phường Hoa Lư, Ninh Bình",
            starts_on=start,
            ends_on=start + datetime.timedelta(days=3),
            application_deadline=start - datetime.timedelta(days=10),
            booth_count=EXHIBITORS,
            status=Event.Status.HELD if past else Event.Status.OPEN,
            outcomes_published=past,
            description="Sự kiện tổng hợp cho đo hiệu năng.",
        )
        booth = BoothType.objects.create(event=event, kind=BoothType.Kind.STANDARD, fee_vnd=3_000_000)
        chosen = rng.sample(cooperatives, min(EXHIBITORS, len(cooperatives)))
        applications = Application.objects.bulk_create(
            [
                Application(
                    event=event, cooperative_id=c, booth_type=booth, status="accepted", booth_number=f"A{i + 1:02d}"
                )
                for i, c in enumerate(chosen)
            ]
        )
        ApplicationProduct.objects.bulk_create(
            [
                ApplicationProduct(application=a, product_id=p, position=i)
                for a in applications
                for i, p in enumerate(by_cooperative[a.cooperative_id][:2])
            ]
        )
        if past:
            OutcomeReport.objects.bulk_create(
                [
                    OutcomeReport(
                        application=a, sales_vnd=rng.randrange(1, 50) * 500_000, new_buyers=rng.randrange(0, 9)
                    )
                    for a in applications
                ]
            )
    return EVENTS


def bench_delete() -> None:
    events = Event.objects.filter(slug__startswith=SLUG_PREFIX)
    OutcomeReport.objects.filter(application__event__in=events).delete()
    Application.objects.filter(event__in=events).delete()  # with the products they show
    events.delete()


def bench_pages() -> list[tuple[str, list[str]]]:
    """(name, URLs) of the pages to measure."""
    return [("event list", ["/events/"]), ("event page", _event_urls())]


def _event_urls() -> list[str]:
    return [
        f"/events/{slug}/"
        for slug in Event.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug").values_list("slug", flat=True)
    ]
