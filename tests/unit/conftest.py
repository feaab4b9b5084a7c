"""Unit tests run the services against a real, migrated database (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlmodel import Session, SQLModel

from dasnez_core.cli import migrate
from dasnez_core.db import get_engine
from tests.utils.databases import fresh_database


@pytest.fixture(scope="session", autouse=True)
def database_url() -> Iterator[str]:
    with fresh_database() as url:
        os.environ["DASNEZ_DATABASE_URL"] = url
        # The process's master-data copies are re-checked only when a commit here changes
        # them (or a test clears them), never because a slow test took a second: statement
        # counts stay exact. Tests of the re-check build their own cache with a clock.
        os.environ["DASNEZ_MASTERDATA_TTL"] = "3600"
        migrate(url)
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[Session]:
    """A session on the test database; every row is deleted after the test."""
    engine = get_engine()
    with Session(engine, expire_on_commit=False) as session:
        yield session
        session.rollback()
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """Each test starts with empty throttle counters (memory storage in tests)."""
    from dasnez_core.throttle import throttle

    throttle().clear_all()
    yield


@pytest.fixture(autouse=True)
def _fresh_master_data() -> Iterator[None]:
    """Each test starts without cached master data: SQLite gives a new Kommune a freed id."""
    from dasnez_core.services.masterdata_cache import process_cache

    process_cache().clear()
    assert process_cache().ttl == 3600
    yield


@pytest.fixture(autouse=True)
def _mail_hand_over_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A committed action's SMTP mails are attempted at once, not on a background thread,
    so a test reads its inbox right after the action (the apps never wait for SMTP)."""
    monkeypatch.setattr("dasnez_core.mail.dispatch", lambda work: work())
