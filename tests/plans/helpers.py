"""Records dated on purpose, for the plans tests."""

import datetime

from django.utils import timezone

from registrations.models import Registration
from tests.factories import CooperativeFactory, ProductFactory
from tests.factories.registrations import small_sheet

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def at(day: datetime.date, hour=10) -> datetime.datetime:
    """A moment of `day` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def dossier(*, submitted_on, cooperative=None, state="submitted", hour=10, **cooperative_fields):
    cooperative = cooperative or CooperativeFactory(**cooperative_fields)
    product = ProductFactory(cooperative=cooperative)
    return Registration.objects.create(
        cooperative=cooperative,
        product=product,
        product_set=product.product_set,
        sheet=small_sheet(product.product_set.code),
        state=state,
        submitted_at=at(submitted_on, hour) if submitted_on else None,
    )
