"""The restore drill, on whichever database the suite runs on: seed the demo, back up,
wipe, restore; every table has its rows again and a demo login works. Rotation keeps the
newest backups only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel, func, select

from dasnez_core.backup import BackupError, backup, backups, restore, rotate, tools_present
from dasnez_core.cli import migrate
from dasnez_core.db import make_engine
from dasnez_core.seed import DEMO_PASSWORD, seed_demo
from dasnez_core.services import auth
from tests.utils.databases import backend, fresh_database


@pytest.fixture
def drill_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database of its own (the drill wipes it), seeded with the demo Kommunen."""
    with fresh_database() as url:
        migrate(url)
        monkeypatch.setenv("DASNEZ_DATABASE_URL", url)
        yield url
    from dasnez_core.db import _engine_for

    _engine_for.cache_clear()


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with Session(engine) as db:
        counts = {
            table.name: int(db.exec(select(func.count()).select_from(table)).one())
            for table in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return counts


def _wipe(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink()
        for suffix in ("-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.mark.skipif(
    backend() == "postgres" and not tools_present() and not os.environ.get("CI"),
    reason="pg_dump/pg_restore not installed (the test command installs postgresql-client)",
)
def test_backup_wipe_restore_brings_back_every_row_and_the_demo_login(
    drill_db: str, tmp_path: Path
) -> None:
    from dasnez_core.db import _engine_for, get_engine

    with Session(get_engine()) as db:
        logins = seed_demo(db)
    before = _counts(drill_db)
    assert before["user"] > 0 and before["listing"] > 0
    result = backup(url=drill_db, directory=tmp_path, keep=3)
    assert result.bytes > 0 and result.path.stat().st_mode & 0o077 == 0

    _engine_for.cache_clear()
    get_engine().dispose()
    _wipe(drill_db)
    restore(result.path, url=drill_db)
    migrate(drill_db)
    _engine_for.cache_clear()

    assert _counts(drill_db) == before
    with Session(get_engine()) as db:
        done = auth.login(db, email=logins[0].email, password=DEMO_PASSWORD, app=auth.ADMIN_APP)
        db.commit()
    assert done.token
    get_engine().dispose()


def test_rotation_keeps_the_newest(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"dasnez-2026120{n}-000000-000000.sqlite3").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("kept")
    removed = rotate(tmp_path, 2)
    assert len(removed) == 3
    assert [p.name[:15] for p in backups(tmp_path)] == ["dasnez-20261203", "dasnez-20261204"]
    assert (tmp_path / "notes.txt").exists()


def test_restoring_the_wrong_kind_of_file_is_refused(drill_db: str, tmp_path: Path) -> None:
    wrong = tmp_path / ("dasnez-x.dump" if drill_db.startswith("sqlite") else "dasnez-x.sqlite3")
    wrong.write_bytes(b"x")
    with pytest.raises(BackupError):
        restore(wrong, url=drill_db)
    with pytest.raises(BackupError):
        restore(tmp_path / "missing.sqlite3", url=drill_db)
