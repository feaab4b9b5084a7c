"""The downloads of printed notices: a public listing's Aushang and a proxy's weekly sheet.

- `GET /drucken/aushang/<slug>/<id>.pdf` — any approved person; a listing that is not
  public (or does not exist) is 404, a caller who is not approved is refused (403).
- `GET /drucken/wochenblatt.pdf[?ort=<area id>]` — the Kommune's own proxies only (403
  for anybody else); an Ortsteil that is not one of their Kommune's is 404.

Installed as an `api_transformer` inside the session gate: the request's session cookie
is already the token's hash there, resolved like an event handler's. The answers are
`no-store` (the proxy's phone number is on them) and in German, the language of the
notice boards they go to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from dasnez_app import routes
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.i18n import translate
from dasnez_core.printing import compose
from dasnez_core.printing.notice import notice_pdf
from dasnez_core.printing.weekly import weekly_pdf
from dasnez_core.services import auth, notices
from dasnez_core.services.filters import positive_int
from dasnez_core.services.sessions import resolve_session_hash
from dasnez_ui.page_status_http import cookie_value
from dasnez_ui.session_http import cookie_name

PREFIX = "/drucken/"
WEEKLY_PATH = "/drucken/wochenblatt.pdf"
NOTICE_PATH = "/drucken/aushang/{slug}/{id}.pdf"
AREA_PARAM = "ort"
LANG = "de"
_NOTICE = re.compile(r"^/drucken/aushang/(?P<slug>[a-z0-9][a-z0-9-]{0,63})/(?P<id>\d{1,9})\.pdf$")

_Answer = tuple[int, str, bytes, list[tuple[bytes, bytes]]]


def notice_href(slug: str, listing_id: int) -> str:
    """/drucken/aushang/<slug>/<id>.pdf: the Aushang of a listing."""
    return NOTICE_PATH.format(slug=slug, id=int(listing_id))


def weekly_href(area_id: int | None = None) -> str:
    """/drucken/wochenblatt.pdf[?ort=<id>]: the weekly sheet of an Ortsteil (or all)."""
    return WEEKLY_PATH + (f"?{urlencode({AREA_PARAM: area_id})}" if area_id else "")


def _text(status: int, key: str) -> _Answer:
    return status, "text/plain; charset=utf-8", translate(key, LANG).encode(), []


def _pdf(body: bytes, filename: str) -> _Answer:
    disposition = f'attachment; filename="{filename}"'
    return (
        200,
        "application/pdf",
        body,
        [(b"content-disposition", disposition.encode()), (b"cache-control", b"no-store")],
    )


def notice_answer(slug: str, listing_id: int, session_hash: str) -> _Answer:
    """The Aushang for the person behind `session_hash`, or why not (blocking)."""
    with session_scope() as db:
        actor = resolve_session_hash(db, session_hash, auth.PUBLIC_APP)
        try:
            data = notices.notice_data(db, actor, slug, listing_id, LANG)
        except NotAllowed:
            return _text(403, "print.refused")
        except NotFound:
            return _text(404, "print.not_found")
    settings = load_settings()
    url = settings.public_url + str(routes.listing_href(data.kommune.slug, data.listing.id))
    body = notice_pdf(compose.notice(data, url, settings.upload_dir, LANG), LANG)
    return _pdf(body, f"aushang-{data.kommune.slug}-{data.listing.id}.pdf")


def weekly_answer(raw_area: str | None, session_hash: str) -> _Answer:
    """The weekly sheet for the person behind `session_hash`, or why not (blocking)."""
    area_id = positive_int(raw_area)
    with session_scope() as db:
        actor = resolve_session_hash(db, session_hash, auth.PUBLIC_APP)
        try:
            if raw_area and area_id is None:
                notices.sheet_areas(db, actor)  # who asks is checked before the input
                raise NotFound("print.area_not_found")
            data = notices.weekly_data(db, actor, area_id, LANG)
        except NotAllowed:
            return _text(403, "print.weekly_refused")
        except NotFound:
            return _text(404, "print.area_not_found")
    settings = load_settings()
    slug = data.kommune.slug

    def listing_url(listing_id: int) -> str:
        return settings.public_url + str(routes.listing_href(slug, listing_id))

    query = urlencode({AREA_PARAM: data.area_id}) if data.area_id else ""
    more_url = settings.public_url + str(routes.browse_href(slug)) + (f"?{query}" if query else "")
    sheet = compose.sheet(data, listing_url, more_url, settings.upload_dir, LANG)
    suffix = f"-{data.area_id}" if data.area_id else ""
    return _pdf(weekly_pdf(sheet, LANG), f"wochenblatt-{slug}{suffix}.pdf")


class PrintRoutes:
    """ASGI wrapper answering the two download addresses; everything else passes."""

    def __init__(self, inner: ASGIApp) -> None:
        self.inner = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith(PREFIX):
            await self.inner(scope, receive, send)
            return
        if scope.get("method") not in ("GET", "HEAD"):
            answer: _Answer = (405, "text/plain; charset=utf-8", b"", [(b"allow", b"GET, HEAD")])
        else:
            session_hash = cookie_value(scope, cookie_name(auth.PUBLIC_APP))[:100]
            found = _NOTICE.match(path)
            if found is not None:
                answer = await run_in_threadpool(
                    notice_answer, found["slug"], int(found["id"]), session_hash
                )
            elif path == WEEKLY_PATH:
                query = scope.get("query_string", b"").decode("latin-1")[:200]
                area = dict(parse_qsl(query)).get(AREA_PARAM)
                answer = await run_in_threadpool(weekly_answer, area, session_hash)
            else:
                answer = _text(404, "print.not_found")
        status, content_type, body, extra = answer
        headers = [
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        head_only = scope["method"] == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head_only else body})


def print_routes() -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` (inside the session gate)."""
    return PrintRoutes
