"""Benchmark pages of the plans app (bench/run.py, `manage.py bench_data`): the public "OCOP in
numbers" page and the staff dashboard of a plan with a target on each counting metric, requested
with the session of a benchmark staff account (the dashboard is never cached). Idempotent."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from .metrics import COUNT, registry
from .models import Plan, Target

BENCH_PLAN = "bench-plan: kế hoạch đo hiệu năng"
BENCH_STAFF = "bench-staff@bench.ocop.vn"


def bench_plan_load() -> Plan:
    plan = Plan.objects.filter(name=BENCH_PLAN).first()
    if plan is None:
        today = datetime.date.today()
        plan = Plan.objects.create(
            name=BENCH_PLAN,
            starts_on=today.replace(year=today.year - 3, month=1, day=1),
            ends_on=today.replace(month=12, day=31),
            status=Plan.Status.IN_FORCE,
        )
        Target.objects.bulk_create(
            Target(plan=plan, metric=m.code, target_value=100, position=i)
            for i, m in enumerate(registry.all())
            if m.unit == COUNT
        )
    return plan


def bench_staff_cookie() -> str:
    """A session of the benchmark's staff account, as a Cookie header value."""
    from accounts.models import User
    from accounts.roles import ALLIANCE_STAFF

    user = User.objects.filter(email=BENCH_STAFF).first()
    if user is None:
        user = User.objects.create_user(email=BENCH_STAFF, password=None, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=ALLIANCE_STAFF)[0])
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def bench_load(*, products, reset: bool = False) -> None:
    bench_plan_load()


def bench_delete() -> None:
    Plan.objects.filter(name=BENCH_PLAN).delete()


def bench_pages() -> list[tuple]:
    """(name, URLs[, Cookie header]) of the pages to measure (bench.data, the app protocol)."""
    plan = bench_plan_load()
    cookie = bench_staff_cookie()
    return [
        ("OCOP in numbers", ["/ocop-in-numbers/"]),
        # As staff see it: the figures kept for a minute (PLANS_DASHBOARD_CACHE_SECONDS).
        ("staff dashboard", [f"/staff/plans/?plan={plan.pk}"], cookie),
        # "Recompute now": every metric and chart read from the records on each request.
        ("staff dashboard, recomputed", [f"/staff/plans/?plan={plan.pk}&fresh=1"], cookie),
    ]
