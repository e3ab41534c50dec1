from django.db.models import Count, Q

from cooperatives.models import Cooperative
from products.models import Product


def home_numbers() -> dict:
    """Counts on the home page: producers, products and certified products by stars (2 queries)."""
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
