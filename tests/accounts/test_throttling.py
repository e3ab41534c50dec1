"""Failed logins are throttled (django-axes) per account and per IP after 5 failures, without
locking the owner out for ever: the pause ends after the cool-off, or at once when the owner
resets the password."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import MembershipFactory

PASSWORD = "mat-khau-123"  # UserFactory's


@pytest.fixture
def owner(db):
    return MembershipFactory(user__email="chu@htx.vn").user


def login(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_is_refused_after_five_failures_even_with_the_right_password(client, owner):
    for _ in range(4):
        assert login(client, "chu@htx.vn", "sai").status_code == 200

    fifth = login(client, "chu@htx.vn", "sai")
    right = login(client, "chu@htx.vn", PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert "tạm dừng 15 phút" in right.content.decode()
    assert reverse("accounts:password_reset") in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_failures_count_per_account_whatever_the_case_and_the_ip(client, owner):
    for i, variant in enumerate(["chu@htx.vn", "CHU@htx.vn", " Chu@HTX.vn", "chu@HTX.VN", "chu@htx.vn"]):
        login(client, variant, "sai", ip=f"10.0.0.{i + 1}")

    response = login(client, "chu@htx.vn", PASSWORD, ip="10.9.9.9")

    assert response.status_code == 429


def test_login_failures_count_per_ip_across_accounts(client, owner):
    for i in range(5):
        login(client, f"khac{i}@htx.vn", "sai", ip="10.1.1.1")

    blocked = login(client, "chu@htx.vn", PASSWORD, ip="10.1.1.1")
    elsewhere = login(client, "chu@htx.vn", PASSWORD, ip="10.2.2.2")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 302


def test_login_is_allowed_again_after_the_cool_off(client, owner, settings):
    for _ in range(5):
        login(client, "chu@htx.vn", "sai")
    assert login(client, "chu@htx.vn", PASSWORD).status_code == 429

    # The cool-off (AXES_COOLOFF_MINUTES, 15 by default) has passed since the last failure.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = login(client, "chu@htx.vn", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("cooperatives:dashboard")


def test_attempts_during_a_lockout_do_not_extend_it(client, owner):
    for _ in range(5):
        login(client, "chu@htx.vn", "sai")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=10))

    for _ in range(3):  # the owner keeps trying while paused
        assert login(client, "chu@htx.vn", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert login(client, "chu@htx.vn", PASSWORD).status_code == 302


def test_password_reset_lifts_the_lockout_at_once(client, owner):
    for _ in range(5):
        login(client, "chu@htx.vn", "sai")
    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    token = default_token_generator.make_token(owner)
    confirm = client.get(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))

    client.post(confirm["Location"], {"new_password1": "Gao-tam-thom-88", "new_password2": "Gao-tam-thom-88"})

    assert not AccessAttempt.objects.filter(username="chu@htx.vn").exists()
    assert login(client, "chu@htx.vn", "Gao-tam-thom-88", ip="10.3.3.3").status_code == 302


def test_a_successful_login_clears_earlier_failures(client, owner):
    for _ in range(4):
        login(client, "chu@htx.vn", "sai")

    assert login(client, "chu@htx.vn", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        login(client, "chu@htx.vn", "sai")

    assert login(client, "chu@htx.vn", PASSWORD).status_code == 302


# --- Behind the proxy (PROXY_COUNT) -----------------------------------------------------------

PROXY = "10.0.0.254"


def login_via_proxy(client, email, password, client_address):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_behind_the_proxy_a_flood_from_one_client_locks_only_that_client(client, owner, settings):
    settings.PROXY_COUNT = 1
    for i in range(5):  # one visitor tries five accounts
        login_via_proxy(client, f"khac{i}@htx.vn", "sai", "6.6.6.6, 203.0.113.50")

    flooder = login_via_proxy(client, "chu@htx.vn", PASSWORD, "203.0.113.50")
    someone_else = login_via_proxy(client, "chu@htx.vn", PASSWORD, "198.51.100.20")

    assert flooder.status_code == 429
    assert someone_else.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}


def test_without_a_configured_proxy_a_forged_header_changes_nothing(client, owner, settings):
    settings.PROXY_COUNT = 0
    for i in range(5):  # the attacker writes a new address in the header each time
        login_via_proxy(client, f"khac{i}@htx.vn", "sai", f"203.0.113.{i + 1}")

    response = login_via_proxy(client, "chu@htx.vn", PASSWORD, "198.51.100.20")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}
