import pytest
from django.utils import translation

from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """A request to an /en/ page leaves English active in the thread: start each test in the
    default language, as a new visitor does."""
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def certified_product(db):
    """A product with a valid 4-star certificate (returned fresh from the database)."""
    certificate = CertificateFactory(stars=4)
    certificate.product.refresh_from_db()
    return certificate.product


@pytest.fixture
def make_certified(db):
    """make_certified(name=..., stars=..., cooperative=...) → a certified product."""

    def make(*, stars=4, cooperative=None, **product_fields):
        product = ProductFactory(cooperative=cooperative or CooperativeFactory(), **product_fields)
        CertificateFactory(product=product, stars=stars)
        product.refresh_from_db()
        return product

    return make
