"""The platform as production runs it, started once for the fault tests: a throw-away
PostgreSQL cluster, a Redis of its own, and both apps with two workers each under the run
command's supervisor (`scripts/apps.py serve`), with citizens publishing in a loop.

The apps' logs are kept in var/log/fault/ afterwards.

Ports: DASNEZ_FAULT_PORT_BASE (default 3422) and the next one for the apps, DASNEZ_FAULT_PG_PORT
(5499) and DASNEZ_FAULT_REDIS_PORT (6499). Without PostgreSQL server binaries the tests are
skipped, except under CI=true, where that is a failure."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import select

from scripts.apps import ROOT
from tests.fault.load import Citizen, Ledger, Prober
from tests.fault.processes import Cluster, Redis, answers, postgres_bin_dir, wait_until

CITIZENS = 6
SLUG = "delbrueck"


@dataclass
class Platform:
    public: str
    admin: str
    public_port: int
    admin_port: int
    serve: subprocess.Popen[bytes]
    cluster: Cluster
    redis: Redis
    logs: Path
    cookies: list[str]
    form: dict[str, str]
    run_id: str
    figures: dict[str, str] = field(default_factory=dict)


@dataclass
class Load:
    ledger: Ledger
    citizens: list[Citizen]
    admin_prober: Prober
    public_prober: Prober
    stop: threading.Event


def _citizens_and_form(count: int, run_id: str) -> tuple[list[str], dict[str, str]]:
    """Approved citizens of the demo Kommune with a live public session each (their cookie
    headers), and the form fields every listing shares."""
    from dasnez_core.db import session_scope
    from dasnez_core.models import Area, Category, Kommune
    from dasnez_core.services import consent
    from dasnez_core.services.sessions import PUBLIC_APP, actor_for, create_session
    from dasnez_ui.session_http import cookie_name
    from tests import factories

    cookies = []
    with session_scope() as db:
        k = db.exec(select(Kommune).where(Kommune.slug == SLUG)).one()
        area = db.exec(select(Area).where(Area.kommune_id == k.id)).first()
        category = db.exec(
            select(Category).where(Category.kommune_id == k.id, Category.name == "Fahrdienste")
        ).one()
        for i in range(count):
            u = factories.user(db, k, f"fault-{run_id}-{i}@example.org", name=f"Fahrerin {i}")
            due = consent.due_consents(db, u)
            if due:
                versions = {d.document: d.version for d in due}
                consent.accept_current(
                    db,
                    actor_for(db, u),
                    privacy_version=versions.get("privacy", ""),
                    terms_version=versions.get("terms", ""),
                    accept_privacy="privacy" in versions,
                    accept_terms="terms" in versions,
                )
            assert u.id is not None
            token = create_session(db, u.id, PUBLIC_APP)
            cookies.append(f"{cookie_name(PUBLIC_APP, secure=False)}={token}")
    assert area is not None
    form = {"kind": "offer", "category_id": str(category.id), "area_id": str(area.id)}
    return cookies, form


@pytest.fixture(scope="module")
def platform() -> Iterator[Platform]:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb, pg_ctl) missing"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{message}: CI must run the fault tests")
        pytest.skip(f"{message}: fault tests skipped (CI installs them and runs these)")
    base = int(os.environ.get("DASNEZ_FAULT_PORT_BASE", "3422"))
    public_port, admin_port = base, base + 1
    workdir = Path(tempfile.mkdtemp(prefix="dasnez-fault-"))
    # A directory of its own: as root, the cluster's files belong to the postgres user.
    pg_dir = Path(tempfile.mkdtemp(prefix="dasnez-fault-pg-"))
    cluster = Cluster(bin_dir, pg_dir / "data", int(os.environ.get("DASNEZ_FAULT_PG_PORT", "5499")))
    redis = Redis(int(os.environ.get("DASNEZ_FAULT_REDIS_PORT", "6499")))
    serve: subprocess.Popen[bytes] | None = None
    saved_url = os.environ.get("DASNEZ_DATABASE_URL")
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        from dasnez_core.cli import migrate
        from dasnez_core.db import session_scope
        from dasnez_core.seed import seed_demo

        os.environ["DASNEZ_DATABASE_URL"] = cluster.url
        migrate(cluster.url)
        with session_scope() as db:
            seed_demo(db)
        run_id = uuid.uuid4().hex[:6]
        cookies, form = _citizens_and_form(CITIZENS, run_id)
        redis.start(workdir)
        logs = workdir / "logs"
        env = {
            **os.environ,
            "DASNEZ_DATABASE_URL": cluster.url,
            "REFLEX_REDIS_URL": redis.url,
            "DASNEZ_THROTTLE_STORAGE": f"redis://127.0.0.1:{redis.port}/2",
            "GRANIAN_WORKERS": "2",
            "DASNEZ_SMTP_HOST": "",
            "DASNEZ_OUTBOX_DIR": str(workdir / "outbox"),
            "DASNEZ_UPLOAD_DIR": str(workdir / "uploads"),
            "DASNEZ_PUBLIC_URL": f"http://localhost:{public_port}",
            "DASNEZ_ADMIN_URL": f"http://localhost:{admin_port}",
        }
        logs.mkdir()
        serve = subprocess.Popen(
            [
                sys.executable,
                "scripts/apps.py",
                "serve",
                "--public-port",
                str(public_port),
                "--admin-port",
                str(admin_port),
                "--log-dir",
                str(logs),
            ],
            cwd=ROOT,
            env=env,
            stdout=(logs / "serve.out").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        public, admin = f"http://127.0.0.1:{public_port}", f"http://127.0.0.1:{admin_port}"
        started = wait_until(
            lambda: (
                (serve.poll() is not None)
                or (answers(f"{public}/") and answers(f"{admin}/") and _printed_ready(logs))
            ),
            timeout=900,
            what="both apps ready",
        )
        assert serve.poll() is None, (logs / "serve.out").read_text()[-3000:]
        plat = Platform(
            public, admin, public_port, admin_port, serve, cluster, redis, logs, cookies, form,
            run_id,
        )  # fmt: skip
        plat.figures["start of both apps (build included)"] = f"{started:.1f} s"
        yield plat
    finally:
        if serve is not None and serve.poll() is None:
            os.killpg(serve.pid, signal.SIGINT)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
        redis.stop()
        if (cluster.data_dir / "postmaster.pid").exists():
            cluster.stop()
        if saved_url is None:
            os.environ.pop("DASNEZ_DATABASE_URL", None)
        else:
            os.environ["DASNEZ_DATABASE_URL"] = saved_url
        # The apps' logs outlive the run (var/ is not versioned), for a failure's cause.
        kept = ROOT / "var" / "log" / "fault"
        shutil.rmtree(kept, ignore_errors=True)
        if (workdir / "logs").exists():
            shutil.copytree(workdir / "logs", kept)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(pg_dir, ignore_errors=True)


def _printed_ready(logs: Path) -> bool:
    out = logs / "serve.out"
    return out.exists() and "Press Ctrl-C" in out.read_text(errors="replace")


@pytest.fixture(scope="module")
def load(platform: Platform) -> Iterator[Load]:
    """The citizens publishing, and probes of both apps, for the whole module."""
    from dasnez_app.pages.new_listing import NewListingState

    stop = threading.Event()
    ledger = Ledger()
    citizens = [
        Citizen(
            i,
            platform.public,
            cookie,
            NewListingState.get_full_name(),
            SLUG,
            platform.form,
            ledger,
            platform.run_id,
            stop,
        )
        for i, cookie in enumerate(platform.cookies)
    ]
    admin_prober = Prober(platform.admin, stop)
    public_prober = Prober(platform.public, stop)
    for thread in (*citizens, admin_prober, public_prober):
        thread.start()
    yield Load(ledger, citizens, admin_prober, public_prober, stop)
    stop.set()
    for thread in (*citizens, admin_prober, public_prober):
        thread.join(timeout=30)
