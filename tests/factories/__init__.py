"""factory-boy factories for the whole suite. Import from `tests.factories`."""

from .accounts import StaffUserFactory, UserFactory  # noqa: F401
from .cooperatives import CooperativeFactory, MembershipFactory  # noqa: F401
from .products import CertificateFactory, ProductFactory, ProductPhotoFactory, product_set  # noqa: F401
