import importlib
import logging

from django.db.models import Count, Q

from cooperatives.models import Cooperative
from products.models import Product

logger = logging.getLogger(__name__)

HOME_FEATURED = 8
HOME_NEWEST = 8
HOME_NEWS = 3
HOME_EVENTS = 4

# Extension point for "upcoming events" on the home page. When the trainings and fairs apps
# have public events, each adds a function `upcoming_public_events(*, limit) -> list[dict]` to
# its selectors module, returning dicts with `title`, `starts_on` (date), `place`, `url` and
# `kind` (a translated label such as "Training" or "Fair"). Nothing is shown until one exists.
EVENT_PROVIDERS = ["trainings.selectors", "fairs.selectors"]


def home_numbers() -> dict:
    """Counts on the home page: producers, products and certified products by stars (2 queries,
    made once per cache generation: any save of public data refreshes them, as the facet counts)."""
    from showcase.cache import generation_cached

    return generation_cached("home:numbers", _home_numbers)


def _home_numbers() -> dict:
    cooperatives = Cooperative.objects.exclude(status=Cooperative.Status.DISSOLVED).count()
    products = Product.objects.exclude(status=Product.Status.ARCHIVED).aggregate(
        total=Count("pk"),
        certified=Count("pk", filter=Q(status=Product.Status.ACTIVE, stars__isnull=False)),
        **{f"stars_{n}": Count("pk", filter=Q(status=Product.Status.ACTIVE, stars=n)) for n in (3, 4, 5)},
    )
    return {
        "cooperatives": cooperatives,
        "products": products["total"],
        "certified": products["certified"],
        "by_stars": [(n, products[f"stars_{n}"]) for n in (5, 4, 3)],
    }


def featured_products(*, limit: int = HOME_FEATURED):
    """The products staff feature (showcase admin), still certified, in their order; when staff
    have chosen none, the best-rated recently certified ones. A CardList: one or two narrow
    queries of ids; the products are read only for cards not yet rendered."""
    from showcase.selectors import CardList, product_cards

    ids = product_cards().values_list("pk", flat=True)
    chosen = list(ids.filter(featured__isnull=False).order_by("featured__position", "pk")[:limit])
    return CardList(chosen or ids.order_by("-stars", "-certified_at", "-pk")[:limit])


def newest_certified(*, limit: int = HOME_NEWEST, exclude=()):
    """The most recently certified products, leaving out those already shown (`exclude`): a
    CardList, as featured_products."""
    from showcase.selectors import CardList, product_cards

    ids = product_cards().values_list("pk", flat=True).exclude(pk__in=list(exclude))
    return CardList(ids.order_by("-certified_at", "-pk")[:limit])


def latest_news(*, limit: int = HOME_NEWS) -> list:
    from news.selectors import latest_articles

    return latest_articles(limit=limit)


def upcoming_events(*, limit: int = HOME_EVENTS) -> list[dict]:
    """Upcoming public events from the apps that provide them (see EVENT_PROVIDERS)."""
    events = []
    for module_name in EVENT_PROVIDERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        provider = getattr(module, "upcoming_public_events", None)
        if provider is not None:
            events.extend(provider(limit=limit))
    return sorted(events, key=lambda event: event["starts_on"])[:limit]
