"""Two admins approving the same person at the same moment, many times (not a test).

Reproduces finding 3 of issue 16: each try makes a pending person, then two threads, each
with its own database connection, wait at a barrier and call `approve_user` together. It
prints how many tries made more than one audit event or mail, how often the loser was told
who won, and the time a call took (p50/p95 ms). Before the row lock every try could make
two approvals; now every try must make exactly one.

    python bench/race_bench.py                  # SQLite in a temp dir
    python bench/race_bench.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    python bench/race_bench.py --tries 50
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from typing import Any

from sqlmodel import Session, col, func, select

from dasnez_core.cli import migrate
from dasnez_core.db import get_engine
from dasnez_core.errors import DomainError
from dasnez_core.mail import Mail
from dasnez_core.models import AuditEvent, Kommune, Role, RoleGrant, User, UserStatus, id_of
from dasnez_core.services.approval import approve_user
from dasnez_core.services.sessions import actor_for
from dasnez_core.services.transitions import AlreadyDone
from tests.utils.databases import fresh_database


def _setup(db: Session) -> tuple[int, list[Any]]:
    kommune = Kommune(slug="delbrueck", name="Delbrück")
    db.add(kommune)
    db.flush()
    admins = []
    for name in ("Anna Amt", "Bernd Behörde"):
        user = User(
            email=f"{name.split()[0].lower()}@rathaus.example",
            password_hash="x",
            display_name=name,
            kommune_id=id_of(kommune),
            status=UserStatus.APPROVED,
        )
        db.add(user)
        db.flush()
        db.add(RoleGrant(user_id=id_of(user), role=Role.KOMMUNE_ADMIN, kommune_id=kommune.id))
        db.flush()
        admins.append(actor_for(db, user))
    db.commit()
    return id_of(kommune), admins


def _pending(db: Session, kommune_id: int, n: int) -> int:
    user = User(
        email=f"neu{n}@example.org",
        password_hash="x",
        display_name=f"Person {n}",
        kommune_id=kommune_id,
        status=UserStatus.PENDING,
    )
    db.add(user)
    db.commit()
    return id_of(user)


def run(tries: int) -> None:
    import dasnez_core.mail as mail

    sent: list[Mail] = []
    lock = threading.Lock()

    def deliver(m: Mail) -> None:
        with lock:
            sent.append(m)

    mail.deliver = deliver  # count mails instead of sending them
    engine = get_engine()
    with Session(engine, expire_on_commit=False) as db:
        kommune_id, admins = _setup(db)
        doubled = told = 0
        timings: list[float] = []
        for n in range(tries):
            person = _pending(db, kommune_id, n)
            barrier = threading.Barrier(2)
            outcomes: list[object] = []

            def click(
                actor: Any, person: int = person, barrier: Any = barrier, outcomes: list = outcomes
            ) -> None:
                with Session(engine, expire_on_commit=False) as own:
                    barrier.wait()
                    start = time.perf_counter()
                    try:
                        approve_user(own, actor, kommune_id, person)
                        own.commit()
                        outcome: object = "approved"
                    except DomainError as exc:
                        own.rollback()
                        outcome = exc
                    with lock:
                        timings.append((time.perf_counter() - start) * 1000)
                        outcomes.append(outcome)

            threads = [threading.Thread(target=click, args=(a,)) for a in admins]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            events = db.exec(
                select(func.count())
                .select_from(AuditEvent)
                .where(col(AuditEvent.target_id) == person, AuditEvent.action == "approve_user")
            ).one()
            doubled += int(events != 1)
            told += sum(isinstance(o, AlreadyDone) for o in outcomes)
    mails = len(sent)
    print(f"database: {engine.dialect.name}")
    print(f"tries: {tries}")
    print(f"tries with other than one audit event: {doubled}")
    print(f"mails: {mails} (one per try expected)")
    print(f"losers told who won: {told} of {tries}")
    p95 = statistics.quantiles(timings, n=20)[18] if len(timings) >= 20 else max(timings)
    print(f"approve_user ms (both callers): p50 {statistics.median(timings):.1f}, p95 {p95:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="PostgreSQL admin URL (else SQLite)")
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    if args.postgres:
        os.environ["DASNEZ_TEST_DB"] = "postgres"
        os.environ["DASNEZ_TEST_POSTGRES_URL"] = args.postgres
    else:
        os.environ["DASNEZ_TEST_DB"] = "sqlite"
    with fresh_database() as url:
        os.environ["DASNEZ_DATABASE_URL"] = url
        migrate(url)
        run(args.tries)


if __name__ == "__main__":
    main()
