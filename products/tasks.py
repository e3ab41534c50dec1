"""Celery tasks of the products app: thin, take ids, safe to run twice."""

from celery import shared_task


@shared_task(name="products.make_photo_thumbnails", acks_late=True)
def make_photo_thumbnails(photo_id: int) -> bool:
    """Make a product photo's WebP thumbnail and JPEG fallback (quietly nothing if it is gone)."""
    from .services.catalog import photo_thumbnails_build

    return photo_thumbnails_build(photo_id=photo_id)
