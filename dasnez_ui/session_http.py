"""Each app's session cookie, set and cleared by HTTP endpoints of its own, and the gate that
keeps the token out of Reflex.

Reflex pickles every state to disk or Redis, the connection's headers included (the root
state's `router` data). So no secret may reach Reflex at all:

- `GET /_session/open?ticket=…&next=/…` exchanges a one-time login ticket for the session
  cookie (HttpOnly, SameSite=Strict, Path=/; Secure and `__Host-` with
  `DASNEZ_SECURE_COOKIES=1`) and redirects to `next` (a local path only).
- `GET|POST /_session/close?next=/…` ends the session, clears the cookie and redirects.
- Every other request passes the gate, which replaces this app's session cookie in the
  `Cookie` header by the SHA-256 of its value (what `UserSession` stores; a hash presented as
  a cookie is hashed again and matches nothing) and drops the other app's session cookie.
  Event handlers resolve the caller from that hash (`dasnez_ui.session`).
- The gate also binds the Reflex client token (the tab's key to its state) to the live
  session: the state a tab gets is keyed by (tab token, session hash if the session is live).
  A reload after logout, blocking, expiry or a password change elsewhere therefore finds a
  fresh state, never the previous person's page data, and a tab token read from the state
  store addresses nothing.

Login and logout end in a full page navigation through these endpoints, so the websocket
reconnects with the new cookie (it keeps the headers of its handshake).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from dasnez_core.config import load_settings
from dasnez_core.db import session_scope
from dasnez_core.services import auth
from dasnez_core.services.sessions import (
    hash_token,
    redeem_ticket,
    resolve_session_hash,
    revoke_session,
)

OPEN_PATH = "/_session/open"
CLOSE_PATH = "/_session/close"

_BASE_NAMES = {auth.PUBLIC_APP: "dasnez_session", auth.ADMIN_APP: "dasnez_admin_session"}
# How long the browser keeps the cookie; the server's own expiry (idle and absolute) still
# applies. The portal's cookie lives a working day.
_MAX_AGE = {auth.PUBLIC_APP: 30 * 24 * 3600, auth.ADMIN_APP: 12 * 3600}
_HOST_PREFIX = "__Host-"
# Every session cookie name of both apps: cookies do not separate ports, so the browser
# sends the portal's cookie to the public app on the same host and vice versa.
ALL_COOKIE_NAMES = frozenset(
    prefix + name for name in _BASE_NAMES.values() for prefix in ("", _HOST_PREFIX)
)


def cookie_name(app: str, secure: bool | None = None) -> str:
    """This app's session cookie name; `__Host-` under TLS (Secure, Path=/, no Domain)."""
    if secure is None:
        secure = load_settings().secure_cookies
    return (_HOST_PREFIX if secure else "") + _BASE_NAMES[app]


