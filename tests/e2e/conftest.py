"""Both apps, started once per test session exactly as the run command starts them
(prod mode, own build dirs), on a fresh migrated and seeded SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dasnez_core.cli import migrate
from dasnez_core.db import session_scope
from dasnez_core.seed import seed_demo
from scripts.apps import APPS, start, stop, wait_ready

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Apps:
    public: str
    admin: str
    outbox: Path  # the apps write their mails here, one .eml file each


@pytest.fixture(scope="session")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Apps]:
    tmp = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    os.environ["DASNEZ_DATABASE_URL"] = url
    migrate(url)
    with session_scope() as db:
        seed_demo(db)
    public_port = int(os.environ.get("DASNEZ_E2E_PUBLIC_PORT", "3100"))
    admin_port = int(os.environ.get("DASNEZ_E2E_ADMIN_PORT", "3101"))
    outbox = tmp / "outbox"
    extra = {
        "DASNEZ_DATABASE_URL": url,
        "DASNEZ_SMTP_HOST": "",  # always the outbox folder, whatever the shell has set
        "DASNEZ_OUTBOX_DIR": str(outbox),
        "DASNEZ_UPLOAD_DIR": str(tmp / "uploads"),
        "DASNEZ_PUBLIC_URL": f"http://localhost:{public_port}",
        "DASNEZ_ADMIN_URL": f"http://localhost:{admin_port}",
        # Tests write master data from this process and open a page at once: the apps
        # check the cached copy's version on every use instead of once a second.
        "DASNEZ_MASTERDATA_TTL": "0",
    }
    logs = {kind: Path(tmp / f"{kind}.log") for kind in APPS}
    procs = [
        start(APPS["public"], public_port, logs["public"], extra),
        start(APPS["admin"], admin_port, logs["admin"], extra),
    ]
    try:
        wait_ready(procs[0], public_port, logs["public"])
        wait_ready(procs[1], admin_port, logs["admin"])
        yield Apps(
            public=f"http://localhost:{public_port}",
            admin=f"http://localhost:{admin_port}",
            outbox=outbox,
        )
    finally:
        stop(procs)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Phone first: most citizens come on a phone."""
    return {**browser_context_args, "viewport": {"width": 360, "height": 800}, "locale": "de-DE"}
