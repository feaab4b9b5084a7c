"""HTTP routes of the public app that need no Reflex: the embed, the feeds, robots.txt and
the sitemaps; and the link-preview head of Kommune and listing pages.

Installed as an `api_transformer` outside the 404 check and inside `secure_http` (which
gives every answer its security headers; the embed's own Content-Security-Policy, the only
one with `frame-ancestors *`, is kept). Nothing here reads or sets a cookie.

Bad input: an unknown or malformed slug is a 404; unknown filter values are ignored as on
the browse page; a query string that is too long, not UTF-8, holds control characters or
an overlong value is a 400 with one short German sentence — never a 500.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from urllib.parse import parse_qsl

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dasnez_app import reach_render, routes
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.i18n import translate
from dasnez_core.listing_cache import VersionedCache
from dasnez_core.models import utcnow
from dasnez_core.services import reach
from dasnez_ui.reach_links import (
    ATOM_SUFFIX,
    EMBED_PREFIX,
    FEED_PREFIX,
    FILTER_PARAMS,
    ICAL_SUFFIX,
    atom_path,
    filter_query,
)

MAX_QUERY_BYTES = 512
MAX_VALUE_CHARS = 64
CACHE_SECONDS = 30
ATOM_TYPE = "application/atom+xml; charset=utf-8"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_TRAILING_SLASHES = re.compile(r"/+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KOMMUNE_PAGE = re.compile(r"^/k/(?P<slug>[^/]+)/?$")
_LISTING_PAGE = re.compile(r"^/k/(?P<slug>[^/]+)/eintrag/(?P<id>\d{1,12})/?$")
# The embed may be framed by any site; it loads nothing but its own inline style.
EMBED_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors *"
)

log = logging.getLogger(__name__)
_cache: VersionedCache[bytes] = VersionedCache(ttl=CACHE_SECONDS)


class BadQuery(ValueError):
    """The query string is oversized or garbage."""


def filter_params(raw_query: bytes) -> dict[str, str]:
    """The browse filters an embed or feed takes from its query string (others ignored).

    Raises BadQuery for a query string no link of ours produces: too long, not UTF-8,
    control characters, or a value longer than any id or type.
    """
    if len(raw_query) > MAX_QUERY_BYTES:
        raise BadQuery("too long")
    try:
        text = raw_query.decode("ascii")
        pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadQuery("not a query string") from exc
    params: dict[str, str] = {}
    for key, value in pairs:
        if _CONTROL.search(key) or _CONTROL.search(value) or len(value) > MAX_VALUE_CHARS:
            raise BadQuery("garbage value")
        if key in FILTER_PARAMS and key not in params:
            params[key] = value
    return params


def canonical_query(params: dict[str, str]) -> str:
    """The filters as applied (unknown types and non-numbers dropped), in one order."""
    f = routes.parse_search(params)
    return filter_query(
        area=str(f.area or ""), space=str(f.space or ""), exchange=f.exchange, kind=f.kind
    )


def _base() -> str:
    return load_settings().public_url


# --- the documents ------------------------------------------------------------------------


def _embed(slug: str, query: str) -> bytes:
    with session_scope() as db:
        kommune = reach.kommune_ref(db, slug)
        feed = reach.newest_listings(db, kommune, routes.parse_search(_split(query)))
    return reach_render.embed_html(feed, _base()).encode()


def _atom(slug: str, query: str) -> bytes:
    with session_scope() as db:
        kommune = reach.kommune_ref(db, slug)
        feed = reach.newest_listings(db, kommune, routes.parse_search(_split(query)))
    return reach_render.atom_xml(feed, _base(), atom_path(slug, query)).encode()


def _ical(slug: str) -> bytes:
    with session_scope() as db:
        kommune = reach.kommune_ref(db, slug)
        now = utcnow()
        events = reach.info_events(db, kommune.id, now.date())
    return reach_render.ical(kommune, events, _base(), now).encode()


class _NeedsDatabase(Exception):
    """The fast path (in the event loop, memory only) cannot answer; a thread must."""


# slug → (Kommune id, until): a renamed or deactivated Kommune is seen within a minute.
_slug_ids: dict[str, tuple[int, float]] = {}
_SLUG_SECONDS = 60.0
_SLUG_MEMO_MAX = 5000


def _kommune_id(slug: str, fast: bool) -> int:
    known = _slug_ids.get(slug)
    if known is not None and known[1] > time.monotonic():
        return known[0]
    if fast:
        raise _NeedsDatabase
    with session_scope() as db:
        kommune_id = reach.kommune_ref(db, slug).id
    if len(_slug_ids) >= _SLUG_MEMO_MAX:
        _slug_ids.clear()
    _slug_ids[slug] = (kommune_id, time.monotonic() + _SLUG_SECONDS)
    return kommune_id


def _split(query: str) -> dict[str, str]:
    return dict(parse_qsl(query))


def _sitemap_index() -> bytes:
    with session_scope() as db:
        kommunen = reach.active_kommunen(db)
    return reach_render.sitemap_index(_base(), kommunen).encode()


def _sitemap_kommune(slug: str) -> bytes:
    with session_scope() as db:
        kommune = reach.kommune_ref(db, slug)
        listings = reach.public_listing_ids(db, kommune.id)
    return reach_render.sitemap_kommune(_base(), kommune, listings).encode()


def _preview(path: str) -> tuple[str, str, str] | None:
    """(title, description, Open Graph tags) of a Kommune or public listing page; None
    when the page does not show its record."""
    kommune_page, listing_page = _KOMMUNE_PAGE.match(path), _LISTING_PAGE.match(path)
    found = kommune_page or listing_page
    if found is None or not _SLUG.match(found["slug"]):
        return None
    try:
        with session_scope() as db:
            kommune = reach.kommune_ref(db, found["slug"])
            if listing_page is None:
                return reach_render.kommune_preview(kommune, _base())
            entry = reach.listing_preview(db, kommune, int(listing_page["id"]))
            return reach_render.listing_preview(kommune, entry, _base())
    except NotFound:
        return None


_Preview = tuple[str, str, str] | None
_previews: VersionedCache[_Preview] = VersionedCache(ttl=CACHE_SECONDS)


def _cached_preview(path: str) -> _Preview:
    """`_preview`, kept like the embeds: a page load costs no query while it is current."""
    found = _KOMMUNE_PAGE.match(path) or _LISTING_PAGE.match(path)
    if found is None or not _SLUG.match(found["slug"]):
        return None
    try:
        kommune_id = _kommune_id(found["slug"], fast=False)
    except NotFound:
        return None
    key = _TRAILING_SLASHES.sub("", path)
    return _previews.get(kommune_id, key, lambda: _preview(path))


# --- the ASGI wrapper ---------------------------------------------------------------------

_Document = tuple[int, str, bytes, list[tuple[bytes, bytes]]]


def _text(status: int, key: str) -> _Document:
    return status, "text/plain; charset=utf-8", translate(key, "de").encode(), []


def _cached_document(
    slug: str, kind: str, query: str, make: Callable[[], bytes], content_type: str, fast: bool
) -> _Document:
    try:
        kommune_id = _kommune_id(slug, fast)
        if fast:
            body = _cache.peek(kommune_id, (kind, slug, query))
            if body is None:
                raise _NeedsDatabase
        else:
            body = _cache.get(kommune_id, (kind, slug, query), make)
    except NotFound:
        return _text(404, "reach.not_found")
    extra = [(b"cache-control", f"public, max-age={CACHE_SECONDS}".encode())]
    if kind == "embed":
        extra.append((b"content-security-policy", EMBED_CSP.encode()))
    return 200, content_type, body, extra


def is_reach_path(path: str) -> bool:
    """One of this module's documents (cheap: no database)."""
    return path in ("/robots.txt", reach_render.SITEMAP_PATH) or path.startswith(
        ("/sitemap/", EMBED_PREFIX, FEED_PREFIX)
    )


