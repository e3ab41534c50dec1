"""Which of a cooperative's products may be shown at an event: judged on the event's first day.

A product is eligible when it is on sale and either holds an OCOP certificate valid on that day
with at least the event's minimum stars, or — when the event also welcomes products in the OCOP
pipeline and asks for no minimum — has a dossier sent and not yet closed. Three queries for any
number of products."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from products.models import Certificate, Product
from registrations.models import Registration

# Dossiers that count as "in the OCOP pipeline": sent, not closed (drafts are not).
PIPELINE_STATES = [s for s in Registration.OPEN_STATES if s != Registration.State.DRAFT]


@dataclass(frozen=True)
class Verdict:
    product: Product
    stars: int | None  # the stars valid on the event's first day
    in_pipeline: bool
    reason: str  # empty when eligible

    @property
    def eligible(self) -> bool:
        return not self.reason


def verdicts(*, event, products) -> list[Verdict]:
    """A verdict for each of `products` (a list or queryset) at `event`."""
    products = list(products)
    day = event.starts_on
    ids = [p.pk for p in products]
    stars_on_day: dict[int, int] = {}
    for product_id, stars in (
        Certificate.objects.valid(on=day).filter(product_id__in=ids).values_list("product_id", "stars")
    ):
        stars_on_day[product_id] = max(stars, stars_on_day.get(product_id, 0))
    pipeline = set(
        Registration.objects.filter(product_id__in=ids, state__in=PIPELINE_STATES).values_list("product_id", flat=True)
    )
    minimum = event.min_stars or 3
    result = []
    for product in products:
        stars = stars_on_day.get(product.pk)
        in_pipeline = product.pk in pipeline
        reason = ""
        if product.status != Product.Status.ACTIVE:
            reason = _("“%(product)s” is not on sale.") % {"product": product.name}
        elif stars is not None and stars >= minimum:
            reason = ""
        elif stars is not None:
            reason = _("“%(product)s” has %(stars)s stars; this event asks for at least %(minimum)s.") % {
                "product": product.name,
                "stars": stars,
                "minimum": minimum,
            }
        elif event.eligibility == event.Eligibility.PIPELINE and not event.min_stars and in_pipeline:
            reason = ""
        elif event.eligibility == event.Eligibility.PIPELINE and not event.min_stars:
            reason = _("“%(product)s” has no OCOP certificate valid on %(date)s and no dossier under review.") % {
                "product": product.name,
                "date": day.strftime("%d/%m/%Y"),
            }
        else:
            reason = _("“%(product)s” has no OCOP certificate valid on %(date)s, the first day of the event.") % {
                "product": product.name,
                "date": day.strftime("%d/%m/%Y"),
            }
        result.append(Verdict(product=product, stars=stars, in_pipeline=in_pipeline, reason=reason))
    return result


def candidate_products(cooperative):
    """The cooperative's products that could be shown (on sale), for the application form."""
    return cooperative.products.filter(status=Product.Status.ACTIVE).order_by("name")
