"""The page cache for anonymous visitors of the public pages.

`public_page` stores the rendered HTML of a GET for a visitor with no session and no pending
flash message, keyed by language and full path, for settings.PUBLIC_PAGE_CACHE_SECONDS. A hit
runs no SQL query at all: the entry and the current "generation" come in one cache round trip.

Forms stay usable: every page carries at least one CSRF token (the language switch; the enquiry
form on product pages). The stored copy has the token replaced by a placeholder, and each hit
puts a fresh token for *this* visitor in its place (setting the CSRF cookie as usual), so a
cached page never hands one visitor's token to another.

Every write to public data calls `public_pages_invalidate()`, which bumps the generation, so
staff edits show at once instead of after the cache lifetime. It is best-effort: a cache outage
is logged and never undoes nor refuses the write (the pages then refresh within their lifetime)."""

import hashlib
import logging
import re
import secrets
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "public-page:generation"
CSRF_PLACEHOLDER = "__ocop_csrf_token__"
# An inline script's CSP nonce is per response too: stored as a placeholder, refilled per hit.
NONCE_PLACEHOLDER = "__ocop_csp_nonce__"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


logger = logging.getLogger(__name__)


# Set when this process could not bump the generation (Redis down): its next public page that
# reaches the cache bumps it first, so pages cached before an outage that survive it are not
# served for a write made during it. Other processes' copies expire within the cache lifetime.
_missed_bump = False


def _generation_bump() -> bool:
    global _missed_bump  # noqa: PLW0603 — a per-process flag by design
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation stored yet (or the cache was flushed)
            # A random start, never a small number a flushed cache would count through again:
            # the workers' local copies (generation_cached) are keyed by the generation.
            cache.set(GENERATION_KEY, secrets.randbits(48) + 1, None)
    except Exception:
        # Best-effort by design: a cache (Redis) outage must never refuse or roll back the write
        # that called us; the stale pages expire within PUBLIC_PAGE_CACHE_SECONDS.
        logger.warning("Public page cache not invalidated (cache unavailable)", exc_info=True)
        _missed_bump = True
        return False
    _missed_bump = False
    return True


def public_pages_invalidate() -> None:
    """Make every cached public page stale: the one invalidation of the public-page cache.

    Call it from every service that changes what the public pages show (products, photos,
    certificates, producers, articles, featured products), bulk `.update()` writes included.
    It bumps the generation now and again once the surrounding transaction commits, so a page
    rendered meanwhile from the old rows cannot be stored as current. Never raises: a cache
    error is logged as a warning."""
    _generation_bump()
    transaction.on_commit(_generation_bump)


def cache_get_safe(key: str, default=None):
    """`cache.get`, or `default` when the cache is down (the page is then computed fresh)."""
    try:
        return cache.get(key, default)
    except Exception:  # noqa: BLE001 — a cache outage must never break a public page
        logger.warning("cache read of %s failed; computing without the cache", key, exc_info=True)
        return default


def cache_set_safe(key: str, value, seconds: int) -> None:
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        logger.warning("cache write of %s failed", key, exc_info=True)


# Each worker's own copies of generation_cached values: {key: (generation, expires, value)}.
_LOCAL: OrderedDict = OrderedDict()
LOCAL_ENTRIES = 500


def generation_cached(name: str, compute, *, timeout: int | None = None):
    """`compute()`'s result, shared by every request until the generation changes (any public
    data saved) or `timeout` seconds (settings.CATALOGUE_FACET_CACHE_SECONDS) pass.

    Two levels: the worker's memory (the last LOCAL_ENTRIES values: no unpickling) and the shared
    cache (Redis: one computation for all workers). A lookup costs one small read of the
    generation; the value is read from Redis only on a local miss. Values must not be mutated."""
    seconds = settings.CATALOGUE_FACET_CACHE_SECONDS if timeout is None else timeout
    if seconds <= 0:
        return compute()
    key = "public-data:" + name
    generation = cache_get_safe(GENERATION_KEY, 0)
    if not generation:  # a new or flushed cache: start a generation to key the copies by
        _generation_bump()
        generation = cache_get_safe(GENERATION_KEY, 0)
    now = time.monotonic()
    local = _LOCAL.get(key)
    if generation and local is not None and local[0] == generation and local[1] > now:
        _LOCAL.move_to_end(key)
        return local[2]
    entry = cache_get_safe(key)
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        value = compute()
        cache_set_safe(key, (generation, value), seconds)
    if generation:  # 0 only when the cache is down
        _LOCAL[key] = (generation, now + seconds, value)
        _LOCAL.move_to_end(key)
        while len(_LOCAL) > LOCAL_ENTRIES:
            _LOCAL.popitem(last=False)
    return value