def set_cookie_header(app: str, token: str, secure: bool | None = None) -> str:
    """The Set-Cookie value that gives the browser the session token (never to scripts)."""
    if secure is None:
        secure = load_settings().secure_cookies
    parts = [
        f"{cookie_name(app, secure)}={token}",
        "Path=/",
        f"Max-Age={_MAX_AGE[app]}",
        "HttpOnly",
        "SameSite=Strict",
    ]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def clear_cookie_header(app: str, secure: bool | None = None) -> str:
    if secure is None:
        secure = load_settings().secure_cookies
    parts = [f"{cookie_name(app, secure)}=", "Path=/", "Max-Age=0", "HttpOnly", "SameSite=Strict"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def local_path(next_path: str | None, default: str = "/") -> str:
    """`next_path` if it is a path on this site, else `default` (no open redirect)."""
    if (
        not next_path
        or not next_path.startswith("/")
        or next_path.startswith("//")
        or "\\" in next_path
        or any(ord(c) < 0x20 for c in next_path)
        or len(next_path) > 500
    ):
        return default
    return next_path


def open_url(ticket: str, next_path: str) -> str:
    """Where the login handler sends the browser: the endpoint that sets the cookie."""
    return f"{OPEN_PATH}?{urlencode({'ticket': ticket, 'next': local_path(next_path)})}"


def close_url(next_path: str) -> str:
    return f"{CLOSE_PATH}?next={quote(local_path(next_path), safe='/')}"


def _no_store(response: Response) -> Response:
    response.headers["cache-control"] = "no-store"
    response.headers["referrer-policy"] = "no-referrer"  # the ticket was in the URL
    return response


def _request_cookie(request: Request, name: str) -> str:
    return request.cookies.get(name, "")


def _redeem(ticket: str, app: str) -> str | None:
    with session_scope() as db:
        return redeem_ticket(db, ticket, app)


def _revoke(token: str) -> None:
    with session_scope() as db:
        revoke_session(db, token)


def _is_live(token_hash: str, app: str) -> bool:
    with session_scope() as db:
        return not resolve_session_hash(db, token_hash, app).is_anonymous


async def _open(request: Request, app: str) -> Response:
    token = await run_in_threadpool(_redeem, request.query_params.get("ticket", "")[:200], app)
    response = RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    if token:
        response.headers.append("set-cookie", set_cookie_header(app, token))
    return _no_store(response)


async def _close(request: Request, app: str) -> Response:
    response = RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    name = cookie_name(app)
    token = _request_cookie(request, name)
    # Only a request that carries the cookie (same site: it is SameSite=Strict) clears it,
    # so a link on another site cannot log anybody out.
    if token:
        await run_in_threadpool(_revoke, token[:200])
        response.headers.append("set-cookie", clear_cookie_header(app))
    return _no_store(response)


def bound_client_token(tab_token: str, live_session_hash: str, app: str) -> str:
    """The Reflex client token a tab's state is stored under: its own token bound to the
    live session (or to none). Same format as Reflex's own (a UUID)."""
    digest = hashlib.sha256(f"{app}|{tab_token}|{live_session_hash}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


class SessionGate:
    """ASGI wrapper around one app's backend: the session endpoints, and the cookie and
    client-token rewriting described in the module docstring."""

    def __init__(self, inner: ASGIApp, app: str) -> None:
        self.inner = inner
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") in (OPEN_PATH, CLOSE_PATH):
            request = Request(scope, receive)
            handler = _open if scope["path"] == OPEN_PATH else _close
            if scope["path"] == OPEN_PATH and request.method != "GET":
                response: Response = Response(status_code=405)
            else:
                response = await handler(request, self.app)
            await response(scope, receive, send)
            return
        if scope["type"] in ("http", "websocket"):
            scope = await self._rewrite(scope)
        await self.inner(scope, receive, send)

    async def _rewrite(self, scope: Scope) -> Scope:
        own = cookie_name(self.app)
        token = ""
        headers: list[tuple[bytes, bytes]] = []
        for name, value in scope.get("headers", []):
            if name.lower() == b"cookie":
                kept = []
                for part in value.decode("latin-1").split(";"):
                    key, _, val = part.strip().partition("=")
                    if key in ALL_COOKIE_NAMES:
                        if key == own and not token:
                            token = val.strip()
                        continue
                    if part.strip():
                        kept.append(part.strip())
                if kept:
                    headers.append((b"cookie", "; ".join(kept).encode("latin-1")))
            elif name.lower() != b"reflex-client-token":
                headers.append((name, value))
        token_hash = hash_token(token[:200]) if token else ""
        if token_hash:
            headers.append((b"cookie", f"{own}={token_hash}".encode("latin-1")))
        path = str(scope.get("path", ""))
        new: dict[str, Any] = {**scope, "headers": headers}
        if path.startswith("/_event"):
            pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), True)
            if any(key == "token" for key, _ in pairs):
                bound = await self._bound(token_hash)
                pairs = [(k, bound(v) if k == "token" else v) for k, v in pairs]
                new["query_string"] = urlencode(pairs).encode("latin-1")
        elif path.endswith("/_upload"):
            tab = dict(scope.get("headers", [])).get(b"reflex-client-token", b"")
            if tab:
                bound = await self._bound(token_hash)
                headers.append((b"reflex-client-token", bound(tab.decode("latin-1")).encode()))
        return new

    async def _bound(self, token_hash: str) -> Callable[[str], str]:
        live = bool(token_hash) and await run_in_threadpool(_is_live, token_hash, self.app)
        ref = token_hash if live else ""
        return lambda tab: bound_client_token(tab[:100], ref, self.app)


def gate(app: str) -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` each app module registers (`rx.App(api_transformer=…)`)."""
    protect_state_files()
    return lambda inner: SessionGate(inner, app)


def protect_state_files() -> None:
    """Only the app's own user may read the state files (they hold page data)."""
    from reflex.utils import prerequisites

    states = prerequisites.get_states_dir()
    try:
        states.mkdir(parents=True, exist_ok=True)
        os.chmod(states, 0o700)
    except OSError:  # a read-only deployment keeps states elsewhere (Redis)
        pass
