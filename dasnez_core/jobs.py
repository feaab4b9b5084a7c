"""Every scheduled job in one place, and the runner that runs the due ones.

Each job has a row in `scheduled_job` with its interval (the code's default on first
sight; an operator may change `interval_seconds` or switch `enabled` off in the table).
The row is the job's lock as well: a runner claims it with one conditional UPDATE
(`locked_until` in the past, `next_run_at` reached), so with two workers, or a worker and
the run command, every run happens exactly once; a runner that dies leaves a lock that
runs out after the job's lease. The run command runs the jobs beside both apps
(`scripts/apps.py serve`); production runs `python -m dasnez_core.cli worker`.

Jobs log what they did as counts, never contents.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dasnez_core.db import get_engine, session_scope
from dasnez_core.models import utcnow
from dasnez_core.models.operations import ScheduledJob

log = logging.getLogger("dasnez.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    interval: timedelta
    # Runs in one transaction (committed by the runner); returns a count for the log.
    run: Callable[[Session], int]
    # What the count counts (for the log line and `cli jobs`).
    counts: str
    # How long a claim holds before another runner may take the job over.
    lease: timedelta = timedelta(minutes=15)


def _mail_sender(db: Session) -> int:
    from dasnez_core.mail import send_due

    return send_due(db)


def _expiry_reminders(db: Session) -> int:
    from dasnez_core.services.listings import send_expiry_reminders

    return send_expiry_reminders(db)


def _saved_search_alerts(db: Session) -> int:
    from dasnez_core.services.saved_searches import send_alerts

    return send_alerts(db)


def _delete_unconfirmed(db: Session) -> int:
    from dasnez_core.services.registration import delete_unconfirmed

    return delete_unconfirmed(db)


def _session_cleanup(db: Session) -> int:
    from dasnez_core.services.housekeeping import delete_ended_sessions, delete_old_states

    return delete_ended_sessions(db) + delete_old_states()


def _admin_digests(db: Session) -> int:
    from dasnez_core.services.digests import send_digests

    return send_digests(db)


def _retention(db: Session) -> int:
    from dasnez_core.services.retention import apply_retention

    return apply_retention(db).total


def _interest_cleanup(db: Session) -> int:
    from dasnez_core.services.interest import delete_expired_signups

    return delete_expired_signups(db)


JOBS: tuple[Job, ...] = (
    Job("mail_sender", timedelta(minutes=1), _mail_sender, "mails sent", timedelta(minutes=30)),
    Job("expiry_reminders", timedelta(hours=1), _expiry_reminders, "reminders queued"),
    Job("saved_search_alerts", timedelta(hours=1), _saved_search_alerts, "alerts queued"),
    Job("delete_unconfirmed", timedelta(hours=1), _delete_unconfirmed, "registrations deleted"),
    Job("session_cleanup", timedelta(hours=1), _session_cleanup, "rows and files deleted"),
    Job("admin_digests", timedelta(hours=1), _admin_digests, "digests and reminders queued"),
    Job("retention", timedelta(days=1), _retention, "records deleted or anonymised"),
    Job("interest_cleanup", timedelta(days=1), _interest_cleanup, "interest sign-ups deleted"),
)
JOBS_BY_NAME = {job.name: job for job in JOBS}


@dataclass(frozen=True)
class JobRun:
    name: str
    ok: bool
    count: int
    seconds: float


def runner_id() -> str:
    """Who holds a claim: host, process and thread (shown in `cli jobs`)."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 100000}"[:80]


def ensure_rows(db: Session, *, now: datetime | None = None) -> None:
    """Give every job its row (due at once); rows of another runner are left alone."""
    known = set(db.exec(select(ScheduledJob.name)).all())
    for job in JOBS:
        if job.name in known:
            continue
        try:
            with db.begin_nested():
                db.add(
                    ScheduledJob(
                        name=job.name,
                        interval_seconds=int(job.interval.total_seconds()),
                        next_run_at=now or utcnow(),
                    )
                )
        except IntegrityError:
            pass  # another runner inserted it at the same moment
    db.commit()


def _claim(db: Session, job: Job, me: str, now: datetime) -> bool:
    result = db.execute(
        update(ScheduledJob)
        .where(
            col(ScheduledJob.name) == job.name,
            col(ScheduledJob.enabled),
            col(ScheduledJob.next_run_at) <= now,
            or_(col(ScheduledJob.locked_until).is_(None), col(ScheduledJob.locked_until) < now),
        )
        .values(locked_until=now + job.lease, locked_by=me, last_started_at=now)
    )
    db.commit()
    return bool(getattr(result, "rowcount", 0))


def _release(job: Job, me: str, outcome: str) -> None:
    finished = utcnow()
    with Session(get_engine()) as db:
        row = db.get(ScheduledJob, job.name)
        if row is None or row.locked_by != me:
            return  # the lease ran out and another runner took over
        row.locked_until = None
        row.last_finished_at = finished
        row.next_run_at = finished + timedelta(seconds=row.interval_seconds)
        row.last_outcome = outcome[:300]
        row.runs += 1
        db.add(row)
        db.commit()


def run_due(
    *, now: datetime | None = None, only: str | None = None, force: bool = False
) -> list[JobRun]:
    """Run each job that is due (or `only` that one; with `force` even if not due yet)
    and not claimed by another runner. A failing job is logged and tried again at its
    next interval; the other jobs still run."""
    me = runner_id()
    runs: list[JobRun] = []
    with Session(get_engine()) as db:
        ensure_rows(db, now=now)
    for job in JOBS:
        if only is not None and job.name != only:
            continue
        moment = now or utcnow()
        with Session(get_engine()) as db:
            if force:
                db.execute(
                    update(ScheduledJob)
                    .where(col(ScheduledJob.name) == job.name)
                    .values(next_run_at=moment)
                )
                db.commit()
            if not _claim(db, job, me, moment):
                continue
        started = time.monotonic()
        try:
            with session_scope() as db:
                count = job.run(db)
        except Exception as exc:  # one job's failure must not stop the others
            seconds = time.monotonic() - started
            log.exception("job failed", extra={"job": job.name, "seconds": round(seconds, 3)})
            _release(job, me, f"error: {type(exc).__name__}")
            runs.append(JobRun(job.name, False, 0, seconds))
            continue
        seconds = time.monotonic() - started
        log.info(
            "job finished",
            extra={
                "job": job.name,
                "count": count,
                "counts": job.counts,
                "seconds": round(seconds, 3),
            },
        )
        _release(job, me, f"ok: {count} {job.counts}")
        runs.append(JobRun(job.name, True, count, seconds))
    return runs


# Seconds between two looks at the job table.
POLL_SECONDS = 5.0


def work(stop: threading.Event | None = None, poll: float = POLL_SECONDS) -> None:
    """Run due jobs until `stop` is set (forever without one): the worker's loop. A
    database that is away is waited for, never a reason to end."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            run_due()
        except Exception:
            log.exception("job runner could not reach the database; trying again")
        stop.wait(poll)


def status(db: Session) -> list[ScheduledJob]:
    """The job rows, in the registry's order (for `cli jobs`)."""
    rows = {row.name: row for row in db.exec(select(ScheduledJob)).all()}
    return [rows[job.name] for job in JOBS if job.name in rows]
