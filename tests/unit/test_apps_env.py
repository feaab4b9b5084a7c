"""The environment the run command gives each app process (scripts/apps.py)."""

from __future__ import annotations

import os
import shutil

import pytest

from scripts.apps import APPS, ROOT, STATE_LOCK_DEFAULTS, app_env, reflex_env


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


def test_a_reflex_start_without_env_sh_finds_the_projects_own_bun(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`python bench/load.py` from a fresh shell: without .tools on PATH, Reflex went to
    download bun (which this machine cannot) and the app never started."""
    tools = ROOT / ".tools" / "node_modules" / ".bin"
    if not (tools / "bun").exists():
        pytest.skip("bun is installed by scripts/setup.sh")
    bare = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != str(tools))
    monkeypatch.setenv("PATH", bare)
    for env in (reflex_env(), app_env(APPS["public"])):
        assert env["REFLEX_USE_SYSTEM_BUN"] == "1"
        assert shutil.which("bun", path=env["PATH"]) == str(tools / "bun")
        assert env["REFLEX_TELEMETRY_ENABLED"] == "false"
