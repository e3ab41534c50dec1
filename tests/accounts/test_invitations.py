"""A manager invites a colleague by email; the link expires, works once, and the invited person
chooses a password."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.services import invitation_accept, invitation_create
from cooperatives.models import Membership
from ocop_portal.errors import ApplicationError
from tests.factories import MembershipFactory

NEW_PASSWORD = "Che-xanh-Nho-Quan-7"


@pytest.fixture
def manager(db):
    return MembershipFactory(role=Membership.Role.MANAGER, user__full_name="Nguyễn Văn An")


def accept_url(token):
    return reverse("accounts:invitation_accept", kwargs={"token": token})


def test_manager_invites_a_colleague_from_the_members_page(
    client, manager, django_capture_on_commit_callbacks, settings
):
    client.force_login(manager.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cooperatives:members"), {"email": "Lan@Example.vn", "full_name": "Lê Thị Lan"})

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.cooperative, invitation.email, invitation.invited_by) == (
        manager.cooperative,
        "lan@example.vn",
        manager.user,
    )
    expected = timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    assert abs((invitation.expires_at - expected).total_seconds()) < 60
    assert mail.outbox[0].to == ["lan@example.vn"]
    assert "/accounts/invitation/" in mail.outbox[0].body
    assert invitation.token_hash not in mail.outbox[0].body  # only the hash is stored


def test_invite_with_a_bad_email_shows_the_message_and_saves_nothing(client, manager):
    client.force_login(manager.user)

    response = client.post(reverse("cooperatives:members"), {"email": "khong-phai-email", "full_name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_a_member_who_is_not_manager_cannot_invite(client, manager):
    member = MembershipFactory(cooperative=manager.cooperative, role=Membership.Role.MEMBER)
    client.force_login(member.user)

    page = client.get(reverse("cooperatives:members"))
    response = client.post(reverse("cooperatives:members"), {"email": "x@example.vn"})

    assert page.context["form"] is None
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitation_to_someone_who_already_has_a_cooperative_is_refused(manager):
    MembershipFactory(user__email="da-co@example.vn")

    with pytest.raises(ApplicationError, match="đã có tài khoản"):
        invitation_create(cooperative=manager.cooperative, by=manager.user, email="da-co@example.vn")


def test_invited_person_sets_a_password_and_enters_the_space(client, manager, django_capture_on_commit_callbacks):
    invitation = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")

    page = client.get(accept_url(invitation.token))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            accept_url(invitation.token),
            {"full_name": "Lê Thị Lan", "phone": "0987 654 321", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

    assert page.status_code == 200
    assert "lan@example.vn" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives:dashboard")
    user = User.objects.get(email="lan@example.vn")
    assert (user.full_name, user.phone, user.membership.cooperative, user.membership.role) == (
        "Lê Thị Lan",
        "0987654321",
        manager.cooperative,
        Membership.Role.MEMBER,
    )
    assert user.check_password(NEW_PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_user == user
    assert mail.outbox[-1].to == [manager.user.email]  # the manager learns the colleague joined
    assert manager.cooperative.name in client.get(reverse("cooperatives:dashboard")).content.decode()


def test_invitation_accept_with_a_weak_password_shows_the_message_and_creates_nothing(client, manager):
    invitation = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")

    response = client.post(
        accept_url(invitation.token), {"full_name": "Lê Thị Lan", "password1": "12345678", "password2": "12345678"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="lan@example.vn").exists()


def test_invitation_link_expires(client, manager):
    invitation = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    page = client.get(accept_url(invitation.token))
    post = client.post(
        accept_url(invitation.token), {"full_name": "Lan", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert page.status_code == 410
    assert "đã hết hạn" in page.content.decode()
    assert post.status_code == 410
    assert not User.objects.filter(email="lan@example.vn").exists()
    with pytest.raises(ApplicationError, match="hết hạn"):
        invitation_accept(token=invitation.token, full_name="Lan", password=NEW_PASSWORD)


def test_invitation_link_works_only_once(manager):
    invitation = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")
    invitation_accept(token=invitation.token, full_name="Lan", password=NEW_PASSWORD)

    with pytest.raises(ApplicationError, match="đã được sử dụng"):
        invitation_accept(token=invitation.token, full_name="Kẻ khác", password="Mat-khau-khac-99")

    assert User.objects.get(email="lan@example.vn").full_name == "Lan"


def test_a_new_invitation_withdraws_the_previous_one(manager):
    first = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")
    invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")

    with pytest.raises(ApplicationError, match="thu hồi"):
        invitation_accept(token=first.token, full_name="Lan", password=NEW_PASSWORD)


def test_an_unknown_token_is_refused(client, db):
    response = client.get(accept_url("khong-ton-tai"))

    assert response.status_code == 410
    assert "không hợp lệ" in response.content.decode()


def test_manager_withdraws_an_invitation(client, manager):
    invitation = invitation_create(cooperative=manager.cooperative, by=manager.user, email="lan@example.vn")
    client.force_login(manager.user)

    client.post(reverse("cooperatives:invitation_withdraw", kwargs={"pk": invitation.pk}))

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(accept_url(invitation.token)).status_code == 410
