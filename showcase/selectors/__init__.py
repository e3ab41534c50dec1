"""Reads of the public showcase. Every function here runs a fixed number of queries, whatever
the number of rows (the tests assert it). One module per page family; the names are
re-exported here, so `from showcase import selectors` / `selectors.catalogue_page` keep working."""

from .cards import MAX_QUERY_LENGTH, CardList, clean_query, cover_photo_prefetch, product_cards
from .catalogue import (
    DEFAULT_SORT,
    PAGE_SIZE,
    SORTS,
    CatalogueFilters,
    CataloguePage,
    FacetPanel,
    catalogue_page,
)
from .producers import DIRECTORY_PAGE_SIZE, DirectoryFilters, directory_page, producer_products, producer_public
from .products import (
    certificates_lookup,
    current_certificate,
    producer_other_products,
    product_for_code,
    product_public,
)
from .space import space_enquiries, space_enquiry_counts

__all__ = [
    "DEFAULT_SORT",
    "DIRECTORY_PAGE_SIZE",
    "MAX_QUERY_LENGTH",
    "PAGE_SIZE",
    "SORTS",
    "CardList",
    "CatalogueFilters",
    "CataloguePage",
    "DirectoryFilters",
    "FacetPanel",
    "catalogue_page",
    "certificates_lookup",
    "clean_query",
    "cover_photo_prefetch",
    "current_certificate",
    "directory_page",
    "producer_other_products",
    "producer_products",
    "producer_public",
    "product_cards",
    "product_for_code",
    "product_public",
    "space_enquiries",
    "space_enquiry_counts",
]
