"""The one way a view states who may open it.

Every view reachable from the URL conf carries exactly one guard, applied as a decorator:

- ``@public_view``              anyone, signed in or not (the showcase, sign-up, feeds…);
- ``@login_view``               any signed-in user (their own password, their own account);
- ``@space_view`` / ``@space_view("perm")``
                                a member of a cooperative: login required (anonymous → login page),
                                then the user's cooperative (or 404), passed to the view as its
                                second argument; with a permission, the rule ``perm`` on the cooperative
                                must hold as well (404 otherwise, so nothing leaks);
- ``@staff_view("perm")``       Alliance staff: login required, then the rule ``perm`` (404 if refused);
- ``@council_view("perm")``     evaluation council members, likewise.

The guard asks a django-rules permission declared in the app's ``rules.py``; views never compare
roles or groups by hand. Object-level checks (this dossier, that course) are rules too, asked with
``can(user, perm, obj)`` once the view has loaded the object through the app's access helper or
selector. Rules are asked directly (``rules.has_perm``), so a superuser is let in only where the
rule says so (``is_alliance_staff`` includes superusers, ``is_council_member`` does not).

A class-based view takes the guard on the class: ``@public_view class LoginView(...)``.

``tests/ocop_portal/test_guards.py`` walks every URL pattern and fails on a view without a guard.

Services check their caller too, since commands, tasks and the admin reach them without a view:
``require_staff(by)`` refuses anyone but Alliance staff with an ApplicationError.
"""

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from accounts.rules import is_alliance_staff
from ocop_portal.errors import ApplicationError

GUARD_ATTRIBUTE = "portal_guard"


def _mark(view, kind: str, perm: str | None = None):
    setattr(view, GUARD_ATTRIBUTE, (kind, perm))
    return view


def guard_of(view) -> tuple[str, str | None] | None:
    """The guard a view was declared with (kind, permission), or None. Decorators that use
    functools.wraps copy the mark, so the order of decorators does not matter."""
    return getattr(view, GUARD_ATTRIBUTE, None)


def can(user, perm: str, obj=None) -> bool:
    """Whether the rule `perm` (declared in an app's rules.py) lets `user` act, on `obj` if given."""
    return rules.has_perm(perm, user, obj)


def get_permitted_or_404(queryset, user, perm: str, *, subject=None, **lookup):
    """`queryset.get(**lookup)` when the rule `perm` lets `user` see it, else 404 (a missing
    object and a refused one look the same). `subject(obj)` names what the rule is asked about
    when it is not the object itself (e.g. a document's dossier)."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not can(user, perm, subject(obj) if subject else obj):
        raise Http404
    return obj


def require_staff(user) -> None:
    """A service's own check that `user` is Alliance staff (ApplicationError otherwise)."""
    if not is_alliance_staff(user):
        raise ApplicationError(_("Only Alliance staff can do this."))


def _on_class(view, guard):
    """A guard applied to a class-based view guards its dispatch (as_view copies the mark)."""
    return method_decorator(guard, name="dispatch")(view)


def public_view(view):
    """Open to everyone: a deliberate statement, checked by the URL coverage test."""
    if isinstance(view, type):
        return _on_class(view, public_view)
    return _mark(view, "public")


def login_view(view):
    """Any signed-in, active user; anonymous visitors go to the login page."""
    if isinstance(view, type):
        return _on_class(view, login_view)

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_active:
            raise Http404
        return view(request, *args, **kwargs)

    return _mark(wrapper, "login")


def _permission_view(kind: str, perm: str):
    if not isinstance(perm, str):
        raise TypeError(f"@{kind}_view needs the permission it checks, e.g. @{kind}_view('app.do_thing')")

    def decorator(view):
        if isinstance(view, type):
            return _on_class(view, decorator)

        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not can(request.user, perm):
                raise Http404
            return view(request, *args, **kwargs)

        return _mark(wrapper, kind, perm)

    return decorator


def staff_view(perm: str):
    """Alliance staff pages: login, then the rule `perm` (e.g. "registrations.work_queue")."""
    return _permission_view("staff", perm)


def council_view(perm: str):
    """Evaluation council pages: login, then the rule `perm` (e.g. "registrations.use_council")."""
    return _permission_view("council", perm)


def space_view(view_or_perm=None):
    """The cooperative's space. `@space_view` or `@space_view("cooperatives.manage_members")`.

    Login required, then the signed-in user's cooperative (404 for anyone without one), checked
    against the rule when one is given (404 when refused). The view receives the cooperative as
    its second argument."""
    from cooperatives.access import cooperative_for_user

    perm = view_or_perm if isinstance(view_or_perm, str) else None

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            cooperative = cooperative_for_user(request.user)
            if perm and not can(request.user, perm, cooperative):
                raise Http404
            return view(request, cooperative, *args, **kwargs)

        return _mark(wrapper, "space", perm)

    if callable(view_or_perm):
        return decorator(view_or_perm)
    return decorator
