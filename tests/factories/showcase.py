import factory

from showcase.models import Enquiry, FeaturedProduct


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    product = factory.SubFactory("tests.factories.products.ProductFactory")
    cooperative = factory.LazyAttribute(lambda o: o.product.cooperative)
    name = "Trần Thị Bình"
    organisation = "Siêu thị Nông sản sạch Hà Nội"
    phone = "0987654321"
    email = "binh@sieuthi.vn"
    quantity = "500 kg mỗi tháng"
    message = "Chúng tôi muốn đặt hàng thường xuyên."


class FeaturedProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeaturedProduct

    product = factory.SubFactory("tests.factories.products.ProductFactory")
    position = factory.Sequence(int)
