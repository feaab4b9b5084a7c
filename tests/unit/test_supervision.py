"""The run command's supervision: a dead app is restarted with a backoff, the other app is
left alone, and granian is told to respawn failed workers. (The real processes are killed
in tests/fault/.)"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import apps, prod_server


def _fake_start(codes: dict[str, list[int]]):  # type: ignore[no-untyped-def]
    """A `start` whose app exits at once with the next code of its list, or runs on."""

    def start(spec, port, log_path, extra=None):  # type: ignore[no-untyped-def]
        queue = codes[spec.kind]
        script = f"import sys; sys.exit({queue.pop(0)})" if queue else "import time; time.sleep(60)"
        return subprocess.Popen([sys.executable, "-c", script], start_new_session=True)

    return start


def _until(condition, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_a_dead_app_is_restarted_and_the_other_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(apps, "start", _fake_start({"public": [3, 3, 3], "admin": []}))
    monkeypatch.setattr(apps, "RESTART_DELAYS", (0.01, 0.02, 0.04, 0.08))
    lines: list[str] = []
    public = apps.Supervised(apps.APPS["public"], 3999, tmp_path / "p.log", say=lines.append)
    admin = apps.Supervised(apps.APPS["admin"], 3998, tmp_path / "a.log", say=lines.append)
    admin_pid = admin.proc.pid
    try:

        def step() -> bool:
            public.check()
            admin.check()
            return public.restarts == 3 and public.proc.poll() is None

        _until(step)
        # Three quick deaths: three log lines, three restarts; the fourth start runs on.
        assert len([line for line in lines if "exited with code 3" in line]) == 3
        assert len([line for line in lines if "started (restart" in line]) == 3
        assert all(line.startswith("public app (port 3999)") for line in lines)
        assert admin.restarts == 0 and admin.proc.pid == admin_pid and admin.proc.poll() is None
    finally:
        apps.stop([public.proc, admin.proc])


def test_the_delay_grows_with_quick_deaths_and_resets_after_a_long_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(apps, "start", _fake_start({"public": [1, 1, 1]}))
    lines: list[str] = []
    app = apps.Supervised(apps.APPS["public"], 3999, tmp_path / "p.log", say=lines.append)
    _until(lambda: app.proc.poll() is not None)
    app.check()
    assert "restarting it in 1 s" in lines[-1]
    app._restart_at = 0.0  # don't wait the second
    app.check()
    _until(lambda: app.proc.poll() is not None)
    app.check()
    assert "restarting it in 2 s" in lines[-1]
    app._restart_at = 0.0
    app.check()
    _until(lambda: app.proc.poll() is not None)
    app.started -= apps.RESTART_RESET_AFTER  # as if it had run for a minute
    app.check()
    assert "restarting it in 1 s" in lines[-1]
    apps.stop([app.proc])


def test_granian_is_told_to_respawn_failed_workers() -> None:
    import granian.server

    prod_server.install()
    prod_server.install()  # twice is harmless
    server = granian.server.Server(target="dasnez_app.dasnez_app:app")
    assert server.respawn_failed_workers is True
    assert (
        granian.server.Server(target="x:y", respawn_failed_workers=False).respawn_failed_workers
        is False
    )


def test_reflex_still_takes_granians_server_from_where_the_patch_puts_it() -> None:
    import inspect

    from reflex.utils import exec as reflex_exec

    source = inspect.getsource(reflex_exec.run_granian_backend_prod)
    assert "from granian.server import Server as Granian" in source
    assert "respawn_failed_workers" not in source  # else Reflex decides and the patch is moot


def test_only_a_restart_reuses_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    extras: list[dict[str, str]] = []
    fake = _fake_start({"public": [1]})

    def start(spec, port, log_path, extra=None):  # type: ignore[no-untyped-def]
        extras.append(dict(extra or {}))
        return fake(spec, port, log_path, extra)

    monkeypatch.setattr(apps, "start", start)
    monkeypatch.setattr(apps, "RESTART_DELAYS", (0.0,))
    app = apps.Supervised(apps.APPS["public"], 3999, tmp_path / "p.log", {"X": "1"}, say=print)
    _until(lambda: (app.check(), app.restarts == 1)[1])
    apps.stop([app.proc])
    assert extras == [{"X": "1"}, {"X": "1", "DASNEZ_REUSE_BUILD": "1"}]


def test_reusing_the_build_skips_reflexs_compile_and_build_only_if_one_is_there(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import reflex.reflex
    from reflex.utils import build

    monkeypatch.setattr(reflex.reflex, "_compile_app", reflex.reflex._compile_app)
    monkeypatch.setattr(build, "setup_frontend_prod", build.setup_frontend_prod)
    monkeypatch.setenv("REFLEX_WEB_WORKDIR", str(tmp_path))
    monkeypatch.delenv("DASNEZ_REUSE_BUILD", raising=False)
    assert prod_server.reuse_build() is False
    monkeypatch.setenv("DASNEZ_REUSE_BUILD", "1")
    assert prod_server.reuse_build() is False  # nothing built yet: Reflex builds
    (tmp_path / "build" / "client").mkdir(parents=True)
    (tmp_path / "build" / "client" / "index.html").write_text("<html></html>")
    compile_app = reflex.reflex._compile_app
    assert prod_server.reuse_build() is True
    assert reflex.reflex._compile_app is not compile_app
    assert reflex.reflex._compile_app(avoid_dirty_check=False) is None
    assert build.setup_frontend_prod(tmp_path) is None
