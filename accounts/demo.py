"""Demo accounts for `manage.py load_demo`, and the closing block with the address and logins.

Passwords are never in the repository: with the environment variable DEMO_PASSWORD every demo
account gets that password (re-applied on each run, so changing it and re-running works);
without it, a random password is generated when an account is created and printed once."""

import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import get_random_string

from cooperatives.models import Cooperative, Membership

from .models import User
from .roles import ALLIANCE_STAFF, COOPERATIVE_MEMBER, COUNCIL_MEMBER

DEMO_ORDER = 90  # after the producers exist
PASSWORD_ENV = "DEMO_PASSWORD"  # noqa: S105 (the variable's name, not a password)
MANAGED_COOPERATIVE = "htx-sinh-duoc"
# No look-alike characters (0/O, 1/l/I) so a password read off a terminal types right.
PASSWORD_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str  # shown in the printed block
    is_staff: bool = False
    is_superuser: bool = False
    groups: tuple[str, ...] = ()
    manages: str = ""  # slug of the cooperative this account manages


ACCOUNTS = [
    DemoAccount(
        email="admin@demo.ocop.vn",
        full_name="Quản trị hệ thống (demo)",
        role="Quản trị hệ thống (administrator)",
        is_staff=True,
        is_superuser=True,
    ),
    DemoAccount(
        email="canbo@demo.ocop.vn",
        full_name="Cán bộ Liên minh HTX (demo)",
        role="Cán bộ Liên minh HTX (Alliance staff)",
        is_staff=True,
        groups=(ALLIANCE_STAFF,),
    ),
    DemoAccount(
        email="sinhduoc@demo.ocop.vn",
        full_name="Quản lý HTX Sinh Dược (demo)",
        role="Quản lý HTX Sinh Dược (cooperative manager)",
        groups=(COOPERATIVE_MEMBER,),
        manages=MANAGED_COOPERATIVE,
    ),
    DemoAccount(
        email="hoidong@demo.ocop.vn",
        full_name="Thành viên Hội đồng đánh giá (demo)",
        role="Thành viên Hội đồng đánh giá (evaluation council member)",
        groups=(COUNCIL_MEMBER,),
    ),
]


def demo_load(*, stdout) -> str:
    """Create the accounts; the login block they return is printed by load_demo last of all."""
    env_password = os.environ.get(PASSWORD_ENV) or None
    passwords = demo_accounts_load(password=env_password)
    return login_block(passwords=passwords, from_env=env_password is not None)


def demo_accounts_load(*, password: str | None = None) -> dict[str, str | None]:
    """Create the demo accounts that do not exist yet and make sure each has its role.

    With `password`, every account gets it (only written when it differs, so a second run with
    the same password changes nothing); without it, a new account gets a random password and an
    existing one keeps its own. Side effects: inserts/updates User rows, group links and the
    cooperative manager's Membership. Returns {email: the new password, or None if unchanged}."""
    cooperatives = Cooperative.objects.in_bulk({a.manages for a in ACCOUNTS if a.manages}, field_name="slug")
    missing = {a.manages for a in ACCOUNTS if a.manages} - set(cooperatives)
    if missing:
        raise ImproperlyConfigured(
            f"Demo cooperatives {sorted(missing)} are missing: cooperatives.demo must run first."
        )
    result = {}
    for account in ACCOUNTS:
        user = User.objects.filter(email__iexact=account.email).first()
        new_password = None
        if user is None:
            new_password = password or get_random_string(14, PASSWORD_CHARS)
            user = User.objects.create_user(
                email=account.email,
                password=new_password,
                full_name=account.full_name,
                is_staff=account.is_staff,
                is_superuser=account.is_superuser,
            )
        elif password is not None and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            new_password = password
        _ensure_role(user, account, cooperatives)
        result[account.email] = new_password
    return result


def _ensure_role(user: User, account: DemoAccount, cooperatives: dict[str, Cooperative]) -> None:
    # Only grants what the role needs; never re-activates an account staff deactivated.
    flags = {"is_staff": account.is_staff or user.is_staff}
    if account.is_superuser:
        flags["is_superuser"] = True
    changed = [name for name, value in flags.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, flags[name])
        user.save(update_fields=changed)
    missing_groups = set(account.groups) - set(user.groups.values_list("name", flat=True))
    if missing_groups:
        user.groups.add(*Group.objects.filter(name__in=missing_groups))
    if account.manages and not Membership.objects.filter(user=user).exists():
        Membership.objects.create(user=user, cooperative=cooperatives[account.manages], role=Membership.Role.MANAGER)


def site_url() -> str:
    """Where `make run` serves (it passes HOST and PORT on to this command)."""
    host = os.environ.get("HOST") or "127.0.0.1"
    port = os.environ.get("PORT") or "8000"
    return f"http://{host}:{port}"


def login_block(*, passwords: dict[str, str | None], from_env: bool) -> str:
    url = site_url()
    width = max(len(a.email) for a in ACCOUNTS)
    lines = [
        "",
        "=" * 78,
        "Cổng OCOP Liên minh HTX tỉnh Ninh Bình đã sẵn sàng (the OCOP portal is ready)",
        f"  Trang chủ (home page):         {url}/",
        f"  Trang quản trị (staff admin):  {url}/admin/",
        "",
        "Tài khoản demo (demo logins) — đăng nhập bằng email (sign in with the email):",
    ]
    for account in ACCOUNTS:
        lines.append(f"  {account.email.ljust(width)}  {account.role}")
        new_password = passwords.get(account.email)
        if from_env:
            lines.append(
                f"  {'':{width}}  mật khẩu: giá trị của {PASSWORD_ENV} (password: the value of {PASSWORD_ENV})"
            )
        elif new_password:
            lines.append(f"  {'':{width}}  mật khẩu (password): {new_password}")
    if not from_env:
        if any(passwords.values()):
            lines += [
                "",
                "Mật khẩu chỉ in MỘT LẦN, hãy ghi lại ngay (passwords are printed ONCE — note them now).",
            ]
        if not all(passwords.values()):
            lines += [
                "",
                "Mật khẩu đã được in khi tạo tài khoản (passwords were printed when the accounts were created).",
            ]
        lines += [
            "Đặt lại mật khẩu (to reset): DEMO_PASSWORD=... make run",
            "  hoặc (or): .venv/bin/python manage.py changepassword <email>",
        ]
    lines.append(
        "Dữ liệu và tài khoản demo chỉ dùng để thử nghiệm (demo data and accounts are for trying the portal only)."
    )
    if not settings.DEBUG:
        lines.append(
            "CẢNH BÁO: DEBUG đang tắt — nếu đây là máy chủ thật, hãy xóa hoặc khóa các tài khoản demo "
            "(WARNING: DEBUG is off — on a real server, delete or deactivate the demo accounts)."
        )
    lines += ["=" * 78, ""]
    return "\n".join(lines)
