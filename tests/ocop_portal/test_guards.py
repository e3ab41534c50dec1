"""Every view reachable from the URL conf states its guard (ocop_portal.guards): a new view
without one fails here. The admin has its own guard (staff login, model permissions)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ocop_portal.guards import guard_of

# Third-party views that are open by nature.
PUBLIC_THIRD_PARTY = {
    "django.views.i18n.set_language",
    "django.views.static.serve",
}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry.callback


def _dotted(callback) -> str:
    view = getattr(callback, "view_class", None) or callback
    return f"{view.__module__}.{view.__qualname__}"


def test_every_url_pattern_has_a_guard():
    unguarded = []
    for route, namespace, callback in _walk(get_resolver().url_patterns):
        if namespace == "admin":
            continue
        name = _dotted(callback)
        if guard_of(callback) or name in PUBLIC_THIRD_PARTY:
            continue
        unguarded.append(f"{route} → {name}")
    assert not unguarded, "views without a guard (ocop_portal.guards):\n" + "\n".join(sorted(unguarded))


def test_the_guard_of_a_class_based_view_is_carried_by_its_url_callback():
    from accounts.views import LoginView, PasswordChangeView

    assert guard_of(LoginView.as_view()) == ("public", None)
    assert guard_of(PasswordChangeView.as_view()) == ("login", None)


def test_a_staff_guard_without_its_permission_is_refused_at_import():
    from ocop_portal.guards import staff_view

    with pytest.raises(TypeError, match="needs the permission"):
        staff_view(lambda request: None)


@pytest.mark.django_db
def test_a_superuser_passes_only_the_rules_that_include_superusers(client):
    """The guard asks the rule itself, not Django's superuser shortcut: a superuser reaches the
    staff queue (is_alliance_staff includes superusers) but not the council pages."""
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert client.get("/dossiers/staff/").status_code == 200
    assert client.get("/dossiers/council/").status_code == 404
