"""`/health` of each app: is the database there, and Redis when one is configured?

JSON for a load balancer or monitoring: 200 with `"status": "ok"` when every check
passed, 503 with `"status": "unavailable"` otherwise. Each check says whether it passed
and how long it took; a failure names the exception's class only (no host, no password,
no query). Served before the session gate: it needs no cookie and reads no person's data.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from dasnez_core.db import get_engine

PATH = "/health"
# Seconds a check may take before it counts as failed.
TIMEOUT = 3.0


def _timed(check: Callable[[], None]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # any failure is "unavailable"; the class says which kind
        return {"ok": False, "error": type(exc).__name__, "ms": _ms(started)}
    return {"ok": True, "ms": _ms(started)}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _database() -> None:
    with get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


def _redis(url: str) -> Callable[[], None]:
    def ping() -> None:
        import redis

        client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        try:
            if not client.ping():
                raise ConnectionError("no PONG")
        finally:
            client.close()

    return ping


def health(app: str) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) of the app's health."""
    checks: dict[str, Any] = {"database": _timed(_database)}
    redis_url = os.environ.get("REFLEX_REDIS_URL", "")
    checks["redis"] = _timed(_redis(redis_url)) if redis_url else {"ok": True, "configured": False}
    ok = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if ok else "unavailable", "app": app, "checks": checks}
    return (200 if ok else 503), body


class HealthEndpoint:
    """ASGI wrapper: `/health` answered here (GET, HEAD), everything else passed on."""

    def __init__(self, inner: ASGIApp, app: str) -> None:
        self.inner, self.app = inner, app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != PATH:
            await self.inner(scope, receive, send)
            return
        if scope.get("method") not in ("GET", "HEAD"):
            await JSONResponse({}, status_code=405, headers={"allow": "GET, HEAD"})(
                scope, receive, send
            )
            return
        status, body = await run_in_threadpool(health, self.app)
        response = JSONResponse(body, status_code=status, headers={"cache-control": "no-store"})
        await response(scope, receive, send)


def health_endpoint(app: str) -> Callable[[ASGIApp], ASGIApp]:
    """The `api_transformer` serving `/health` for `app` ("public" or "admin")."""
    return lambda inner: HealthEndpoint(inner, app)
