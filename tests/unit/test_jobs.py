"""Scheduled jobs: one table with intervals; a job runs once per interval even with two
runners at once; a failing job is recorded and does not stop the others."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from dasnez_core import jobs
from dasnez_core.models import utcnow
from dasnez_core.models.operations import ScheduledJob


def _row(db: Session, name: str) -> ScheduledJob:
    db.expire_all()
    row = db.get(ScheduledJob, name)
    assert row is not None
    return row


def test_every_job_gets_a_row_with_its_interval_and_runs_when_due(db: Session) -> None:
    runs = jobs.run_due()
    assert {run.name for run in runs} == set(jobs.JOBS_BY_NAME)
    assert all(run.ok for run in runs), runs
    rows = {row.name: row for row in db.exec(select(ScheduledJob)).all()}
    assert rows["mail_sender"].interval_seconds == 60
    assert rows["retention"].interval_seconds == 86400
    assert rows["expiry_reminders"].last_outcome.startswith("ok: 0")
    assert rows["retention"].next_run_at > utcnow() + timedelta(hours=23)
    # Nothing is due again at once.
    assert jobs.run_due() == []


def test_a_job_switched_off_in_the_table_does_not_run(db: Session) -> None:
    jobs.run_due()
    row = _row(db, "mail_sender")
    row.enabled, row.next_run_at = False, utcnow() - timedelta(minutes=5)
    db.add(row)
    db.commit()
    assert jobs.run_due(only="mail_sender") == []


def test_two_runners_at_once_run_each_job_once(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    gate = threading.Barrier(2, timeout=10)

    def slow(_db: Session) -> int:
        calls.append(threading.current_thread().name)
        return 1

    job = jobs.Job("mail_sender", timedelta(minutes=1), slow, "calls")
    monkeypatch.setattr(jobs, "JOBS", (job,))
    results: list[list[jobs.JobRun]] = []

    def runner() -> None:
        gate.wait()
        results.append(jobs.run_due())

    threads = [threading.Thread(target=runner, name=f"r{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(calls) == 1, calls
    assert sorted(len(r) for r in results) == [0, 1]


def test_a_held_lock_blocks_until_its_lease_runs_out(db: Session) -> None:
    jobs.run_due()
    row = _row(db, "mail_sender")
    row.next_run_at = utcnow() - timedelta(minutes=1)
    row.locked_until, row.locked_by = utcnow() + timedelta(minutes=5), "other-host:1:1"
    db.add(row)
    db.commit()
    assert jobs.run_due(only="mail_sender") == []
    # The other runner died: once its lease is over, the job runs here.
    assert [
        r.name for r in jobs.run_due(only="mail_sender", now=utcnow() + timedelta(minutes=6))
    ] == ["mail_sender"]
    assert _row(db, "mail_sender").locked_until is None


def test_a_failing_job_is_recorded_and_the_others_still_run(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: Session) -> int:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(
        jobs,
        "JOBS",
        (
            jobs.Job("expiry_reminders", timedelta(hours=1), broken, "x"),
            jobs.JOBS_BY_NAME["mail_sender"],
        ),
    )
    runs = {run.name: run for run in jobs.run_due()}
    assert runs["expiry_reminders"].ok is False and runs["mail_sender"].ok is True
    row = _row(db, "expiry_reminders")
    assert row.last_outcome == "error: RuntimeError" and row.locked_until is None
    assert row.next_run_at > utcnow() + timedelta(minutes=50)


def test_the_worker_loop_stops_when_told(db: Session) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=jobs.work, args=(stop, 0.05))
    thread.start()
    stop.set()
    thread.join(30)
    assert not thread.is_alive()
    assert _row(db, "mail_sender").runs >= 1


def test_cli_run_job_runs_one_job_now(db: Session, capsys: pytest.CaptureFixture[str]) -> None:
    from dasnez_core.cli import main

    assert main(["run-job", "session_cleanup"]) == 0
    assert "session_cleanup: ok" in capsys.readouterr().out
    assert main(["run-job", "no_such_job"]) == 2
