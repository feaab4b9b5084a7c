"""Origins and security headers: allowed origins from the settings, the header builder,
and the middleware both apps wrap their whole backend in (issue 8, finding 9)."""

from __future__ import annotations

import base64
import hashlib
import runpy
from pathlib import Path

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from dasnez_core.config import Settings, load_settings
from dasnez_ui.http_headers import (
    SecurityHeadersMiddleware,
    build_script_hashes,
    content_security_policy,
    inline_script_hashes,
    security_headers,
)

ROOT = Path(__file__).resolve().parents[2]
OWN = "https://nachbarn.example"
EVIL = "https://evil.example"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in Settings.model_fields:
        monkeypatch.delenv(f"DASNEZ_{name.upper()}", raising=False)
    return monkeypatch


# --- allowed origins, from the settings -------------------------------------------------


def test_each_app_admits_only_its_own_configured_origin(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DASNEZ_PUBLIC_URL", "https://Nachbarn.example/")
    clean_env.setenv("DASNEZ_ADMIN_URL", "https://verwaltung.nachbarn.example:8443/admin")
    settings = load_settings()
    assert settings.allowed_origins("public") == ("https://nachbarn.example",)
    assert settings.allowed_origins("admin") == ("https://verwaltung.nachbarn.example:8443",)


def test_the_local_run_admits_the_loopback_names_of_the_same_port(
    clean_env: pytest.MonkeyPatch,
) -> None:
    settings = load_settings()  # defaults: http://localhost:3000 and :3001
    assert settings.allowed_origins("public") == (
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://[::1]:3000",
    )
    assert settings.allowed_origins("admin")[0] == "http://localhost:3001"
    assert "http://localhost:3000" not in settings.allowed_origins("admin")


def test_an_app_address_that_is_no_http_url_is_refused_by_name(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("DASNEZ_ADMIN_URL", "verwaltung.nachbarn.example")
    with pytest.raises(ValidationError, match="DASNEZ_ADMIN_URL"):
        load_settings()


@pytest.mark.parametrize(
    ("app_name", "url_variable", "url"),
    [
        ("dasnez_app", "DASNEZ_PUBLIC_URL", "https://nachbarn.example"),
        ("admin_portal", "DASNEZ_ADMIN_URL", "https://verwaltung.nachbarn.example"),
    ],
)
def test_reflex_config_takes_the_apps_origins_instead_of_any(
    clean_env: pytest.MonkeyPatch, app_name: str, url_variable: str, url: str
) -> None:
    """`cors_allowed_origins` feeds the socket.io server's Origin check and CORS."""
    clean_env.setenv("REFLEX_APP_NAME", app_name)
    clean_env.delenv("REFLEX_CORS_ALLOWED_ORIGINS", raising=False)
    clean_env.setenv(url_variable, url)
    config = runpy.run_path(str(ROOT / "rxconfig.py"))["config"]
    assert tuple(config.cors_allowed_origins) == (url,)


# --- the header builder ---------------------------------------------------------------


def test_headers_without_secure_cookies_have_no_hsts() -> None:
    headers = dict(security_headers("public", origins=(OWN,), hsts=False))
    assert "strict-transport-security" not in headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["permissions-policy"] == "camera=(), microphone=(), geolocation=()"


def test_headers_with_secure_cookies_have_hsts() -> None:
    headers = dict(security_headers("admin", origins=(OWN,), hsts=True))
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert headers["referrer-policy"] == "no-referrer"


def test_the_policy_forbids_framing_and_foreign_or_inline_scripts() -> None:
    policy = content_security_policy((OWN,), ["'sha256-abc='"])
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    # eval for rx.call_script (login and logout); no 'unsafe-inline': inline scripts are hashed.
    assert directives["script-src"] == ["'self'", "'unsafe-eval'", "'sha256-abc='"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["connect-src"] == ["'self'", "wss://nachbarn.example"]
    # The service worker and the web app manifest: the app's own files only.
    assert directives["worker-src"] == ["'self'"]
    assert directives["manifest-src"] == ["'self'"]


def test_the_websocket_sources_leave_out_what_csp_cannot_name() -> None:
    policy = content_security_policy(("http://localhost:3000", "http://[::1]:3000"), [])
    assert "connect-src 'self' ws://localhost:3000;" in policy


def test_inline_scripts_are_admitted_by_their_hash_and_script_files_not_hashed() -> None:
    html = (
        '<script>window.a = 1;</script><script type="module" src="/assets/x.js"></script>'
        "<script>window.a = 1;</script><SCRIPT id='_R_'>b()</SCRIPT>"
    )
    expected = sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in (b"window.a = 1;", b"b()")
    )
    assert inline_script_hashes([html]) == expected


def test_build_hashes_come_from_every_built_page(tmp_path: Path) -> None:
    (tmp_path / "k").mkdir()
    (tmp_path / "index.html").write_text("<script>one()</script>")
    (tmp_path / "k" / "page.html").write_text("<script>two()</script>")
    assert len(build_script_hashes(tmp_path)) == 2
    assert build_script_hashes(tmp_path / "not-built") == []


# --- the middleware ---------------------------------------------------------------------


def _client(*, hsts: bool = False) -> TestClient:
    async def page(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def own_policy(request: Request) -> Response:
        return PlainTextResponse("embed", headers={"Content-Security-Policy": "default-src *"})

    async def socket(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("hello")
        await websocket.close()

    inner = Starlette(
        routes=[
            Route("/", page, methods=["GET", "POST"]),
            Route("/_event/", page, methods=["GET", "POST"]),
            Route("/own", own_policy),
            WebSocketRoute("/_event/", socket),
        ]
    )
    headers = security_headers("public", origins=(OWN,), hsts=hsts)
    return TestClient(SecurityHeadersMiddleware(inner, headers, (OWN,)))


@pytest.mark.parametrize("path", ["/", "/gibt-es-nicht"])
def test_every_answer_carries_the_headers(path: str) -> None:
    answer = _client().get(path)
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in answer.headers
    assert _client(hsts=True).get(path).headers["strict-transport-security"] == ("max-age=31536000")


def test_an_endpoints_own_header_is_kept_not_doubled() -> None:
    answer = _client().get("/own")
    assert answer.headers.get_list("content-security-policy") == ["default-src *"]


def test_a_foreign_origin_may_not_post() -> None:
    client = _client()
    refused = client.post("/", headers={"Origin": EVIL})
    assert refused.status_code == 403
    assert refused.headers["x-frame-options"] == "DENY"
    assert client.post("/", headers={"Origin": OWN}).status_code == 200
    assert client.post("/").status_code == 200  # no Origin: not a cross-site browser request


def test_a_foreign_origin_may_not_reach_the_event_endpoint_over_http() -> None:
    """The Engine.IO polling transport runs over plain HTTP GET/POST on /_event."""
    client = _client()
    assert client.get("/_event/?EIO=4&transport=polling", headers={"Origin": EVIL}).status_code == (
        403
    )
    assert client.get("/", headers={"Origin": EVIL}).status_code == 200  # pages stay public


def test_a_foreign_origin_may_not_open_the_websocket() -> None:
    client = _client()
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect("/_event/", headers={"Origin": EVIL}),
    ):
        pass
    assert refused.value.code == 1008
    with client.websocket_connect("/_event/", headers={"Origin": OWN}) as socket:
        assert socket.receive_text() == "hello"
