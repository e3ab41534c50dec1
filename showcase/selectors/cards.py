"""What several public pages share: the product card's query and the search box's cleaning."""

import unicodedata
from collections.abc import Sequence

from django.db.models import Prefetch, prefetch_related_objects

from products.models import Product, ProductPhoto, ProductSet

from ..cache import generation_cached

MAX_QUERY_LENGTH = 100


def cover_photo_prefetch(lookup: str = "photos") -> Prefetch:
    """Only the first photo of each product (one query for any number of products)."""
    return Prefetch(lookup, queryset=ProductPhoto.objects.order_by("position", "pk")[:1], to_attr="cover_photos")


def with_cover_photos(products) -> None:
    """Reads the cover photo of each of `products` (one query), as `product.cover_photos`: the
    product cards do it only for the cards they must render (showcase_tags.product_card_items)."""
    prefetch_related_objects(list(products), cover_photo_prefetch())


def product_cards():
    """Certified products with what a product card shows (the cover photo is read by the card
    itself when it is rendered, not kept: with_cover_photos)."""
    return (
        Product.objects.certified()
        .select_related("cooperative__commune")
        .only(
            "pk",
            "name",
            "slug",
            "stars",
            "certified_at",
            "price_min",
            "price_max",
            "unit",
            "cooperative__name",
            "cooperative__slug",
            "cooperative__commune__name",
        )
    )


class CardList(Sequence):
    """Product cards named by id, in order: what a list page knows after one narrow query of
    ids. The products are read only when something asks for them: iterating the list (tests,
    code) reads them all in one query; `product_card_items` reads only those whose card is not
    already rendered in this worker (`load(ids)`), so a page whose cards are all kept runs no
    query for them. An id whose product is no longer certified is left out."""

    def __init__(self, ids):
        self.ids = list(ids)
        self._loaded: dict[int, Product] = {}

    @classmethod
    def of(cls, products) -> "CardList":
        """A CardList of products already read (nothing more is read for them)."""
        products = list(products)
        cards = cls(product.pk for product in products)
        cards._loaded = {product.pk: product for product in products}
        return cards

    def load(self, ids) -> dict[int, Product]:
        wanted = [pk for pk in ids if pk not in self._loaded]
        if wanted:
            self._loaded.update((product.pk, product) for product in product_cards().filter(pk__in=wanted).order_by())
        return {pk: self._loaded[pk] for pk in ids if pk in self._loaded}

    def products(self) -> list[Product]:
        loaded = self.load(self.ids)
        return [loaded[pk] for pk in self.ids if pk in loaded]

    def __len__(self):
        return len(self.ids)

    def __bool__(self):
        return bool(self.ids)

    def __getitem__(self, index):
        return self.products()[index]

    def __iter__(self):
        return iter(self.products())


def classification_nodes() -> list[ProductSet]:
    """Every product set with its group and sector, in the scheme's order (the current scheme
    first): the tree of the category facet and a product page's classification. Cached with the
    page generation; the instances are shared, never to be changed."""

    def load():
        return list(
            ProductSet.objects.select_related("group__sector__scheme").order_by(
                "-group__sector__scheme__is_current", "group__sector__position", "group__position", "position"
            )
        )

    return generation_cached("catalogue:classification", load)


def clean_query(text: str) -> str:
    """A search box entry: control characters out, spaces squeezed, at most 100 characters."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in str(text))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]