def document(path: str, raw_query: bytes, fast: bool = False) -> _Document | None:
    """The answer for one of this module's paths (blocking: run it in a thread), or None
    when the path is not one of them."""
    if path == "/robots.txt":
        return 200, "text/plain; charset=utf-8", reach_render.robots_txt(_base()).encode(), []
    if fast and not path.startswith((EMBED_PREFIX, FEED_PREFIX)):
        raise _NeedsDatabase
    if path == reach_render.SITEMAP_PATH:
        return 200, "application/xml", _sitemap_index(), []
    if path == reach_render.SITEMAP_START_PATH:
        return 200, "application/xml", reach_render.sitemap_start(_base()).encode(), []
    if path.startswith(reach_render.SITEMAP_KOMMUNE_PREFIX) and path.endswith(".xml"):
        slug = path[len(reach_render.SITEMAP_KOMMUNE_PREFIX) : -len(".xml")]
        if not _SLUG.match(slug):
            return _text(404, "reach.not_found")
        try:
            return 200, "application/xml", _sitemap_kommune(slug), []
        except NotFound:
            return _text(404, "reach.not_found")
    embed = path.startswith(EMBED_PREFIX)
    feed = path.startswith(FEED_PREFIX)
    if not (embed or feed):
        return None
    rest = _TRAILING_SLASHES.sub("", path[len(EMBED_PREFIX if embed else FEED_PREFIX) :])
    try:
        query = canonical_query(filter_params(raw_query))
    except BadQuery:
        return _text(400, "reach.bad_query")
    if embed:
        slug = rest
        if not _SLUG.match(slug):
            return _text(404, "reach.not_found")
        return _cached_document(
            slug, "embed", query, lambda: _embed(slug, query), "text/html; charset=utf-8", fast
        )
    if rest.endswith(ATOM_SUFFIX) and _SLUG.match(rest[: -len(ATOM_SUFFIX)]):
        slug = rest[: -len(ATOM_SUFFIX)]
        return _cached_document(
            slug,
            "atom",
            query,
            lambda: _atom(slug, query),
            "application/atom+xml; charset=utf-8",
            fast,
        )
    if rest.endswith(ICAL_SUFFIX) and _SLUG.match(rest[: -len(ICAL_SUFFIX)]):
        slug = rest[: -len(ICAL_SUFFIX)]
        return _cached_document(
            slug, "ical", "", lambda: _ical(slug), "text/calendar; charset=utf-8", fast
        )
    return _text(404, "reach.not_found")


