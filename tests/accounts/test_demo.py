"""The demo accounts (accounts/demo.py): roles, and passwords that are never in the repo."""

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from accounts.demo import ACCOUNTS, demo_accounts_load, demo_load
from accounts.models import User
from accounts.roles import ALLIANCE_STAFF, COUNCIL_MEMBER
from accounts.rules import is_alliance_staff, is_council_member
from cooperatives.demo import cooperatives_demo_load
from cooperatives.models import Membership
from cooperatives.rules import is_cooperative_manager

EMAILS = [account.email for account in ACCOUNTS]
PRINTED_PASSWORD = re.compile(r"^\s+mật khẩu \(password\): (\S+)$", re.MULTILINE)


@pytest.fixture
def producers(db):
    cooperatives_demo_load()


def can_log_in(email: str, password: str) -> bool:
    """The real authentication chain (django-axes needs the request, so no client.login)."""
    return authenticate(RequestFactory().post("/accounts/login/"), email=email, password=password) is not None


def run() -> str:
    out = io.StringIO()
    summary = demo_load(stdout=out)
    return out.getvalue() + summary


def test_demo_accounts_load_creates_one_account_per_role(producers):
    # Act
    demo_accounts_load(password="mat-khau-thu")

    # Assert
    admin = User.objects.get(email="admin@demo.ocop.vn")
    staff = User.objects.get(email="canbo@demo.ocop.vn")
    manager = User.objects.get(email="sinhduoc@demo.ocop.vn")
    council = User.objects.get(email="hoidong@demo.ocop.vn")
    assert admin.is_superuser and admin.is_staff
    assert staff.is_staff and not staff.is_superuser
    assert list(staff.groups.values_list("name", flat=True)) == [ALLIANCE_STAFF]
    assert is_alliance_staff(staff)
    membership = Membership.objects.get(user=manager)
    assert (membership.cooperative.slug, membership.role) == ("htx-sinh-duoc", Membership.Role.MANAGER)
    assert is_cooperative_manager(manager, membership.cooperative)
    assert not manager.is_staff
    assert list(council.groups.values_list("name", flat=True)) == [COUNCIL_MEMBER]
    assert is_council_member(council) and not is_alliance_staff(council)


def test_demo_load_prints_random_passwords_once_when_no_demo_password(producers, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    # Act
    first = run()
    second = run()

    # Assert: four different passwords printed the first time, and they work.
    passwords = PRINTED_PASSWORD.findall(first)
    assert len(passwords) == len(set(passwords)) == 4
    for email, password in zip(EMAILS, passwords, strict=True):
        assert email in first
        assert can_log_in(email, password)
    # The second run prints the logins but no password, says where they went and how to reset.
    assert PRINTED_PASSWORD.findall(second) == []
    assert all(email in second for email in EMAILS)
    assert "printed when the accounts were created" in second
    assert "DEMO_PASSWORD=... make run" in second
    assert "manage.py changepassword <email>" in second
    assert can_log_in(EMAILS[0], passwords[0])


def test_demo_load_applies_demo_password_and_does_not_print_it(producers, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Thu-nghiem-2026")

    output = run()

    for email in EMAILS:
        assert can_log_in(email, "Thu-nghiem-2026")
    assert "Thu-nghiem-2026" not in output
    assert "DEMO_PASSWORD" in output


def test_demo_load_reapplies_a_changed_demo_password(producers, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Mat-khau-cu-1")
    run()
    monkeypatch.setenv("DEMO_PASSWORD", "Mat-khau-moi-2")

    run()

    assert can_log_in("canbo@demo.ocop.vn", "Mat-khau-moi-2")
    assert not can_log_in("canbo@demo.ocop.vn", "Mat-khau-cu-1")


def test_demo_accounts_load_changes_nothing_when_rerun_with_same_password(producers):
    demo_accounts_load(password="Giong-nhau-3")
    before = list(User.objects.order_by("pk").values_list("pk", "password", "is_staff", "is_superuser"))

    result = demo_accounts_load(password="Giong-nhau-3")

    assert result == dict.fromkeys(EMAILS)
    assert list(User.objects.order_by("pk").values_list("pk", "password", "is_staff", "is_superuser")) == before
    assert Membership.objects.count() == 1


def test_demo_accounts_load_keeps_an_account_staff_deactivated(producers):
    demo_accounts_load(password="Mot-mat-khau-4")
    User.objects.filter(email="hoidong@demo.ocop.vn").update(is_active=False)

    demo_accounts_load(password="Mot-mat-khau-4")

    assert not User.objects.get(email="hoidong@demo.ocop.vn").is_active


def test_demo_load_prints_the_address_make_run_serves(producers, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "Dia-chi-5")
    monkeypatch.setenv("PORT", "8102")

    output = run()

    assert "http://127.0.0.1:8102/" in output
    assert "http://127.0.0.1:8102/admin/" in output


def test_demo_load_warns_to_remove_demo_accounts_when_debug_is_off(producers, monkeypatch, settings):
    monkeypatch.setenv("DEMO_PASSWORD", "Canh-bao-6")
    settings.DEBUG = False

    output = run()

    assert "WARNING: DEBUG is off" in output
    settings.DEBUG = True
    assert "WARNING: DEBUG is off" not in run()
