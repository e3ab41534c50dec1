import factory

from cooperatives.models import Cooperative, Membership
from places.models import Commune


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"HTX nông nghiệp số {n}")
    slug = factory.Sequence(lambda n: f"htx-nong-nghiep-{n}")
    kind = Cooperative.Kind.COOPERATIVE
    commune = factory.LazyFunction(lambda: Commune.objects.get(code=14608))  # Xã Khánh Trung, Ninh Bình
    legal_representative = "Nguyễn Văn An"
    legal_representative_sex = Cooperative.Sex.MALE
    phone = "0912345678"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    cooperative = factory.SubFactory(CooperativeFactory)
    role = Membership.Role.MANAGER


class PersonFactory(factory.django.DjangoModelFactory):
    """A person of a cooperative (not its leader unless is_leader=True)."""

    class Meta:
        model = "cooperatives.Person"

    cooperative = factory.SubFactory(CooperativeFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị Học Viên {n}")
    position = "Thành viên"
    phone = "0987654321"
