"""The public read API under /api/v1: Kommunen, their public listings (with the browse
page's filters), one listing, the Info-Box, and its OpenAPI description.

Mounted through Reflex's own API hook (an `api_transformer` in `dasnez_app.py`): requests
under /api/v1 are answered here, everything else goes on to the app. It shows only what
the public pages show (display names as on the page; never an email address, a phone
number or an internal person id), answers GET and HEAD only, lets any website read it
(`Access-Control-Allow-Origin: *` on these answers only; the rest of the app keeps its
strict CORS), and counts every request per client address (dasnez_core.throttle; 429
with Retry-After). Bad input is a 400 with a German message, unknown things a 404; a
database failure a 503 — never a 500 with a stack trace.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Match, Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from dasnez_app import api_openapi, routes
from dasnez_core.actor import ANONYMOUS
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotFound
from dasnez_core.i18n import translate
from dasnez_core.models import Kommune
from dasnez_core.services import kommunen
from dasnez_core.services.filters import EXCHANGE_TYPES, KINDS, Q_MAX, positive_int
from dasnez_core.services.search import (
    MAX_PAGE,
    PAGE_SIZE,
    SORTS,
    get_listing_detail,
    search_public,
)
from dasnez_core.throttle import (
    API_REQUESTS_PER_ADDRESS,
    TooManyAttempts,
    address_key,
    throttle,
)

PREFIX = routes.Endpoints.API_PREFIX
# Longer query strings are refused before anything is parsed.
QUERY_MAX = 1000
# Answers may be cached this long by browsers and proxies (listings change slowly).
MAX_AGE = 60
_READ_METHODS = frozenset({"GET", "HEAD"})
log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer other than 200: HTTP status, catalog key and its parameters."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


def _headers(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    return {"access-control-allow-origin": "*", **(extra or {})}


def _ok(data: Any) -> JSONResponse:
    return JSONResponse(data, headers=_headers({"cache-control": f"public, max-age={MAX_AGE}"}))


def _error(
    status: int, key: str, extra: Mapping[str, str] | None = None, **params: Any
) -> Response:
    body = {"status": status, "error": key, "message": translate(key, "de", **params)}
    return JSONResponse(
        body, status_code=status, headers=_headers({"cache-control": "no-store", **(extra or {})})
    )


def _public_url() -> str:
    return load_settings().public_url


# --- parameters --------------------------------------------------------------------------------

# The listing filters: the browse page's URL parameters (dasnez_app.routes.parse_search),
# each with the values it accepts (for the message of a 400).
_LISTING_PARAMS: dict[str, tuple[Callable[[str], bool], str]] = {
    "boerse": (lambda v: v in EXCHANGE_TYPES, ", ".join(EXCHANGE_TYPES)),
    "art": (lambda v: v in KINDS, ", ".join(KINDS)),
    "kategorie": (lambda v: positive_int(v) is not None, "eine positive Zahl"),
    "ort": (lambda v: positive_int(v) is not None, "eine positive Zahl"),
    "sozialraum": (lambda v: positive_int(v) is not None, "eine positive Zahl"),
    "q": (lambda v: len(v) <= Q_MAX, f"höchstens {Q_MAX} Zeichen"),
    "sortierung": (lambda v: v in SORTS, ", ".join(SORTS)),
    "seite": (
        lambda v: (positive_int(v) or MAX_PAGE + 1) <= MAX_PAGE,
        f"1 bis {MAX_PAGE}",
    ),
}
_KOMMUNE_LIST_PARAMS: dict[str, tuple[Callable[[str], bool], str]] = {
    "q": (lambda v: len(v) <= 60, "höchstens 60 Zeichen"),
}


def _checked(
    request: Request, allowed: Mapping[str, tuple[Callable[[str], bool], str]]
) -> dict[str, str]:
    """The query parameters, each known, given once and valid; else a 400 naming it."""
    params: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name not in allowed:
            raise ApiError(
                400, "api.unknown_parameter", name=name[:40], allowed=", ".join(allowed) or "-"
            )
        valid, description = allowed[name]
        if name in params or not valid(value):
            raise ApiError(400, "api.bad_value", name=name, allowed=description)
        params[name] = value
    return params


def _path_id(request: Request) -> int:
    listing_id = positive_int(str(request.path_params.get("listing_id", "")))
    if listing_id is None or listing_id > 2**31 - 1:
        raise ApiError(400, "api.bad_id")
    return listing_id


def _kommune(db: Session, request: Request) -> Kommune:
    slug = str(request.path_params.get("slug", ""))[:64]
    try:
        return kommunen.get_kommune_by_slug(db, slug)
    except NotFound:
        raise ApiError(404, "api.kommune_not_found") from None


def _api_url(base: str, path: str, params: Mapping[str, object] | None = None) -> str:
    """The absolute address of an API path; `base` is the public URL (read once per
    request: reading the settings costs about 2 ms)."""
    query = urlencode({k: v for k, v in (params or {}).items() if v not in ("", None)})
    return f"{base}{PREFIX}{path}" + (f"?{query}" if query else "")


# --- endpoints ---------------------------------------------------------------------------------


def list_kommunen(request: Request) -> Response:
    base = _public_url()
    params = _checked(request, _KOMMUNE_LIST_PARAMS)
    with session_scope() as db:
        rows = kommunen.list_kommunen(db, params.get("q", ""))
    return _ok(
        {
            "items": [
                {
                    **asdict(k),
                    "url": f"{base}{routes.kommune_href(k.slug)}",
                    "api": _api_url(
                        base, routes.api_path(routes.Endpoints.API_KOMMUNE, slug=k.slug)
                    ),
                }
                for k in rows
            ]
        }
    )


def get_kommune(request: Request) -> Response:
    base = _public_url()
    _checked(request, {})
    with session_scope() as db:
        k = _kommune(db, request)
        kommune_id = k.id or 0
        exchanges = [ex_type for _id, ex_type in kommunen.exchange_options(db, kommune_id)]
        types = dict(kommunen.exchange_options(db, kommune_id))
        categories = [
            {"id": cid, "exchange": types.get(ex_id, ""), "name": name}
            for cid, ex_id, name in kommunen.category_options(db, kommune_id)
        ]
        areas = [
            {"id": int(o.value), "name": o.label} for o in kommunen.area_options(db, kommune_id)
        ]
        spaces = [
            {"id": int(o.value), "name": o.label}
            for o in kommunen.social_space_options(db, kommune_id)
        ]
        data = {
            "slug": k.slug,
            "name": k.name,
            "federal_state": k.federal_state,
            "postcodes": k.postcodes,
            # The Kommune's own office, as its start page shows it (no private person).
            "contact": {
                "name": k.contact_name,
                "email": k.contact_email,
                "phone": k.contact_phone,
                "address": k.contact_address,
            },
            "exchanges": exchanges,
            "categories": categories,
            "areas": areas,
            "social_spaces": spaces,
            "url": f"{base}{routes.kommune_href(k.slug)}",
            "listings": _api_url(base, routes.api_path(routes.Endpoints.API_LISTINGS, slug=k.slug)),
            "infobox": _api_url(base, routes.api_path(routes.Endpoints.API_INFOBOX, slug=k.slug)),
        }
    return _ok(data)


def list_listings(request: Request) -> Response:
    base = _public_url()
    params = _checked(request, _LISTING_PARAMS)
    filters = routes.parse_search(params)
    with session_scope() as db:
        k = _kommune(db, request)
        result = search_public(db, k.id or 0, filters)
    kept = result.filters
    applied = {
        "boerse": kept.exchange,
        "art": kept.kind,
        "kategorie": kept.category,
        "ort": kept.area,
        "sozialraum": kept.space,
        "q": kept.q,
        "sortierung": kept.sort,
    }
    path = routes.api_path(routes.Endpoints.API_LISTINGS, slug=k.slug)
    next_url = (
        _api_url(base, path, {**applied, "seite": result.page + 1})
        if result.page < result.pages
        else None
    )
    return _ok(
        {
            "kommune": k.slug,
            "filters": {name: value for name, value in applied.items() if value not in ("", None)},
            "page": result.page,
            "pages": result.pages,
            "page_size": PAGE_SIZE,
            "total": result.total,
            "total_capped": result.total_capped,
            "next": next_url,
            "items": [
                {
                    **asdict(card),
                    "url": f"{base}{routes.listing_href(k.slug, card.id)}",
                    "api": _api_url(
                        base,
                        routes.api_path(
                            routes.Endpoints.API_LISTING, slug=k.slug, listing_id=card.id
                        ),
                    ),
                }
                for card in result.cards
            ],
        }
    )


def get_listing(request: Request) -> Response:
    base = _public_url()
    _checked(request, {})
    listing_id = _path_id(request)
    with session_scope() as db:
        k = _kommune(db, request)
        try:
            detail = get_listing_detail(db, ANONYMOUS, k.id or 0, listing_id)
        except NotFound:
            raise ApiError(404, "api.listing_not_found") from None
    return _ok(
        {
            "id": detail.id,
            "kind": detail.kind,
            "exchange_type": detail.exchange_type,
            "category": detail.category,
            "title": detail.title,
            "body": detail.body,
            "area": detail.area,
            "social_spaces": detail.social_spaces,
            "author": detail.author,
            "created_at": detail.created_at,
            "updated_at": detail.updated_at,
            "expires_on": detail.expires_on,
            "pocket_money": detail.pocket_money,
            "estimated_hours": detail.estimated_hours,
            "swap_for": detail.swap_for,
            "url": f"{base}{routes.listing_href(k.slug, detail.id)}",
        }
    )


def get_infobox(request: Request) -> Response:
    _checked(request, {})
    with session_scope() as db:
        k = _kommune(db, request)
        items = kommunen.info_box(db, k.id or 0, date.today())
    return _ok({"kommune": k.slug, "items": [asdict(item) for item in items]})


def openapi(request: Request) -> Response:
    _checked(request, {})
    return _ok(api_openapi.description(_public_url()))


ROUTES = [
    Route(routes.Endpoints.API_KOMMUNEN, list_kommunen, methods=["GET"]),
    Route(routes.Endpoints.API_KOMMUNE, get_kommune, methods=["GET"]),
    Route(routes.Endpoints.API_LISTINGS, list_listings, methods=["GET"]),
    Route(routes.Endpoints.API_LISTING, get_listing, methods=["GET"]),
    Route(routes.Endpoints.API_INFOBOX, get_infobox, methods=["GET"]),
    Route(routes.Endpoints.API_OPENAPI, openapi, methods=["GET"]),
]


# --- the ASGI part ------------------------------------------------------------------------------


def client_address(scope: Scope, trusted_proxy_hops: int = 0) -> str:
    """The caller's address for the throttle, as Reflex finds it for event handlers:
    X-Forwarded-For counts only behind `trusted_proxy_hops` reverse proxies of our own
    (REFLEX_TRUSTED_PROXY_HOPS), else anybody could pick a fresh counter per request."""
    client = scope.get("client")
    address = str(client[0]) if client else ""
    if trusted_proxy_hops:
        forwarded = ""
        for name, value in scope.get("headers", []):
            if name.lower() == b"x-forwarded-for":
                forwarded = bytes(value).decode("latin-1")
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(hops) >= trusted_proxy_hops:
            address = hops[-trusted_proxy_hops]
    return address[:100]


def _guarded(endpoint: Callable[[Request], Response]) -> Callable[[Request], Response]:
    def run(request: Request) -> Response:
        try:
            return endpoint(request)
        except ApiError as problem:
            return _error(problem.status, problem.key, **problem.params)
        except Exception:  # a failing database must not become a 500 page
            log.exception("API request failed: %s", request.url.path)
            return _error(503, "api.unavailable")

    return run


class PublicApi:
    """ASGI wrapper: /api/v1/… answered here, any other path by the app inside."""

    def __init__(self, inner: ASGIApp, trusted_proxy_hops: int = 0) -> None:
        self.inner = inner
        self.trusted_proxy_hops = trusted_proxy_hops
        self.router = Router(
            routes=[
                Route(route.path, _guarded(route.endpoint), methods=["GET"]) for route in ROUTES
            ]
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not (path == PREFIX or path.startswith(PREFIX + routes.HOME)):
            await self.inner(scope, receive, send)
            return
        response = await self._answer(scope)
        if response is not None:
            await response(scope, receive, send)
            return
        sub = {
            **scope,
            "path": path[len(PREFIX) :] or routes.HOME,
            "root_path": scope.get("root_path", "") + PREFIX,
        }
        await self.router(sub, receive, send)

    async def _answer(self, scope: Scope) -> Response | None:
        """The answer when the request never reaches an endpoint (else None)."""
        from starlette.concurrency import run_in_threadpool

        if scope.get("method", "GET") not in _READ_METHODS:
            return _error(405, "api.method_not_allowed", {"allow": "GET, HEAD"})
        if len(scope.get("query_string", b"")) > QUERY_MAX:
            return _error(400, "api.query_too_long")
        try:
            await run_in_threadpool(
                throttle().attempt,
                (
                    API_REQUESTS_PER_ADDRESS,
                    address_key(client_address(scope, self.trusted_proxy_hops)),
                ),
            )
        except TooManyAttempts as refused:
            seconds = max(1, math.ceil(refused.wait_seconds))
            return _error(429, "api.too_many", {"retry-after": str(seconds)}, seconds=seconds)
        path = str(scope.get("path", ""))[len(PREFIX) :] or routes.HOME
        sub = {**scope, "path": path}
        if not any(route.matches(sub)[0] != Match.NONE for route in self.router.routes):
            return _error(404, "api.not_found")
        return None


def public_api() -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` that mounts the API (list it before the session gate)."""

    def transform(inner: ASGIApp) -> ASGIApp:
        from reflex_base.config import get_config

        return PublicApi(inner, trusted_proxy_hops=get_config().trusted_proxy_hops)

    return transform
