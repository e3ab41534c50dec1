"""The product page, the page behind a QR code and the certificate lookup."""

from django.db.models import Prefetch, Q

from products.models import Certificate, Product, ProductPhoto

from ..cache import generation_cached
from ..models import ProductCode, normalise_code
from .cards import classification_nodes, product_cards


def _product_for_public():
    """The product with what its page shows. The classification (set, group, sector) comes
    from the cached tree (_with_classification): three joins fewer, and planning an 8-table
    join cost PostgreSQL more than running it."""
    return Product.objects.select_related("cooperative__commune__province", "qr_code").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "pk")),
        "quality_standards",
        Prefetch("certificates", queryset=Certificate.objects.order_by("-decision_date", "-pk")),
    )


def _with_classification(product: Product | None) -> Product | None:
    if product is not None and product.product_set_id:
        node = next((node for node in classification_nodes() if node.pk == product.product_set_id), None)
        if node is not None:  # else (a set added a moment ago) it loads on first use
            product.product_set = node
    return product


def current_certificate(product) -> Certificate | None:
    """The certificate to show: the valid one if any, else the most recent (expired or
    revoked, shown as such). Uses the prefetched certificates."""
    certificates = list(product.certificates.all())
    for certificate in certificates:
        if certificate.effective_status == Certificate.Status.VALID:
            return certificate
    return certificates[0] if certificates else None


def product_public(*, slug: str) -> Product | None:
    """An on-sale product that has been OCOP-rated (its certificate may have lapsed since)."""
    product = _product_for_public().filter(slug=slug, status=Product.Status.ACTIVE).first()
    if product is None or not product.certificates.all():
        return None
    return _with_classification(product)


def producer_other_products(product, *, limit: int = 4) -> list[Product]:
    """Up to `limit` other certified products of the producer. The producer's first cards are
    read once per cache generation and shared by all its product pages."""
    cooperative_id = product.cooperative_id
    cards = generation_cached(
        f"producer:cards:{cooperative_id}:{limit + 1}",
        lambda: list(
            product_cards().filter(cooperative_id=cooperative_id).order_by("-stars", "name", "pk")[: limit + 1]
        ),
    )
    return [card for card in cards if card.pk != product.pk][:limit]


def product_for_code(code: str) -> Product | None:
    """The product behind a QR code, whatever has happened to it since the label was printed
    (renamed, re-rated, certificate expired or revoked, withdrawn from sale); not a draft."""
    product_id = ProductCode.objects.filter(code=normalise_code(code)).values_list("product_id", flat=True).first()
    if product_id is None:
        return None
    return _with_classification(
        _product_for_public().exclude(status=Product.Status.DRAFT).filter(pk=product_id).first()
    )


def certificates_lookup(query: str) -> list[Certificate]:
    """Certificates whose product code or decision number is `query` (case-insensitive;
    "QD" typed for "QĐ" is accepted). A decision may certify several products."""
    query = " ".join(query.split())
    if not query:
        return []
    variants = {query, query.upper().replace("QD", "QĐ")}
    condition = Q()
    for variant in variants:
        condition |= Q(product_code__iexact=variant) | Q(decision_number__iexact=variant)
    return list(
        Certificate.objects.filter(condition)
        .select_related("product__cooperative__commune")
        .order_by("-decision_date", "-pk")[:50]
    )
