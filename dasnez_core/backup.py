"""Backups of the database and their restore (`python -m dasnez_core.cli backup|restore`).

PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the apps run) and
`pg_restore --clean`. SQLite: SQLite's online backup API, page by page, also while the
apps write (WAL). Each backup is one file in DASNEZ_BACKUP_DIR named with its moment;
after each backup only the newest DASNEZ_BACKUP_KEEP files stay (rotation).

A restore replaces the database's whole content with the backup's: stop both apps and the
worker first, then run `cli migrate` (a no-op when the backup is current).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from dasnez_core.config import load_settings

PREFIX = "dasnez-"
SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".dump"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    removed: tuple[Path, ...]


class BackupError(RuntimeError):
    """pg_dump / pg_restore failed, or the file is not a backup of this kind of database."""


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_path(url: str) -> Path:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(path)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL for pg_dump / pg_restore (no SQLAlchemy driver, no password on the command
    line: it goes in PGPASSWORD, which no other user can read in the process list)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def backup(
    *, url: str | None = None, directory: Path | None = None, keep: int | None = None
) -> BackupResult:
    """Write one backup file and delete the oldest beyond `keep`."""
    settings = load_settings()
    url = url or settings.database_url
    directory = directory or settings.backup_dir
    keep = keep if keep is not None else settings.backup_keep
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    if _is_sqlite(url):
        target = directory / f"{PREFIX}{stamp}{SQLITE_SUFFIX}"
        source = sqlite3.connect(_sqlite_path(url))
        dest = sqlite3.connect(target)
        try:
            with dest:
                source.backup(dest)
        finally:
            dest.close()
            source.close()
    else:
        target = directory / f"{PREFIX}{stamp}{PG_SUFFIX}"
        plain, env = _libpq(url)
        done = subprocess.run(  # noqa: S603  (fixed argv)
            ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", plain],  # noqa: S607
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()[:500]}")
    os.chmod(target, 0o600)  # personal data: readable by the operator's account only
    return BackupResult(target, target.stat().st_size, rotate(directory, keep))


def backups(directory: Path) -> list[Path]:
    """The backup files in `directory`, oldest first."""
    return sorted(
        path
        for path in directory.glob(f"{PREFIX}*")
        if path.suffix in (SQLITE_SUFFIX, PG_SUFFIX) and path.is_file()
    )


def rotate(directory: Path, keep: int) -> tuple[Path, ...]:
    """Delete all but the newest `keep` backups (at least one always stays)."""
    files = backups(directory)
    doomed = files[: max(len(files) - max(keep, 1), 0)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return tuple(doomed)


def restore(path: Path, *, url: str | None = None) -> None:
    """Replace the database's content with the backup at `path` (apps stopped)."""
    url = url or load_settings().database_url
    if not path.is_file():
        raise BackupError(f"no such backup: {path}")
    if _is_sqlite(url):
        if path.suffix != SQLITE_SUFFIX:
            raise BackupError("this database is SQLite: restore a .sqlite3 backup")
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(path)
        dest = sqlite3.connect(target)
        try:
            with dest:
                # The backup API copies every page, replacing what the target held.
                source.backup(dest)
        finally:
            dest.close()
            source.close()
        return
    if path.suffix != PG_SUFFIX:
        raise BackupError("this database is PostgreSQL: restore a .dump backup")
    plain, env = _libpq(url)
    done = subprocess.run(  # noqa: S603  (fixed argv)
        [  # noqa: S607
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={plain}",
            str(path),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()[:500]}")


def latest(directory: Path | None = None) -> Path | None:
    found = backups(directory or load_settings().backup_dir)
    return found[-1] if found else None


def tools_present() -> bool:
    """Whether pg_dump and pg_restore are on PATH (PostgreSQL backups need them)."""
    return bool(shutil.which("pg_dump") and shutil.which("pg_restore"))
