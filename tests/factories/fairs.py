"""Factories for trade-promotion events, applications, buyers and the sales centre."""

import datetime

import factory
from django.utils import timezone

from fairs.models import Application, ApplicationProduct, BoothType, Buyer, Event, EventSupport, OutcomeReport
from salescentre.models import SalesCentre


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    """An open trade fair 30 days ahead (deadline in 20 days) with 10 booths."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.TRADE_FAIR
    name = factory.Sequence(lambda n: f"Hội chợ OCOP số {n}")
    slug = factory.Sequence(lambda n: f"hoi-cho-ocop-{n}")
    venue = "Quảng trường Đinh Tiên Hoàng"
    address = "Phường Hoa Lư, Ninh Bình"
    starts_on = factory.LazyFunction(lambda: in_days(30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=3))
    application_deadline = factory.LazyAttribute(lambda o: o.starts_on - datetime.timedelta(days=10))
    booth_count = 10
    support_budget_vnd = 20_000_000
    status = Event.Status.OPEN

    @factory.post_generation
    def standard_booth(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            BoothType.objects.create(event=obj, kind=BoothType.Kind.STANDARD, size="3×3 m", fee_vnd=2_000_000)


class EventSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSupport

    event = factory.SubFactory(EventFactory)
    kind = EventSupport.Kind.BOOTH_FEE
    share_percent = 50


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with one certified product of the cooperative."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    cooperative = factory.SubFactory("tests.factories.cooperatives.CooperativeFactory")
    booth_type = factory.LazyAttribute(lambda o: o.event.booth_types.order_by("pk").first())
    status = Application.Status.SUBMITTED

    @factory.post_generation
    def shown(obj, create, extracted, **kwargs):
        if not create:
            return
        products = extracted
        if products is None:
            from tests.factories import CertificateFactory

            products = [CertificateFactory(product__cooperative=obj.cooperative).product]
        for position, product in enumerate(products):
            ApplicationProduct.objects.create(application=obj, product=product, position=position)


class OutcomeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeReport

    application = factory.SubFactory(ApplicationFactory, status=Application.Status.ACCEPTED)
    sales_vnd = 5_000_000
    contracts_count = 1
    contracts_value_vnd = 30_000_000
    new_buyers = 3


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    event = factory.SubFactory(EventFactory, kind=Event.Kind.CONFERENCE)
    company = factory.Sequence(lambda n: f"Siêu thị Demo {n}")
    kind = Buyer.Kind.SUPERMARKET
    contact_name = "Lê Thị Hoa"
    email = factory.Sequence(lambda n: f"buyer{n}@example.vn")
    phone = "0912345678"
    wants = "Gạo đặc sản, nông sản sạch"
    status = Buyer.Status.APPROVED


class SalesCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesCentre

    name = "Trung tâm giới thiệu và bán sản phẩm OCOP"
    slug = factory.Sequence(lambda n: f"trung-tam-ocop-{n}")
    address = "Số 1 Lê Hồng Phong, phường Hoa Lư, Ninh Bình"
    opened_on = datetime.date(2020, 6, 1)
