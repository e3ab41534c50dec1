import pytest

from cooperatives.models import Membership
from tests.factories import CooperativeFactory, MembershipFactory


@pytest.fixture
def manager(db):
    """The manager of a cooperative (a Membership, with .user and .cooperative)."""
    return MembershipFactory(role=Membership.Role.MANAGER)


@pytest.fixture
def cooperative(manager):
    return manager.cooperative


@pytest.fixture
def member_client(client, manager):
    client.force_login(manager.user)
    return client


@pytest.fixture
def other_cooperative(db):
    return CooperativeFactory(name="HTX Đồng Tâm")
