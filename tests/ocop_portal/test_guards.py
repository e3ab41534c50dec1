"""Every view reachable from the URL conf states its guard (ocop_portal.guards): a new view
without one fails here. The admin has its own guard (staff login, model permissions)."""

from django.urls import URLPattern, URLResolver, get_resolver

from ocop_portal.guards import guard_of

# Third-party views that are open by nature.
PUBLIC_THIRD_PARTY = {
    "django.views.i18n.set_language",
    "django.views.static.serve",
}

# Views written before the guards existed; issue 8 gives each its guard and empties this set.
LEGACY_UNGUARDED: set[str] = {
    "accounts.views.LoginView",
    "accounts.views.PasswordChangeDoneView",
    "accounts.views.PasswordChangeView",
    "accounts.views.PasswordResetCompleteView",
    "accounts.views.PasswordResetConfirmView",
    "accounts.views.PasswordResetDoneView",
    "accounts.views.PasswordResetView",
    "accounts.views.invitation_accept",
    "accounts.views.signup",
    "accounts.views.signup_confirm",
    "accounts.views.signup_sent",
    "cooperatives.views.files.legal_document",
    "cooperatives.views.files.support_attachment",
    "django.contrib.auth.views.LogoutView",
    "news.views.article_detail",
    "news.views.article_list",
    "ocop_portal.views.health",
    "ocop_portal.views.home",
    "registrations.views.cooperative.document_delete",
    "registrations.views.cooperative.document_download",
    "registrations.views.cooperative.dossier_detail",
    "registrations.views.cooperative.dossier_documents",
    "registrations.views.cooperative.dossier_edit",
    "registrations.views.cooperative.dossier_list",
    "registrations.views.cooperative.dossier_self_assessment",
    "registrations.views.cooperative.dossier_start",
    "registrations.views.cooperative.dossier_submit",
    "registrations.views.cooperative.dossier_withdraw",
    "registrations.views.council.council_list",
    "registrations.views.council.council_score",
    "registrations.views.staff.action",
    "registrations.views.staff.assign_round",
    "registrations.views.staff.detail",
    "registrations.views.staff.export",
    "registrations.views.staff.print_sheet",
    "registrations.views.staff.queue",
    "showcase.views.catalogue",
    "showcase.views.certificate_check",
    "showcase.views.producer_detail",
    "showcase.views.producers",
    "showcase.views.product_detail",
    "showcase.views.qr_trace",
    "showcase.views.robots_txt",
    "showcase.views.sitemap_index",
    "showcase.views.sitemap_section",
    "showcase.views.space_enquiries",
    "showcase.views.space_enquiry_handled",
    "showcase.views.space_qr",
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
        if guard_of(callback) or name in PUBLIC_THIRD_PARTY or name in LEGACY_UNGUARDED:
            continue
        unguarded.append(f"{route} → {name}")
    assert not unguarded, "views without a guard (ocop_portal.guards):\n" + "\n".join(sorted(unguarded))


def test_the_legacy_list_names_only_views_that_exist_and_still_lack_a_guard():
    present = {
        _dotted(callback): guard_of(callback) for _, ns, callback in _walk(get_resolver().url_patterns) if ns != "admin"
    }
    stale = {name for name in LEGACY_UNGUARDED if name not in present or present[name]}
    assert not stale, f"remove from LEGACY_UNGUARDED: {sorted(stale)}"