async def _send(send: Send, doc: _Document, head_only: bool) -> None:
    status, content_type, body, extra = doc
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else body})


class ReachRoutes:
    """ASGI wrapper: this module's documents, and preview tags in the first HTML of
    Kommune and listing pages; everything else passes untouched."""

    def __init__(self, inner: ASGIApp) -> None:
        self.inner = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.inner(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        head_only = scope["method"] == "HEAD"
        if not is_reach_path(path):
            if _KOMMUNE_PAGE.match(path) or _LISTING_PAGE.match(path):
                await self._with_preview(scope, receive, send, path)
            else:
                await self.inner(scope, receive, send)
            return
        raw_query = scope.get("query_string", b"")
        try:
            # A cached embed or feed is answered without leaving the event loop.
            doc = document(path, raw_query, fast=True)
        except _NeedsDatabase:
            doc = None
        try:
            if doc is None:
                doc = await run_in_threadpool(document, path, raw_query)
        except SQLAlchemyError:
            log.exception("reach document failed for %s", path)
            doc = _text(503, "reach.unavailable")
        if doc is None:
            doc = _text(404, "reach.not_found")
        await _send(send, doc, head_only)

    async def _with_preview(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        # The page's HTML uncompressed and in full (no 304), so the head can be changed.
        for_browser = any(name.lower() == b"sec-fetch-mode" for name, _ in scope["headers"])
        dropped = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range"}
        plain = {**scope, "headers": [h for h in scope["headers"] if h[0].lower() not in dropped]}
        # Without the server's "send a file by its path" extension (granian offers it), the
        # static file comes as body bytes that can be changed.
        extensions = dict(scope.get("extensions") or {})
        extensions.pop("http.response.pathsend", None)
        plain["extensions"] = extensions
        start: Message | None = None
        chunks: list[bytes] = []

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(send, start, b"".join(chunks), path, for_browser)
            else:
                await send(message)

        await self.inner(plain, receive, collect)

    async def _finish(
        self, send: Send, start: Message | None, body: bytes, path: str, for_browser: bool
    ) -> None:
        assert start is not None
        headers = list(start.get("headers", []))
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
        if start["status"] == 200 and content_type.startswith(b"text/html") and body:
            try:
                preview = await run_in_threadpool(_cached_preview, path)
            except SQLAlchemyError:
                log.exception("link preview failed for %s", path)
                preview = None
            if preview is not None:
                body = reach_render.with_preview(body, *preview, for_browser=for_browser)
                headers = [
                    (k, str(len(body)).encode() if k.lower() == b"content-length" else v)
                    for k, v in headers
                    if k.lower() not in (b"etag", b"last-modified")
                ]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def reach_routes() -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` (between the 404 check and `secure_http`)."""
    return ReachRoutes
