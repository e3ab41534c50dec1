"""Writes on the catalogue: products and their photos, from the cooperative's space, the admin
and the Excel import alike. What follows a product's save is read here: its permanent QR code
when it is new, the public pages made stale; a producer's rename refreshes its products'
search text (`product_search_texts_refresh`).

Photos arrive already checked and re-encoded (`ocop_portal.uploads.image_clean`); their
thumbnails are made by the Celery task `products.make_photo_thumbnails` after the commit (a
broker outage never fails the upload: see `_thumbnails_queue`)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.rules import is_alliance_staff
from ocop_portal.errors import ApplicationError, raise_validation
from ocop_portal.text import unique_slug
from ocop_portal.uploads import thumbnails_make
from products.models import Product, ProductPhoto
from showcase.cache import public_pages_invalidate

__all__ = [
    "photo_image_replace",
    "photo_thumbnails_build",
    "photos_add",
    "photos_update",
    "product_archive",
    "product_create",
    "product_delete",
    "product_is_deletable",
    "product_restore",
    "product_search_texts_refresh",
    "product_update",
]

logger = logging.getLogger(__name__)

# Fields a cooperative edits (in the order its form shows them); stars and certification come
# from certificates only.
PRODUCT_FIELDS = [
    "name",
    "product_set",
    "status",
    "description",
    "story",
    "unit",
    "packaging",
    "price_min",
    "price_max",
    "ingredients",
    "specification",
    "where_to_buy",
    "barcode",
]
# Staff (the admin, the Excel import) also choose the producer and the web address, and may set
# any status; stars and certification come from certificates only, for everyone.
STAFF_PRODUCT_FIELDS = [*PRODUCT_FIELDS, "cooperative", "slug"]
MAX_PHOTOS_PER_PRODUCT = 12


def _apply(product: Product, data: dict, *, by) -> None:
    staff = by is None or is_alliance_staff(by)  # no `by`: a system write (command, import)
    unknown = set(data) - set(STAFF_PRODUCT_FIELDS if staff else PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"not product fields: {sorted(unknown)}")
    if data.get("status") == Product.Status.ARCHIVED and not staff:
        raise ApplicationError(_("Use “Archive” to take a product off the catalogue."), field="status")
    for field, value in data.items():
        setattr(product, field, value)
    if not product.slug:
        # The one slug rule: made once from the name, never changed after (labels are printed).
        product.slug = unique_slug(Product, product.name, fallback="san-pham", exclude_pk=product.pk)
    try:
        product.full_clean()
    except ValidationError as error:
        raise_validation(error)


def product_create(*, cooperative, by, data: dict, quality_standards=None, photos=(), alt_text: str = "") -> Product:
    """Add a product to a cooperative's catalogue, with its first photos (from the space, the
    admin or an Excel import; staff may also give its `slug` in `data`).

    Side effects: Product and ProductPhoto rows (history recorded); the product's permanent QR
    code; thumbnails queued after the commit; the public pages invalidated. Raises
    ApplicationError (nothing saved) when a value is refused."""
    from showcase.services import product_code_ensure

    product = Product(cooperative=cooperative)
    with transaction.atomic():
        _apply(product, data, by=by)
        product._history_user = by
        product.save()
        if quality_standards is not None:
            product.quality_standards.set(quality_standards)
        product_code_ensure(product=product)
        if photos:
            photos_add(product=product, files=photos, alt_text=alt_text or product.name)
        public_pages_invalidate()
    return product


def product_update(*, product: Product, by, data: dict, quality_standards=None) -> Product:
    """Save changes to a product (the space's form; staff in the admin or an import may also
    change its producer, web address and status). Stars and certificates stay.

    Side effects: the row (history recorded), the public pages invalidated. Raises
    ApplicationError (nothing saved) when a value is refused."""
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        _apply(locked, data, by=by)
        locked._history_user = by
        locked.save()
        if quality_standards is not None:
            locked.quality_standards.set(quality_standards)
        public_pages_invalidate()
    return locked


def product_search_texts_refresh(*, cooperative) -> int:
    """Products are found by their producer's name, commune and former district too: rebuild
    the search text of the cooperative's products after those change. Returns how many changed.

    Side effects: bulk-updates Product.search_text and invalidates the public pages."""
    changed = 0
    for product in Product.objects.filter(cooperative=cooperative).select_related("cooperative__commune"):
        text = product.build_search_text()
        if text != product.search_text:
            Product.objects.filter(pk=product.pk).update(search_text=text)
            changed += 1
    if changed:
        public_pages_invalidate()
    return changed


def product_archive(*, product: Product, by) -> Product:
    """Take a product off the catalogue, keeping it and everything attached to it."""
    return _set_status(product, by, Product.Status.ARCHIVED)


def product_restore(*, product: Product, by) -> Product:
    """Put an archived product back on sale."""
    return _set_status(product, by, Product.Status.ACTIVE)


def _set_status(product, by, status):
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if locked.status != status:
            locked.status = status
            locked._history_user = by
            locked.save()
            public_pages_invalidate()
    return locked


# Rows that only follow a product (its photos, QR code, home-page slot) or outlive it (a support
# request keeps its text) do not stop a deletion; anything else does (certificates, OCOP
# registrations, buyer enquiries…).
DELETION_FOLLOWERS = {
    "products.productphoto",
    "showcase.productcode",
    "showcase.featuredproduct",
    "cooperatives.supportrequest",
}


def product_is_deletable(product: Product) -> bool:
    """Only a product nothing refers to (no certificate, registration, enquiry…) may be deleted;
    anything else is archived so its history stays whole."""
    for relation in product._meta.related_objects:
        if relation.many_to_many or relation.related_model._meta.label_lower in DELETION_FOLLOWERS:
            continue
        if relation.related_model._default_manager.filter(**{relation.field.name: product}).exists():
            return False
    return True


def product_delete(*, product: Product, by) -> None:
    """Delete a product that was never registered nor certified (e.g. entered by mistake).

    Side effects: the product, its photos and their files. Raises ApplicationError when the
    product has a certificate, a registration or anything else attached: archive it instead."""
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if not product_is_deletable(locked):
            raise ApplicationError(
                _("This product has a certificate, a registration or other records: archive it instead.")
            )
        for photo in locked.photos.all():
            _delete_files_on_commit(photo)
        locked._history_user = by
        locked.delete()
        public_pages_invalidate()


# --- Photos -----------------------------------------------------------------------------------


def photos_add(*, product: Product, files, alt_text: str = "") -> list[ProductPhoto]:
    """Add already-cleaned photos at the end of the product's gallery.

    Side effects: ProductPhoto rows and files; the thumbnail task queued for each after the
    commit; the public pages invalidated. Raises ApplicationError when the gallery would exceed
    MAX_PHOTOS_PER_PRODUCT."""
    files = list(files)
    with transaction.atomic():
        Product.objects.select_for_update().filter(pk=product.pk).first()  # one upload at a time
        count = product.photos.count()
        if count + len(files) > MAX_PHOTOS_PER_PRODUCT:
            raise ApplicationError(
                _("A product can have at most %(limit)s photos; it has %(count)s.")
                % {"limit": MAX_PHOTOS_PER_PRODUCT, "count": count},
                field="photos",
            )
        position = (product.photos.aggregate(top=Max("position"))["top"] or 0) + 1 if count else 0
        photos = []
        for offset, content in enumerate(files):
            photo = ProductPhoto(product=product, alt_text=alt_text[:255], position=position + offset)
            photo.image.save(content.name, content, save=False)
            photo.save()
            _thumbnails_queue(photo)
            photos.append(photo)
        public_pages_invalidate()
    return photos


def _thumbnails_queue(photo: ProductPhoto) -> None:
    """Queue the photo's thumbnails after the commit: delay_on_commit, made robust, so that when
    the broker is down the photo is still saved and shown (pages fall back to the image)."""
    from products.tasks import make_photo_thumbnails

    photo_id = photo.pk

    def queue_thumbnails():
        make_photo_thumbnails.delay(photo_id)

    transaction.on_commit(queue_thumbnails, robust=True)


def photo_image_replace(*, photo: ProductPhoto) -> ProductPhoto:
    """A photo whose image staff replaced in the admin (already checked and re-encoded by the
    form's upload field, and saved): its old thumbnails are dropped and new ones queued.

    Side effects: clears the thumbnail fields, queues the thumbnail task after the commit (a
    broker outage does not fail the save), invalidates the public pages."""
    with transaction.atomic():
        if photo.thumbnail or photo.thumbnail_fallback:
            ProductPhoto.objects.filter(pk=photo.pk).update(thumbnail="", thumbnail_fallback="")
            photo.thumbnail, photo.thumbnail_fallback = "", ""
        _thumbnails_queue(photo)
        public_pages_invalidate()
    return photo


def photos_update(
    *, product: Product, alt_texts: dict | None = None, delete: list | None = None, move: tuple | None = None
) -> None:
    """Edit a product's gallery: alt texts `{photo: text}`, photos to `delete`, and `move`
    = (photo, "up" | "down") to swap a photo with its neighbour. Every photo must belong to
    `product` (the view answers 404 before that for someone else's photo).

    Side effects: ProductPhoto rows updated or deleted (files removed after the commit); the
    public pages invalidated."""
    alt_texts, delete = alt_texts or {}, list(delete or [])
    photos = [*alt_texts, *delete, *([move[0]] if move else [])]
    if any(photo.product_id != product.pk for photo in photos):
        raise ApplicationError(_("This photo does not belong to this product."))
    with transaction.atomic():
        gallery = list(ProductPhoto.objects.select_for_update().filter(product=product).order_by("position", "pk"))
        by_pk = {photo.pk: photo for photo in gallery}
        for photo, text in alt_texts.items():
            current = by_pk.get(photo.pk)
            if current is not None and current.alt_text != text.strip()[:255]:
                current.alt_text = text.strip()[:255]
                current.save(update_fields=["alt_text", "updated_at"])
        deleted = {photo.pk for photo in delete} & set(by_pk)
        gallery = [photo for photo in gallery if photo.pk not in deleted]
        for pk in deleted:
            _delete_files_on_commit(by_pk[pk])
            by_pk[pk].delete()
        if move and move[0].pk in {photo.pk for photo in gallery}:
            index = next(i for i, photo in enumerate(gallery) if photo.pk == move[0].pk)
            target = index - 1 if move[1] == "up" else index + 1
            if 0 <= target < len(gallery):
                gallery[index], gallery[target] = gallery[target], gallery[index]
        for position, photo in enumerate(gallery):
            if photo.position != position:
                photo.position = position
                photo.save(update_fields=["position", "updated_at"])
        public_pages_invalidate()


def _delete_files_on_commit(photo: ProductPhoto) -> None:
    files = [(f.storage, f.name) for f in (photo.image, photo.thumbnail, photo.thumbnail_fallback) if f]

    def remove():
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not delete photo file %s", name)

    transaction.on_commit(remove)


def photo_thumbnails_build(*, photo_id: int) -> bool:
    """Make the WebP thumbnail and its JPEG fallback of one photo.

    Safe to run twice (a photo that has both is left alone) and returns quietly (False) when the
    photo or its file is gone. Side effects: two files and the photo's thumbnail fields."""
    with transaction.atomic():
        photo = ProductPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or not photo.image:
            return False
        if photo.thumbnail and photo.thumbnail_fallback:
            return False
        try:
            webp, jpeg = thumbnails_make(photo.image)
        except (FileNotFoundError, OSError):
            logger.warning("Photo %s: image file missing, no thumbnails made", photo_id)
            return False
        photo.thumbnail.save(webp.name, webp, save=False)
        photo.thumbnail_fallback.save(jpeg.name, jpeg, save=False)
        photo.save(update_fields=["thumbnail", "thumbnail_fallback", "updated_at"])
        public_pages_invalidate()
    return True
