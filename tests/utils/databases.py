"""Fresh, migrated test databases on SQLite or PostgreSQL (chosen by DASNEZ_TEST_DB)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def backend() -> str:
    return os.environ.get("DASNEZ_TEST_DB", "sqlite")


@contextmanager
def fresh_database() -> Iterator[str]:
    """Yield the URL of a new empty database and drop it afterwards."""
    if backend() == "postgres":
        admin_url = os.environ.get(
            "DASNEZ_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        )
        name = f"dasnez_test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        try:
            yield url
        finally:
            from dasnez_core.db import _engine_for

            _engine_for.cache_clear()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        with tempfile.TemporaryDirectory(prefix="dasnez-test-") as tmp:
            yield f"sqlite:///{Path(tmp) / 'test.db'}"
