"""Command line for operators: `python -m dasnez_core.cli <command>`.

migrate, seed; worker (runs the scheduled jobs, dasnez_core.jobs), jobs (their state),
run-job NAME (one job now); backup, restore [FILE]; remind, cleanup, alerts, retention,
interest-cleanup (one job's work at once, as before the job table).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from dasnez_core.config import PROJECT_ROOT, load_settings
from dasnez_core.db import session_scope


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    cfg.attributes["url"] = url or load_settings().database_url
    return cfg


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


def seed() -> None:
    from dasnez_core.seed import seed_demo

    with session_scope() as db:
        logins = seed_demo(db)
    print("Demo logins (password for all: {}):".format(logins[0].password if logins else "-"))
    for login in logins:
        print(f"  {login.kommune:<16} {login.role:<20} {login.email}")


def remind() -> int:
    """Mail the authors of listings that expire soon (run it hourly, e.g. from cron)."""
    from dasnez_core.services.listings import send_expiry_reminders

    with session_scope() as db:
        return send_expiry_reminders(db)


def cleanup() -> int:
    """Delete registrations whose address was not confirmed within seven days (run hourly)."""
    from dasnez_core.services.registration import delete_unconfirmed

    with session_scope() as db:
        return delete_unconfirmed(db)


def alerts() -> int:
    """Mail the new matches of saved searches that are due (run it hourly, e.g. from cron)."""
    from dasnez_core.services.saved_searches import send_alerts

    with session_scope() as db:
        return send_alerts(db)


def interest_cleanup() -> int:
    """Delete interest sign-ups older than 12 months, unconfirmed ones after 7 days (daily)."""
    from dasnez_core.services.interest import delete_expired_signups

    with session_scope() as db:
        return delete_expired_signups(db)


def worker(once: bool = False) -> int:
    """Run the scheduled jobs until stopped (SIGTERM / Ctrl-C); any number of workers may
    run at once, each job still runs once per interval (its row is its lock)."""
    import signal
    import threading

    from dasnez_core import jobs
    from dasnez_core.logs import configure_logging

    configure_logging()
    if once:
        for run in jobs.run_due():
            print(f"{run.name}: {'ok' if run.ok else 'failed'}, {run.count} ({run.seconds:.2f} s)")
        return 0
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        jobs.work(stop)
    return 0


def show_jobs() -> int:
    from dasnez_core import jobs

    with session_scope() as db:
        jobs.ensure_rows(db)
        rows = jobs.status(db)
    print(f"{'job':<22} {'every':>8}  {'next run (UTC)':<20} {'runs':>5}  last outcome")
    for row in rows:
        every = f"{row.interval_seconds // 60} min" if row.enabled else "off"
        print(
            f"{row.name:<22} {every:>8}  {row.next_run_at:%Y-%m-%d %H:%M:%S} "
            f"{row.runs:>5}  {row.last_outcome}"
        )
    return 0


def run_job(name: str) -> int:
    from dasnez_core import jobs

    if name not in jobs.JOBS_BY_NAME:
        print(f"unknown job {name!r}; jobs: {', '.join(jobs.JOBS_BY_NAME)}", file=sys.stderr)
        return 2
    runs = jobs.run_due(only=name, force=True)
    if not runs:
        print(f"{name} is running elsewhere right now (or switched off).", file=sys.stderr)
        return 1
    [run] = runs
    print(f"{run.name}: {'ok' if run.ok else 'failed'}, {run.count} ({run.seconds:.2f} s)")
    return 0 if run.ok else 1


def backup_now() -> int:
    import time

    from dasnez_core.backup import backup

    started = time.monotonic()
    result = backup()
    print(
        f"Backup written: {result.path} ({result.bytes / 1e6:.1f} MB, "
        f"{time.monotonic() - started:.1f} s); {len(result.removed)} old backups removed."
    )
    return 0


def restore_from(path: str | None) -> int:
    from dasnez_core.backup import latest, restore

    chosen = Path(path) if path else latest()
    if chosen is None:
        print("No backup found.", file=sys.stderr)
        return 1
    restore(chosen)
    migrate()
    print(f"Restored {chosen}; the database is up to date.")
    return 0


def retention() -> int:
    from dasnez_core.services.retention import apply_retention

    with session_scope() as db:
        return apply_retention(db).total


COMMANDS = [
    "migrate",
    "seed",
    "remind",
    "cleanup",
    "alerts",
    "retention",
    "interest-cleanup",
    "worker",
    "jobs",
    "run-job",
    "backup",
    "restore",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dasnez")
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("argument", nargs="?", help="run-job: the job; restore: the file")
    parser.add_argument("--once", action="store_true", help="worker: run the due jobs once")
    args = parser.parse_args(argv)
    if args.command == "worker":
        return worker(args.once)
    if args.command == "jobs":
        return show_jobs()
    if args.command == "run-job":
        return run_job(args.argument or "")
    if args.command == "backup":
        return backup_now()
    if args.command == "restore":
        return restore_from(args.argument)
    if args.command == "retention":
        print(f"{retention()} records deleted, anonymised or warned.")
        return 0
    if args.command == "migrate":
        url = load_settings().database_url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        migrate(url)
        print("Database is up to date.")
    elif args.command == "remind":
        print(f"{remind()} expiry reminders sent.")
    elif args.command == "cleanup":
        print(f"{cleanup()} unconfirmed registrations deleted.")
    elif args.command == "alerts":
        print(f"{alerts()} saved-search mails sent.")
    elif args.command == "interest-cleanup":
        print(f"{interest_cleanup()} interest sign-ups deleted.")
    else:
        seed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
