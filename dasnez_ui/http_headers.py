"""Security headers on every HTTP answer and an Origin check, for both apps.

Installed as the last `api_transformer` of each `rx.App(...)`: it then wraps Reflex's whole
backend app, and in prod mode (one port) that app also serves the built frontend (pages,
JS/CSS from `build/client`, mounted inside the backend app), `/_upload/…`, `/ping`,
`/_health`, `/_event` and any endpoint another transformer mounts before it. Only Reflex's
outermost CORS middleware answers around it: its preflight answers (OPTIONS with
`Access-Control-Request-Method`) carry no page and get no headers from here.

Two jobs:
- every HTTP answer gets a Content-Security-Policy (no framing, scripts only from the app
  itself and the inline scripts of its own build, by hash; only the embeds under
  FRAMEABLE_PREFIXES bring their own policy with `frame-ancestors *`), X-Frame-Options,
  Referrer-Policy, X-Content-Type-Options, Permissions-Policy, and HSTS when the session
  cookies are Secure (DASNEZ_SECURE_COOKIES=1, i.e. the app is behind TLS);
- a request that names a foreign `Origin` is refused (403) when it opens the websocket or
  any request to `/_event` (either Engine.IO transport), and when its method changes
  something (POST, PUT, PATCH, DELETE): a cross-site page can neither drive the event
  channel nor post with the visitor's cookies. Requests without `Origin` (curl, the health
  check) pass: a browser always sends it on these requests.

The allowed origins are Reflex's `cors_allowed_origins`, which `rxconfig.py` takes from
DASNEZ_PUBLIC_URL / DASNEZ_ADMIN_URL, so the socket.io server, the CORS middleware and
this check agree.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dasnez_core.config import AppKind, load_settings

HSTS_VALUE = "max-age=31536000"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
# The admin portal's addresses name people and cases: they leave it with no referrer.
REFERRER_POLICY: dict[AppKind, str] = {
    "public": "strict-origin-when-cross-origin",
    "admin": "no-referrer",
}
EVENT_PATH = "/_event"
# The only answers other sites may frame: the embeds (dasnez_app.reach_http), which send
# their own policy with `frame-ancestors *`; they get no X-Frame-Options.
FRAMEABLE_PREFIXES = ("/embed/",)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC_ATTRIBUTE = re.compile(r"\bsrc\s*=", re.I)


def script_hash(source: str) -> str:
    """The CSP source expression that admits exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html_texts: Iterable[str]) -> list[str]:
    """Hashes of every inline `<script>` in these pages, sorted, each once.

    The Reflex prod build prerenders each page with a few inline scripts (the colour
    theme, scroll restoration, React Router's context and the page's module imports).
    """
    hashes = set()
    for html in html_texts:
        for match in _INLINE_SCRIPT.finditer(html):
            if not _SRC_ATTRIBUTE.search(match.group("attrs")) and match.group("body"):
                hashes.add(script_hash(match.group("body")))
    return sorted(hashes)


def build_script_hashes(static_dir: Path) -> list[str]:
    """Inline-script hashes of every built page under `static_dir` (none if not built)."""
    if not static_dir.is_dir():
        return []
    return inline_script_hashes(
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(static_dir.rglob("*.html"))
    )


