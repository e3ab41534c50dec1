"""Any change to public data makes the cached public pages stale (through the one
`public_pages_invalidate`), whichever path saved it."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cooperatives.models import Cooperative
from products.models import Certificate, Product, ProductPhoto

from .cache import public_pages_invalidate
from .models import FeaturedProduct

PUBLIC_MODELS = [Product, Certificate, Cooperative, ProductPhoto, FeaturedProduct]


def _public_data_changed(sender, **kwargs):
    public_pages_invalidate()


for _model in PUBLIC_MODELS:
    post_save.connect(_public_data_changed, sender=_model, dispatch_uid=f"showcase-cache-{_model.__name__}")
    post_delete.connect(_public_data_changed, sender=_model, dispatch_uid=f"showcase-cache-del-{_model.__name__}")
m2m_changed.connect(
    _public_data_changed, sender=Product.quality_standards.through, dispatch_uid="showcase-cache-standards"
)
