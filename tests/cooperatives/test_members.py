"""The manager removes a colleague: the account is closed and its sessions end."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import COOPERATIVE_MEMBER
from cooperatives.models import Membership
from cooperatives.services import membership_remove
from ocop_portal.errors import ApplicationError
from tests.factories import MembershipFactory


@pytest.fixture
def colleague(cooperative):
    return MembershipFactory(cooperative=cooperative, role=Membership.Role.MEMBER, user__full_name="Lê Văn Cường")


def test_manager_removes_a_colleague_who_is_logged_out_everywhere(
    member_client, colleague, django_capture_on_commit_callbacks
):
    their_session = Client()
    their_session.force_login(colleague.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("cooperatives:member_remove", kwargs={"pk": colleague.pk}))

    assert response["Location"] == reverse("cooperatives:members")
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    colleague.user.refresh_from_db()
    assert colleague.user.is_active is False
    assert not colleague.user.groups.filter(name=COOPERATIVE_MEMBER).exists()
    assert their_session.get(reverse("cooperatives:dashboard"))["Location"].startswith(reverse("accounts:login"))
    assert mail.outbox[0].to == [colleague.user.email]


def test_a_member_cannot_remove_anyone(client, manager, colleague):
    client.force_login(colleague.user)

    response = client.post(reverse("cooperatives:member_remove", kwargs={"pk": manager.pk}))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=manager.pk).exists()


def test_the_manager_cannot_remove_themselves(manager):
    with pytest.raises(ApplicationError, match="tự xóa"):
        membership_remove(membership=manager, by=manager.user)

    assert Membership.objects.filter(pk=manager.pk).exists()


def test_members_page_lists_everyone_with_flat_queries(client, db):
    def count(rows):
        manager = MembershipFactory(role=Membership.Role.MANAGER)
        MembershipFactory.create_batch(rows, cooperative=manager.cooperative, role=Membership.Role.MEMBER)
        client.force_login(manager.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cooperatives:members"))
        assert len(response.context["members"]) == rows + 1
        return len(queries)

    assert count(3) == count(30)