def content_security_policy(origins: Sequence[str], script_hashes: Sequence[str]) -> str:
    """The policy for every answer of an app reachable at `origins`.

    Scripts: the app's own files and the hashed inline scripts of its build; no inline
    script of anyone else's, no other source. 'unsafe-eval' is needed: Reflex's client runs
    `rx.call_script` (the full page load after login and logout, which must reach the
    session cookie endpoint) and its error reporting through `eval`. What it evaluates comes
    from the server's own handlers, never from page content.
    Styles: 'unsafe-inline' is needed: Emotion (Reflex's `style=`) writes `<style>` tags
    and Radix sets `style` attributes at run time. Images: own files (logos under
    /_upload) and data:/blob: URLs. Connections: the app itself and its websocket
    (ws:/wss: of each allowed origin; 'self' covers ws: only in CSP3 browsers). The
    service worker (/sw.js) and the web app manifest: the app's own files only.
    """
    # CSP host sources cannot name an IPv6 literal ([::1]); 'self' still covers it.
    sockets = [
        origin.replace("http", "ws", 1)
        for origin in origins
        if origin.startswith("http") and "[" not in origin
    ]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'unsafe-eval'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src " + " ".join(["'self'", *sockets]),
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(
    app: AppKind,
    *,
    origins: Sequence[str],
    script_hashes: Sequence[str] = (),
    hsts: bool = False,
) -> list[tuple[str, str]]:
    """The headers every HTTP answer of `app` carries (names in lower case)."""
    headers = [
        ("content-security-policy", content_security_policy(origins, script_hashes)),
        ("x-frame-options", "DENY"),
        ("referrer-policy", REFERRER_POLICY[app]),
        ("x-content-type-options", "nosniff"),
        ("permissions-policy", PERMISSIONS_POLICY),
    ]
    if hsts:
        headers.append(("strict-transport-security", HSTS_VALUE))
    return headers


def origin_allowed(origin: str | None, origins: Sequence[str]) -> bool:
    """No Origin header (not a browser's cross-site request) or one of `origins`."""
    if origin is None:
        return True
    return "*" in origins or origin.lower() in {allowed.lower() for allowed in origins}


class SecurityHeadersMiddleware:
    """ASGI middleware: the headers on every HTTP answer, foreign origins refused."""

    def __init__(
        self, app: ASGIApp, headers: Sequence[tuple[str, str]], origins: Sequence[str]
    ) -> None:
        self.app = app
        self.origins = tuple(origins)
        self.headers = [
            (name.encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self._origin_ok(scope):
            if kind == "websocket":
                # Closing before accepting makes the server answer the handshake with 403.
                await send({"type": "websocket.close", "code": 1008})
            else:
                await self._forbidden(send)
            return
        if kind == "websocket":
            await self.app(scope, receive, send)
            return

        frameable = str(scope.get("path", "")).startswith(FRAMEABLE_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._with_headers(message.get("headers", []), frameable)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _origin_ok(self, scope: Scope) -> bool:
        origin = _header(scope, b"origin")
        if origin is None:
            return True
        path = scope.get("path", "")
        checked = (
            scope["type"] == "websocket"
            or scope.get("method", "GET") not in SAFE_METHODS
            or path == EVENT_PATH
            or path.startswith(EVENT_PATH + "/")
        )
        return not checked or origin_allowed(origin, self.origins)

    def _with_headers(
        self, existing: Iterable[tuple[bytes, bytes]], frameable: bool = False
    ) -> list[tuple[bytes, bytes]]:
        """Ours added; a header an endpoint set itself (say its own CSP) is kept instead.
        A frameable answer that set its own CSP gets no X-Frame-Options."""
        headers = list(existing)
        present = {name.lower() for name, _ in headers}
        if frameable and b"content-security-policy" in present:
            present.add(b"x-frame-options")
        headers.extend((name, value) for name, value in self.headers if name not in present)
        return headers

    async def _forbidden(self, send: Send) -> None:
        body = b"Origin not allowed"
        await send(
            {
                "type": "http.response.start",
                "status": 403,
                "headers": self._with_headers(
                    [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(body)).encode("ascii")),
                    ]
                ),
            }
        )
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def secure_http(app: AppKind) -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` for `app` (list it last, so it wraps every other one).

    Reads the allowed origins from Reflex's config (fed by `rxconfig.py` from the
    settings), HSTS from DASNEZ_SECURE_COOKIES and the inline-script hashes from the
    frontend build, when Reflex builds the backend app (the build exists by then).
    """

    def transform(asgi_app: ASGIApp) -> ASGIApp:
        from reflex.utils import prerequisites
        from reflex_base import constants
        from reflex_base.config import get_config

        config = get_config()
        static_dir = prerequisites.get_web_dir() / constants.Dirs.STATIC
        origins = tuple(config.cors_allowed_origins)
        headers = security_headers(
            app,
            origins=origins,
            script_hashes=build_script_hashes(static_dir),
            hsts=load_settings().secure_cookies,
        )
        return SecurityHeadersMiddleware(asgi_app, headers, origins)

    return transform
