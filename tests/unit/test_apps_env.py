"""The environment the run command gives each app process (scripts/apps.py)."""

from __future__ import annotations

import pytest

from scripts.apps import APPS, STATE_LOCK_DEFAULTS, app_env


@pytest.fixture(autouse=True)
def _no_lock_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own environment does not decide these tests."""
    for key in STATE_LOCK_DEFAULTS:
        monkeypatch.delenv(key, raising=False)


def test_with_redis_each_worker_keeps_its_tabs_states_between_events(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GRANIAN_WORKERS", raising=False)
    env = app_env(APPS["public"], {"REFLEX_REDIS_URL": "redis://127.0.0.1:6379/5"})
    assert env["GRANIAN_WORKERS"] == "2"
    assert env["REFLEX_OPLOCK_ENABLED"] == "true"
    # The lease ends before the lock expires (Reflex refuses the opposite).
    assert env["REFLEX_OPLOCK_HOLD_TIME"] == "20s"
    assert int(env["REFLEX_REDIS_LOCK_EXPIRATION"]) > 20_000


def test_the_operator_may_turn_it_off_and_without_redis_it_is_not_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    assert "REFLEX_OPLOCK_ENABLED" not in app_env(APPS["admin"])
    monkeypatch.setenv("REFLEX_OPLOCK_ENABLED", "false")
    env = app_env(APPS["admin"], {"REFLEX_REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert env["REFLEX_OPLOCK_ENABLED"] == "false"
