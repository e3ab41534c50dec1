"""The parts of the public layout that are the same for every anonymous visitor: the main
navigation, the account links and the footer. base.html wraps each in `{% layout_part %}`, which
renders it once per worker, language, template and the little the part depends on (which
navigation entry is active), then reuses the HTML: these parts are a tenth of a page's rendering
and depend on no data, only on code, settings and translations (fixed while a worker runs).

Signed-in visitors get them rendered afresh (their links differ), and so does a part whose
output carries a CSRF token or a nonce (per visitor by nature)."""

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import get_language

# The navigation entries marked active by the request's path (templates/base.html, nav_extra.html).
NAV_URL_NAMES = ("home", "showcase:catalogue", "showcase:certificate_check", "showcase:producers", "news:list")
_PARTS: dict[tuple, str] = {}
_NAV_PATHS: dict[tuple, frozenset] = {}
MAX_PARTS = 2000  # a bound, never reached in practice (parts × languages × templates × states)
PER_VISITOR = ("csrfmiddlewaretoken", "nonce=")


def _nav_paths() -> frozenset:
    key = (get_language(), get_script_prefix())
    paths = _NAV_PATHS.get(key)
    if paths is None:
        found = set()
        for name in NAV_URL_NAMES:
            try:
                found.add(reverse(name))
            except NoReverseMatch:
                continue
        paths = _NAV_PATHS[key] = frozenset(found)
    return paths


def _state(request) -> tuple:
    """What a layout part's HTML depends on besides the language: the path when it is a
    navigation entry's, and the app of the page (the events and trainings entries)."""
    match = getattr(request, "resolver_match", None)
    path = request.path if request.path in _nav_paths() else ""
    return path, match.app_name if match is not None else ""


def layout_part(name: str, context, render) -> str:
    """`render()`'s HTML for part `name` of the page in `context`, shared by anonymous visitors."""
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else None
    if user is None or user.is_authenticated:
        return render()
    template = getattr(getattr(context, "template", None), "origin", None)
    key = (name, get_language(), get_script_prefix(), getattr(template, "name", ""), *_state(request))
    html = _PARTS.get(key)
    if html is None:
        html = render()
        if any(marker in html for marker in PER_VISITOR):
            return html
        if len(_PARTS) >= MAX_PARTS:
            _PARTS.clear()
        _PARTS[key] = html
    return html


def layout_parts_clear(**kwargs) -> None:
    _PARTS.clear()
    _NAV_PATHS.clear()


# Tests change settings (PORTAL, LANGUAGES, URLs) the parts are made from.
setting_changed.connect(layout_parts_clear, dispatch_uid="ocop_portal.layout_parts_clear")
