"""schema.org data for search engines (rendered by the `ld_json` tag, escaped like json_script)."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.translation import gettext as _

from products.models import Certificate


def _absolute(url: str) -> str:
    return urljoin(settings.SITE_URL + "/", url)


def certificate_award(certificate: Certificate) -> str:
    return _("OCOP %(stars)s-star product — decision %(number)s of %(date)s, product code %(code)s") % {
        "stars": certificate.stars,
        "number": certificate.decision_number,
        "date": certificate.decision_date.strftime("%d/%m/%Y"),
        "code": certificate.product_code,
    }


def product_data(*, product, certificate: Certificate | None, photos) -> dict:
    """A schema.org Product. The OCOP certificate is its `award` while it is valid; an expired
    or revoked certificate is no award and is left out."""
    cooperative = product.cooperative
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if cooperative.commune_id:
        address["addressLocality"] = cooperative.commune.name
        address["addressRegion"] = cooperative.commune.province.name
    if cooperative.street_address:
        address["streetAddress"] = cooperative.street_address
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": _absolute(product.get_absolute_url()),
        "category": product.product_set.label,
        "brand": {"@type": "Brand", "name": cooperative.name},
        "manufacturer": {
            "@type": "Organization",
            "name": cooperative.name,
            "url": _absolute(cooperative.get_absolute_url()),
            "address": address,
        },
    }
    if product.description:
        data["description"] = product.description
    images = [_absolute(photo.image.url) for photo in photos]
    if images:
        data["image"] = images
    if product.barcode:
        data["gtin"] = product.barcode
    if certificate is not None:
        data["sku"] = certificate.product_code
        if certificate.effective_status == Certificate.Status.VALID:
            data["award"] = certificate_award(certificate)
    if product.price_min:
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": "VND",
            "lowPrice": product.price_min,
            "highPrice": product.price_max or product.price_min,
        }
    return data
