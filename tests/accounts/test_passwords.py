"""Password reset by email (through the outbox) and password change (other sessions end)."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory

NEW = "Nuoc-mam-Kim-Son-2026"


@pytest.fixture
def user(db):
    return MembershipFactory(user__email="an@htx.vn", user__full_name="Nguyễn Văn An").user


def test_password_reset_email_is_queued_after_commit_and_its_link_works(
    client, user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "AN@htx.vn"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["an@htx.vn"]
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    confirm = client.get(urlparse(link).path, follow=True)
    done = client.post(confirm.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "ai-do@htx.vn"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_with_a_bad_email_shows_the_message(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "khong hop le"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_password_change_keeps_this_session_and_ends_the_others(user):
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)

    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": "mat-khau-123", "new_password1": NEW, "new_password2": NEW},
    )

    assert response["Location"] == reverse("accounts:password_change_done")
    assert here.get(reverse("cooperatives:dashboard")).status_code == 200
    other = elsewhere.get(reverse("cooperatives:dashboard"))
    assert other.status_code == 302
    assert other["Location"].startswith(reverse("accounts:login"))


def test_password_change_with_a_wrong_old_password_changes_nothing(client, user):
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"), {"old_password": "sai", "new_password1": NEW, "new_password2": NEW}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    user.refresh_from_db()
    assert user.check_password("mat-khau-123")


def test_password_change_needs_login(client, db):
    response = client.get(reverse("accounts:password_change"))

    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_page_has_reset_and_signup_links_and_a_vietnamese_error(client, user):
    response = client.post(reverse("accounts:login"), {"username": "an@htx.vn", "password": "sai"})

    html = response.content.decode()
    assert reverse("accounts:password_reset") in html and reverse("accounts:signup") in html
    assert "Email hoặc mật khẩu không đúng." in html


def test_password_reset_confirm_with_different_passwords_changes_nothing(client, user):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    confirm = client.get(
        reverse(
            "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}
        )
    )

    response = client.post(confirm["Location"], {"new_password1": NEW, "new_password2": NEW + "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password("mat-khau-123")
