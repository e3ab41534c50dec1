import pytest

from cooperatives.models import Person
from cooperatives.people import person_create, person_make_leader
from tests.factories.cooperatives import CooperativeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_person_make_leader_moves_the_flag_and_the_profile_name():
    cooperative = CooperativeFactory(leader_name="Nguyễn Văn Cũ")
    old = PersonFactory(cooperative=cooperative, full_name="Nguyễn Văn Cũ", is_leader=True)
    new = person_create(cooperative=cooperative, by=None, full_name="  Lê Thị   Mới ", position="Giám đốc")

    person_make_leader(person=new, by=None)

    old.refresh_from_db()
    cooperative.refresh_from_db()
    assert not old.is_leader and old.is_active
    assert list(Person.objects.leaders().filter(cooperative=cooperative)) == [new]
    assert cooperative.leader_name == "Lê Thị Mới"