_FRAGMENTS: OrderedDict = OrderedDict()
FRAGMENT_ENTRIES = 3000


def local_fragments(namespace: str, items, *, key, render, prepare=None) -> list[str | None]:
    """The HTML of each of `items` (e.g. product cards), rendered once per worker and cache
    generation: `key(item)` names an item's fragment (with the language), `render(item)` makes
    it. `prepare(missing)`, when given, is called once with the items that must be rendered
    (e.g. to read their cover photos in one query, only for them). One small read of the
    generation for the whole list. `render` may return None (nothing to show): that is not kept."""
    items = list(items)
    generation = cache_get_safe(GENERATION_KEY, 0)
    language = get_language()
    names = [(namespace, language, key(item)) for item in items]
    parts: list[str | None] = []
    missing = []
    for item, name in zip(items, names, strict=True):
        hit = _FRAGMENTS.get(name)
        if generation and hit is not None and hit[0] == generation:
            _FRAGMENTS.move_to_end(name)
            parts.append(hit[1])
        else:
            parts.append(None)
            missing.append(item)
    if missing and prepare is not None:
        prepare(missing)
    for index, (item, name) in enumerate(zip(items, names, strict=True)):
        if parts[index] is not None:
            continue
        html = parts[index] = render(item)
        if generation and html is not None:
            _FRAGMENTS[name] = (generation, html)
            if len(_FRAGMENTS) > FRAGMENT_ENTRIES:
                _FRAGMENTS.popitem(last=False)
    return parts


def card_items(namespace: str, template_name: str, items, *, key, context, prepare=None) -> str:
    """`<li class="col">` cards of a public list (products, courses, events), each card rendered
    once per worker and cache generation by `local_fragments`. `key(item)` must name everything
    the card shows that a write could change without bumping the generation; `context(item)`
    is the card template's context, or None for an item that turned out to be gone (no card,
    nothing kept); `prepare` as for local_fragments."""
    from django.template.loader import get_template
    from django.utils.safestring import mark_safe

    template = get_template(template_name)

    def render(item):
        values = context(item)
        return None if values is None else template.render(values)

    parts = local_fragments(namespace, items, key=key, render=render, prepare=prepare)
    return mark_safe("".join(f'<li class="col">{part}</li>' for part in parts if part is not None))  # noqa: S308


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PUBLIC_PAGE_CACHE_SECONDS <= 0:
        return False
    cookies = request.COOKIES
    # A session cookie may mean a signed-in user (whose pages differ) and a "messages" cookie a
    # flash message to show: both are served fresh. Deciding this needs no database query.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _page_key(request) -> str:
    raw = f"{get_language()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


def public_page(view):
    """Cache the view's anonymous GET responses (status 200 only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        try:
            found = cache.get_many([key, GENERATION_KEY])
        except Exception:  # noqa: BLE001 — the cache is down: serve the page fresh, store nothing
            logger.warning("Public page cache unavailable; %s rendered without it", request.path, exc_info=True)
            return view(request, *args, **kwargs)
        if _missed_bump and _generation_bump():
            # Every stored page is stale now: render this one afresh under the new generation.
            found = {GENERATION_KEY: cache.get(GENERATION_KEY, 0)}
        generation = found.get(GENERATION_KEY, 0)
        if not generation:
            # A new or flushed cache: start the generation now, or the page would be stored under
            # 0 and be stale at once if rendering it starts one (generation_cached does).
            _generation_bump()
            generation = cache_get_safe(GENERATION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            content = entry["content"]
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request))
            if NONCE_PLACEHOLDER in content:
                content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce))
            response = HttpResponse(content, content_type=entry["content_type"])
            response["X-Page-Cache"] = "hit"
            return response

        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            content = response.content.decode(response.charset)
            tokens = set(_CSRF_INPUT.findall(content))
            for token in tokens:
                content = content.replace(token, CSRF_PLACEHOLDER)
            nonce = getattr(request, "_csp_nonce", None)  # set only if the page used it
            if nonce:
                content = content.replace(f'nonce="{nonce}"', f'nonce="{NONCE_PLACEHOLDER}"')
            try:
                cache.set(
                    key,
                    {"generation": generation, "content": content, "content_type": response["Content-Type"]},
                    settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
            except Exception:  # noqa: BLE001 — the cache went down meanwhile: the page is still served
                logger.warning("Public page %s not stored: cache unavailable", request.path, exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
