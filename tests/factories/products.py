import datetime

import factory

from products.models import Certificate, Product, ProductPhoto, ProductSet


def product_set(code="03", scheme="qd148-2023") -> ProductSet:
    """A product set of the loaded classification (03 = rice and grains)."""
    return ProductSet.objects.get(code=code, group__sector__scheme__code=scheme)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    name = factory.Sequence(lambda n: f"Gạo nếp thơm số {n}")
    slug = factory.Sequence(lambda n: f"gao-nep-thom-{n}")
    product_set = factory.LazyFunction(product_set)
    status = Product.Status.ACTIVE
    unit = "kg"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The row as product_create leaves it: with its permanent QR code."""
        from showcase.services import product_code_ensure

        product = super()._create(model_class, *args, **kwargs)
        product_code_ensure(product=product)
        return product


class ProductPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPhoto

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(width=40, height=30, format="JPEG")
    alt_text = "Ảnh sản phẩm"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    stars = 4
    score = 75
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    decision_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    product_code = factory.Sequence(lambda n: f"37-14608-{n:03d}-2026")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The row as the certificate services leave it: the product's stars follow."""
        from products.services import product_sync_stars

        certificate = super()._create(model_class, *args, **kwargs)
        product_sync_stars(product_id=certificate.product_id)
        return certificate
