"""Writes on products and certificates."""

from django.db import transaction
from django.utils import timezone

from products.models import Certificate, Product


def product_sync_stars(*, product_id: int) -> Product | None:
    """Recompute a product's public stars from its valid certificate (the newest if several).

    Side effects: updates Product.stars and Product.certified_at. Called whenever a
    certificate is saved or deleted, and by the nightly expiry task."""
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            return None
        current = Certificate.objects.valid().filter(product_id=product_id).order_by("-decision_date", "-pk").first()
        stars = current.stars if current else None
        certified_at = current.decision_date if current else None
        if (product.stars, product.certified_at) != (stars, certified_at):
            Product.objects.filter(pk=product_id).update(
                stars=stars, certified_at=certified_at, updated_at=timezone.now()
            )
            product.stars, product.certified_at = stars, certified_at
        return product


def certificates_expire(*, today=None) -> list[int]:
    """Mark every valid certificate whose validity has ended as expired.

    Safe to run twice: the second run finds nothing. Side effects: updates certificates'
    status and the stars of their products. Returns the ids marked."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = list(
            Certificate.objects.select_for_update()
            .filter(status=Certificate.Status.VALID, valid_until__lt=today)
            .values_list("pk", "product_id")
        )
        Certificate.objects.filter(pk__in=[pk for pk, _ in expired]).update(
            status=Certificate.Status.EXPIRED, updated_at=timezone.now()
        )
    for product_id in {product_id for _, product_id in expired}:
        product_sync_stars(product_id=product_id)
    return [pk for pk, _ in expired]
