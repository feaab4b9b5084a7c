"""Start, watch and stop both Reflex apps in prod mode, each in its own process and build dir.

Used by the run command (`python scripts/apps.py serve`) and by the browser tests, so the
apps the tests drive are started exactly as a person's run command starts them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppSpec:
    kind: str
    module: str
    web_dir: str
    states_dir: str


APPS = {
    "public": AppSpec("public", "dasnez_app", ".web-public", ".states-public"),
    "admin": AppSpec("admin", "admin_portal", ".web-admin", ".states-admin"),
}


# How the workers hold a tab's page state when it lives in Redis (see app_env).
STATE_LOCK_DEFAULTS = {
    "REFLEX_OPLOCK_ENABLED": "true",
    "REFLEX_OPLOCK_HOLD_TIME": "20s",
    "REFLEX_REDIS_LOCK_EXPIRATION": "30000",
}


def reflex_env() -> dict[str, str]:
    """This process's environment with what every Reflex start needs (as scripts/env.sh sets).

    The project's own bun (.tools, installed by scripts/setup.sh) comes first on PATH, so a
    bench or script started without sourcing env.sh never makes Reflex fetch bun itself.
    """
    env = dict(os.environ)
    tools = str(ROOT / ".tools" / "node_modules" / ".bin")
    env["PATH"] = os.pathsep.join([tools, env.get("PATH", "")])
    env.setdefault("REFLEX_DIR", str(ROOT / ".reflex-dir"))
    env.setdefault("BUN_INSTALL_CACHE_DIR", str(ROOT / ".bun-cache"))
    env.setdefault("REFLEX_HTTP_CLIENT_BIND_ADDRESS", "0.0.0.0")  # noqa: S104 (outgoing, as env.sh)
    if not env.get("NPM_CONFIG_REGISTRY"):
        # bun installs the frontend's packages from the registry npm is configured with.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            registry = subprocess.run(
                ["npm", "config", "get", "registry"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            ).stdout.strip()
            if registry:
                env["NPM_CONFIG_REGISTRY"] = registry
    env.update(
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        REFLEX_USE_SYSTEM_BUN="1",
    )
    return env


def app_env(spec: AppSpec, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = reflex_env()
    # A suffix gives parallel test runs in one checkout their own build and state dirs.
    suffix = env.get("DASNEZ_BUILD_SUFFIX", "")
    env.update(
        REFLEX_APP_NAME=spec.module,
        REFLEX_WEB_WORKDIR=str(ROOT / f"{spec.web_dir}{suffix}"),
        REFLEX_STATES_WORKDIR=str(ROOT / f"{spec.states_dir}{suffix}"),
    )
    # One JSON record a line from Reflex, Granian and anything printed (dasnez_core.logs
    # does the same for the apps' own loggers); REFLEX_LOG_JSON=false for a human's terminal.
    env.setdefault("REFLEX_LOG_JSON", "true")
    env.update(extra or {})
    if env.get("REFLEX_REDIS_URL"):
        if not env.get("GRANIAN_WORKERS"):
            # Measured (PERF-NOTES): two workers per app on two cores beat the default formula.
            env["GRANIAN_WORKERS"] = "2"
        # A tab's websocket stays with one worker, which keeps the tab's page state in memory
        # while the tab is in use (Reflex's opportunistic lock, released after 20 s, at once
        # when another worker asks for it) instead of reading and writing it in Redis on
        # every event. 1,000 live tabs at 1M listings (bench/load.py): server CPU per filter
        # change 5.4 -> 4.8 ms, event p50/p95 0.6/1.4 -> 0.26/0.96 s, no lock warnings. A
        # lock outlives a killed worker by at most REFLEX_REDIS_LOCK_EXPIRATION (30 s); after
        # Redis lost its data the fault test saw publishing resume after 15 s (before: at once).
        for key, value in STATE_LOCK_DEFAULTS.items():
            env.setdefault(key, value)
    # Logos: the admin portal stores them, the public app serves them at /_upload/<name>.
    from dasnez_core.config import load_settings

    env["REFLEX_UPLOADED_FILES_DIR"] = str(load_settings(env).upload_dir)
    return env


def command(port: int) -> list[str]:
    """The argv that runs one app in prod mode on `port` (its app is chosen by app_env)."""
    return [
        sys.executable,
        "-m",
        "scripts.prod_server",  # `reflex`, with granian respawning a worker that dies
        "run",
        "--env",
        "prod",
        "--frontend-port",
        str(port),
        "--loglevel",
        "warning",
    ]


def run_one(kind: str, port: int) -> None:
    """Become one app (for a process supervisor such as systemd, which restarts it)."""
    os.chdir(ROOT)
    os.execve(sys.executable, command(port), app_env(APPS[kind]))  # noqa: S606


def start(
    spec: AppSpec, port: int, log_path: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("ab")
    return subprocess.Popen(  # noqa: S603  (fixed argv, no shell)
        command(port),
        cwd=ROOT,
        env=app_env(spec, extra),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(
    proc: subprocess.Popen[bytes], port: int, log_path: Path, timeout: float = 300
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"app on port {port} exited ({proc.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2):
                pass
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"app on port {port} not ready after {timeout:.0f}s; see {log_path}")


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.wait()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL what is left of an app's process group (workers orphaned by a killed
    supervisor still hold the port)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


# Restart delays of an app that exited: doubled after each quick death, back to the first
# once the app had run for RESTART_RESET_AFTER seconds.
RESTART_DELAYS = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
RESTART_RESET_AFTER = 60.0


class Supervised:
    """One app process that is started again whenever it exits, with a backoff.

    Its workers are granian's business (`scripts.prod_server` respawns a dead one); this
    restarts the whole app when granian gives up or the app dies, and touches no other app.
    """

    def __init__(
        self,
        spec: AppSpec,
        port: int,
        log_path: Path,
        extra: dict[str, str] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.spec, self.port, self.log_path, self.extra = spec, port, log_path, extra
        self.say = say or (lambda line: print(line, file=sys.stderr, flush=True))
        self.restarts = 0
        self._quick_deaths = 0
        self._restart_at: float | None = None
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        self.started = time.monotonic()
        extra = dict(self.extra or {})
        if self.restarts:
            # Same code as the first start: serve its build instead of building again.
            extra["DASNEZ_REUSE_BUILD"] = "1"
        return start(self.spec, self.port, self.log_path, extra)

    def check(self) -> None:
        """Call about once a second: notices an exit and restarts after the backoff."""
        now = time.monotonic()
        if self._restart_at is None:
            code = self.proc.poll()
            if code is None:
                return
            _kill_group(self.proc)
            lived = now - self.started
            if lived >= RESTART_RESET_AFTER:
                self._quick_deaths = 0
            delay = RESTART_DELAYS[min(self._quick_deaths, len(RESTART_DELAYS) - 1)]
            self._quick_deaths += 1
            self._restart_at = now + delay
            self.say(
                f"{self.spec.kind} app (port {self.port}) exited with code {code} after "
                f"{lived:.0f} s; restarting it in {delay:.0f} s (see {self.log_path})"
            )
        elif now >= self._restart_at:
            self._restart_at = None
            self.restarts += 1
            self.proc = self._start()
            self.say(f"{self.spec.kind} app (port {self.port}) started (restart {self.restarts})")


def serve(public_port: int, admin_port: int, log_dir: Path) -> int:
    from dasnez_core.db import session_scope
    from dasnez_core.seed import seed_demo

    apps: list[Supervised] = []
    jobs_stop = threading.Event()
    # Each app admits only its own address as a browser origin (websocket, CORS): unless the
    # operator configured the addresses, they are the local ones this command serves (the
    # reminders sent from here link to the public one too).
    for name, port in (("DASNEZ_PUBLIC_URL", public_port), ("DASNEZ_ADMIN_URL", admin_port)):
        if not os.environ.get(name):
            os.environ[name] = f"http://localhost:{port}"
    # Ctrl-C (SIGINT) and SIGTERM both stop the apps, even if the caller ignored SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for spec, port in ((APPS["public"], public_port), (APPS["admin"], admin_port)):
            apps.append(Supervised(spec, port, log_dir / f"{spec.kind}.log"))
        for app in apps:
            wait_ready(app.proc, app.port, app.log_path)
        with session_scope() as db:
            logins = seed_demo(db)
        print()
        print(
            f"  Public app:    http://localhost:{public_port}/   "
            f"(demo Kommune: http://localhost:{public_port}/k/delbrueck)"
        )
        print(f"  Admin portal:  http://localhost:{admin_port}/")
        print(f"  Logs:          {log_dir}/public.log, {log_dir}/admin.log")
        print()
        print(f"  Demo logins (password for all: {logins[0].password}):")
        for login in logins:
            print(f"    {login.kommune:<16} {login.role:<20} {login.email}")
        print()
        from dasnez_core.config import load_settings

        mail = load_settings()
        if not mail.smtp_host:
            print(f"  Mails (no SMTP configured) go to {mail.outbox_dir}/ as .eml files:")
            print(f"    ls {mail.outbox_dir}   and   cat {mail.outbox_dir}/<file>.eml")
            print()
        jobs_thread = _start_jobs(jobs_stop, log_dir / "jobs.log")
        if jobs_thread is not None:
            print("  Scheduled jobs (mail sender, reminders, digests, cleanup, retention) run")
            print(f"  here (log: {log_dir}/jobs.log; `python -m dasnez_core.cli jobs` shows them).")
            print()
        print("  Press Ctrl-C to stop both apps.", flush=True)
        while True:
            # An app that exits is started again (with a backoff); the other keeps running.
            for app in apps:
                app.check()
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nStopping both apps …", flush=True)
        return 0
    finally:
        jobs_stop.set()
        stop([app.proc for app in apps])


def _start_jobs(stop_event: threading.Event, log_path: Path) -> threading.Thread | None:
    """The scheduled jobs (dasnez_core.jobs) on a thread of the supervisor, unless
    DASNEZ_RUN_JOBS is off (production runs `cli worker` instead; running both is safe).
    Their JSON log lines go to `log_path`, not into the terminal that shows the URLs."""
    import logging

    from dasnez_core.config import load_settings
    from dasnez_core.jobs import work
    from dasnez_core.logs import JsonFormatter

    if not load_settings().run_jobs:
        return None
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log_path)
    handler.setFormatter(JsonFormatter())
    for name in ("dasnez", "dasnez_core"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    thread = threading.Thread(target=work, args=(stop_event,), name="dasnez-jobs", daemon=True)
    thread.start()
    return thread


def main() -> int:
    from dasnez_core.config import load_settings

    settings = load_settings()
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["serve", "public", "admin"])
    parser.add_argument("--public-port", type=int, default=settings.public_port)
    parser.add_argument("--admin-port", type=int, default=settings.admin_port)
    parser.add_argument("--log-dir", type=Path, default=ROOT / "var" / "log")
    args = parser.parse_args()
    if args.command in APPS:
        # One app in the foreground, logging to stdout: production's systemd unit per app.
        run_one(args.command, args.public_port if args.command == "public" else args.admin_port)
    return serve(args.public_port, args.admin_port, args.log_dir)


if __name__ == "__main__":
    sys.exit(main())
