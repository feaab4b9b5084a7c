"""A real 404 for the first HTML of a page whose record does not exist.

Reflex serves every page of its route table as the same prebuilt HTML with status 200; the
page finds out over the websocket that a slug, listing or person is unknown and shows the
German not-found page. Search engines and link checkers see only the status, so this ASGI
wrapper asks the domain (one indexed query) for document requests (GET or HEAD that accept
text/html) to an app's dynamic routes, and turns the 200 into a 404 when the page would
show "not found". The HTML stays the same. Paths outside the route table already answer
404 from Reflex's static files.

Installed as an `api_transformer` between the session gate and `secure_http` (which stays
last): it sees the browser's own session cookie, needed when the answer depends on who
asks (an own draft listing, an own hidden profile).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import unquote

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.page_status import Viewer
from dasnez_core.services.sessions import resolve_session
from dasnez_ui.session_http import cookie_name

# (database, the route's path parameters, the viewer on demand) → the page shows its record
Check = Callable[[Session, Mapping[str, str], Viewer], bool]

_DOCUMENT_METHODS = frozenset({"GET", "HEAD"})
_PARAM = re.compile(r"\[(\w+)\]")
log = logging.getLogger(__name__)


def route_pattern(route: str) -> re.Pattern[str]:
    """The path regex of a Reflex route ("/k/[slug]" → one named segment), trailing slash
    optional as Reflex serves both."""
    parts = _PARAM.split(route.rstrip("/"))
    regex = "".join(
        f"(?P<{part}>[^/]+)" if i % 2 else re.escape(part) for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}/?$")


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def cookie_value(scope: Scope, name: str) -> str:
    """The value of cookie `name` in the request ("" without)."""
    for part in _header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip()
    return ""


class NotFoundStatus:
    """ASGI wrapper: 404 instead of 200 for document requests whose check says "not shown"."""

    def __init__(
        self, inner: ASGIApp, app: str, checks: Sequence[tuple[re.Pattern[str], Check]]
    ) -> None:
        self.inner = inner
        self.app = app
        self.checks = tuple(checks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        matched = self._match(scope)
        if matched is None or await run_in_threadpool(self._shown, scope, *matched):
            await self.inner(scope, receive, send)
            return

        async def send_not_found(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message = {**message, "status": 404}
            await send(message)

        await self.inner(scope, receive, send_not_found)

    def _match(self, scope: Scope) -> tuple[Check, dict[str, str]] | None:
        if scope["type"] != "http" or scope.get("method") not in _DOCUMENT_METHODS:
            return None
        if "text/html" not in _header(scope, b"accept"):
            return None
        path = str(scope.get("path", ""))
        for pattern, check in self.checks:
            found = pattern.match(path)
            if found:
                return check, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    def _shown(self, scope: Scope, check: Check, params: dict[str, str]) -> bool:
        def viewer() -> Actor:
            with session_scope() as db:
                return resolve_session(db, cookie_value(scope, cookie_name(self.app)), self.app)

        try:
            with session_scope() as db:
                return check(db, params, viewer)
        except SQLAlchemyError:
            # The status is a courtesy; the page itself still tells the person.
            log.exception("page status check failed for %s", scope.get("path"))
            return True


def not_found_status(app: str, checks: Mapping[str, Check]) -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` for `app`: `checks` maps a dynamic route to its check."""
    compiled = [(route_pattern(route), check) for route, check in checks.items()]
    return lambda inner: NotFoundStatus(inner, app, compiled)
