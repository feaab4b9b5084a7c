"""HTTP routes of the admin portal that need no Reflex: robots.txt (the portal is kept out
of every search engine) and the Kommune's poster as PDF.

Installed as an `api_transformer` outside the session gate (it reads the browser's own
session cookie, as `dasnez_ui.page_status_http` does) and inside `secure_http`. The poster
is only for that Kommune's admins: anonymous requests are refused (403), another Kommune's
admin gets 404 — the same "not found" as for a slug that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from admin_portal.poster import poster_pdf
from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.i18n import translate
from dasnez_core.services import auth, reach
from dasnez_core.services.sessions import resolve_session
from dasnez_ui.page_status_http import cookie_value
from dasnez_ui.reach_links import kommune_path
from dasnez_ui.session_http import cookie_name

ROBOTS = b"User-agent: *\nDisallow: /\n"
POSTER_PREFIX = "/plakat/"
_POSTER = re.compile(r"^/plakat/(?P<slug>[a-z0-9][a-z0-9-]{0,63})\.pdf$")

_Answer = tuple[int, str, bytes, list[tuple[bytes, bytes]]]


def poster_href(slug: str) -> str:
    """/plakat/<slug>.pdf: the poster download of a Kommune."""
    return f"{POSTER_PREFIX}{slug}.pdf"


def _text(status: int, key: str) -> _Answer:
    return status, "text/plain; charset=utf-8", translate(key, "de").encode(), []


def poster_answer(slug: str, session_token: str) -> _Answer:
    """The poster for the person holding `session_token`, or why not (blocking)."""
    with session_scope() as db:
        actor = resolve_session(db, session_token, auth.ADMIN_APP)
        try:
            data = reach.poster_data(db, actor, slug)
        except NotAllowed:
            return _text(403, "reach.poster_refused")
        except NotFound:
            return _text(404, "reach.not_found")
    settings = load_settings()
    logo = settings.upload_dir / data.kommune.logo_path if data.kommune.logo_path else None
    body = poster_pdf(
        data.kommune.name,
        settings.public_url + kommune_path(data.kommune.slug),
        data.contact,
        logo,
    )
    disposition = f'attachment; filename="plakat-{data.kommune.slug}.pdf"'
    return (
        200,
        "application/pdf",
        body,
        [(b"content-disposition", disposition.encode()), (b"cache-control", b"no-store")],
    )


class AdminReachRoutes:
    def __init__(self, inner: ASGIApp) -> None:
        self.inner = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.inner(scope, receive, send)
            return
        answer: _Answer | None = None
        if path == "/robots.txt":
            answer = (200, "text/plain; charset=utf-8", ROBOTS, [])
        elif path.startswith(POSTER_PREFIX):
            found = _POSTER.match(path)
            if found is None:
                answer = _text(404, "reach.not_found")
            else:
                token = cookie_value(scope, cookie_name(auth.ADMIN_APP))[:200]
                answer = await run_in_threadpool(poster_answer, found["slug"], token)
        if answer is None:
            await self.inner(scope, receive, send)
            return
        status, content_type, body, extra = answer
        headers = [
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        head_only = scope["method"] == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head_only else body})


def admin_reach_routes() -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` (after the session gate, before `secure_http`)."""
    return AdminReachRoutes
