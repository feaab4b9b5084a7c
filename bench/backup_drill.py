"""The restore drill at a realistic size, with figures (not a test; the unit test
`tests/unit/test_backup.py` checks the same at demo size).

Fills a throw-away database with the demo Kommunen and a big Kommune of N listings (the
search benchmark's data), backs it up with `cli backup`'s code, wipes it, restores it, and
checks that every table has its rows again and a demo login works. Prints the size of the
database and the backup, and the time of backup and restore.

    python bench/backup_drill.py                      # SQLite in a temp dir, 50 000 listings
    python bench/backup_drill.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from search_bench import database, populate
from sqlalchemy import text
from sqlmodel import Session, SQLModel, func, select

from dasnez_core.backup import backup, restore
from dasnez_core.cli import migrate
from dasnez_core.db import make_engine
from dasnez_core.seed import DEMO_PASSWORD, seed_demo
from dasnez_core.services import auth


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with Session(engine) as db:
        found = {
            t.name: int(db.exec(select(func.count()).select_from(t)).one())
            for t in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return found


def size_of(url: str) -> int:
    if url.startswith("sqlite"):
        return Path(url.removeprefix("sqlite:///")).stat().st_size
    engine = make_engine(url)
    with engine.connect() as conn:
        size = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
    engine.dispose()
    return size


def wipe(url: str) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        return
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    args = parser.parse_args()
    with database(args.postgres) as url, tempfile.TemporaryDirectory() as folder:
        migrate(url)
        engine = make_engine(url)
        populate(engine, args.listings)
        with Session(engine) as db:
            logins = seed_demo(db)
        engine.dispose()
        before = counts(url)
        db_size = size_of(url)
        started = time.perf_counter()
        result = backup(url=url, directory=Path(folder), keep=3)
        backup_s = time.perf_counter() - started
        wipe(url)
        started = time.perf_counter()
        restore(result.path, url=url)
        migrate(url)
        restore_s = time.perf_counter() - started
        after = counts(url)
        differ = {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
        assert not differ, differ
        engine = make_engine(url)
        with Session(engine) as db:
            assert auth.login(
                db, email=logins[0].email, password=DEMO_PASSWORD, app=auth.ADMIN_APP
            ).token
        engine.dispose()
        kind = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"{kind}: {before['listing']} listings, {before['user']} people, "
            f"{sum(before.values())} rows in {len(before)} tables; database {db_size / 1e6:.1f} MB"
        )
        print(
            f"  backup {result.bytes / 1e6:.1f} MB in {backup_s:.2f} s; wipe + restore + migrate "
            f"in {restore_s:.2f} s; row counts match, demo login works"
        )


if __name__ == "__main__":
    main()
