"""`/health`: 200 when the database (and Redis, when configured) answer; 503 naming the
failed check otherwise, without hosts or passwords."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dasnez_ui.health_http import HealthEndpoint, health
from tests.utils.smtp import free_port


def _client() -> TestClient:
    return TestClient(HealthEndpoint(Starlette(), "admin"))


def test_healthy_without_redis(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    answer = _client().get("/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["app"] == "admin"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"] == {"ok": True, "configured": False}
    assert answer.headers["cache-control"] == "no-store"


def test_a_redis_that_is_down_makes_it_503(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLEX_REDIS_URL", f"redis://:geheim@127.0.0.1:{free_port()}/0")
    status, body = health("public")
    assert status == 503 and body["status"] == "unavailable"
    assert body["checks"]["redis"]["ok"] is False and body["checks"]["database"]["ok"] is True
    assert "geheim" not in json.dumps(body) and "127.0.0.1" not in json.dumps(body)


def test_a_database_that_is_away_makes_it_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    monkeypatch.setattr(
        "dasnez_ui.health_http.get_engine",
        lambda: (_ for _ in ()).throw(ConnectionRefusedError("db down")),
    )
    status, body = health("public")
    assert status == 503
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "ConnectionRefusedError",
        "ms": body["checks"]["database"]["ms"],
    }


def test_other_paths_and_methods(database_url: str) -> None:
    client = _client()
    assert client.post("/health").status_code == 405
    assert client.get("/healthz").status_code == 404  # passed on to the app
