"""Mail through the outbox table: written with the action, delivered after commit, retried
with backoff while the SMTP server is down (no action fails), failed after the last
attempt, and sent again by platform staff only."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from dasnez_core import mail
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.mail import MAX_ATTEMPTS, Mail, backoff, queue, send_due
from dasnez_core.models import AuditEvent, Role, UserStatus, utcnow
from dasnez_core.models.operations import MailOutbox, MailStatus
from dasnez_core.services.outbox import (
    PAGE_SIZE,
    list_outbox,
    outbox_counts,
    resend,
    resend_all,
)
from tests import factories as f
from tests.utils.smtp import free_port, smtp_server


@pytest.fixture
def dead_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """An SMTP server that is down: nothing listens on its port."""
    monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DASNEZ_SMTP_PORT", str(free_port()))


def _rows(db: Session) -> list[MailOutbox]:
    db.expire_all()
    return list(db.exec(select(MailOutbox).order_by(MailOutbox.id)).all())  # type: ignore[arg-type]


def test_the_mail_row_is_written_in_the_actions_transaction(
    db: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DASNEZ_SMTP_HOST", raising=False)
    monkeypatch.setenv("DASNEZ_OUTBOX_DIR", str(tmp_path))
    queue(db, Mail("erika@example.org", "Freischaltung", "Willkommen"))
    db.rollback()
    assert _rows(db) == [] and list(tmp_path.iterdir()) == []
    queue(db, Mail("erika@example.org", "Freischaltung", "Willkommen"))
    db.commit()
    [row] = _rows(db)
    assert row.status == MailStatus.SENT and row.attempts == 1 and row.sent_at is not None
    # Delivered: the text (maybe a one-time link) is not kept in the database.
    assert row.body == ""
    [file] = list(tmp_path.iterdir())
    assert "Willkommen" in file.read_text()


def test_a_savepoint_inside_the_action_neither_sends_early_nor_drops_the_mail(
    db: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A savepoint's commit or rollback (SQLAlchemy fires the session's commit and rollback
    events for it too) leaves the action's mails to the real commit: sending them at the
    savepoint would wait on the action's own write lock (SQLite) or send before it counts."""
    monkeypatch.delenv("DASNEZ_SMTP_HOST", raising=False)
    monkeypatch.setenv("DASNEZ_OUTBOX_DIR", str(tmp_path))
    f.kommune(db)
    queue(db, Mail("erika@example.org", "Neue Nachricht", "Vor dem Savepoint"))
    with db.begin_nested():
        f.kommune(db, slug="zweite")
    assert list(tmp_path.iterdir()) == []  # not yet: the action has not committed
    try:
        with db.begin_nested():
            f.kommune(db, slug="dritte")
            raise RuntimeError("the savepoint is rolled back")
    except RuntimeError:
        pass
    db.commit()
    [row] = _rows(db)
    assert row.status == MailStatus.SENT
    [file] = list(tmp_path.iterdir())
    assert "Vor dem Savepoint" in file.read_text()


def test_a_dead_smtp_server_fails_no_action_and_the_mail_waits(
    db: Session, dead_smtp: None
) -> None:
    k = f.kommune(db)
    queue(db, Mail("erika@example.org", "Hallo", "Text bleibt bis zum Versand"))
    db.commit()  # the action itself: committed, no exception
    assert k.id is not None
    [row] = _rows(db)
    assert row.status == MailStatus.PENDING and row.attempts == 1
    assert row.body == "Text bleibt bis zum Versand"
    assert row.last_error.startswith("ConnectionRefusedError")
    assert row.next_attempt_at > utcnow() + timedelta(seconds=50)
    # Not due yet: the sender leaves it alone.
    assert send_due(db) == 0 and _rows(db)[0].attempts == 1


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(7) == timedelta(hours=1) and backoff(30) == timedelta(hours=1)


def test_the_sender_retries_until_the_server_is_back(
    db: Session, dead_smtp: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue(db, Mail("erika@example.org", "Hallo", "Zweiter Versuch"))
    db.commit()
    later = utcnow() + timedelta(minutes=2)
    assert send_due(db, now=later) == 0
    [row] = _rows(db)
    assert row.attempts == 2 and row.status == MailStatus.PENDING
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        assert send_due(db, now=utcnow() + timedelta(minutes=10)) == 1
        [message] = inbox.to("erika@example.org")
        assert message["Subject"] == "Hallo"
    [row] = _rows(db)
    assert row.status == MailStatus.SENT and row.attempts == 3 and row.body == ""


def test_after_the_last_attempt_the_mail_has_failed_and_can_be_resent(
    db: Session, dead_smtp: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    k = f.kommune(db)
    staff = f.user(db, k, "plattform@example.org", roles=(Role.PLATFORM_ADMIN,))
    queue(db, Mail("erika@example.org", "Hallo", "Text"))
    db.commit()
    moment = utcnow()
    for _ in range(MAX_ATTEMPTS):
        moment += timedelta(hours=2)
        send_due(db, now=moment)
    [row] = _rows(db)
    assert row.status == MailStatus.FAILED and row.attempts == MAX_ATTEMPTS
    assert send_due(db, now=moment + timedelta(days=1)) == 0  # failed stays failed
    actor = f.actor(db, staff)
    assert outbox_counts(db, actor).failed == 1
    [shown] = list_outbox(db, actor).rows
    assert shown.to_address == "erika@example.org" and shown.attempts == MAX_ATTEMPTS
    resend(db, actor, shown.id)
    db.commit()
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "resend_mail")).one()
    with pytest.raises(InvalidInput):
        resend(db, actor, shown.id)  # not failed any more
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        assert send_due(db) == 1
        assert inbox.to("erika@example.org")


def test_resend_all_requeues_every_failed_mail(db: Session) -> None:
    k = f.kommune(db)
    staff = f.actor(db, f.user(db, k, "plattform@example.org", roles=(Role.PLATFORM_ADMIN,)))
    for n in range(3):
        db.add(MailOutbox(to_address=f"p{n}@example.org", subject="x", status=MailStatus.FAILED))
    db.add(MailOutbox(to_address="ok@example.org", subject="x", status=MailStatus.SENT))
    db.commit()
    assert resend_all(db, staff) == 3
    assert {r.status for r in _rows(db)} == {MailStatus.PENDING, MailStatus.SENT}


def test_a_claim_left_by_a_dead_sender_is_taken_again(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    db.add(
        MailOutbox(
            to_address="erika@example.org",
            subject="x",
            body="y",
            status=MailStatus.SENDING,
            claimed_at=utcnow() - timedelta(minutes=30),
        )
    )
    db.commit()
    assert send_due(db) == 1 and [m.to for m in sent] == ["erika@example.org"]


def test_two_senders_never_send_one_mail_twice(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    row = MailOutbox(to_address="erika@example.org", subject="x", body="y")
    db.add(row)
    db.commit()
    assert row.id is not None
    assert mail.attempt(db, row.id) is True
    assert mail.attempt(db, row.id) is False  # the second sender finds it done
    assert len(sent) == 1


@pytest.mark.parametrize(
    "who", ["anonymous", "pending", "blocked", "citizen", "kommune_admin", "other_admin"]
)
def test_only_platform_staff_see_and_resend_mails(db: Session, who: str) -> None:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    row = MailOutbox(to_address="erika@example.org", subject="x", status=MailStatus.FAILED)
    db.add(row)
    db.flush()
    people = {
        "pending": lambda: f.user(db, here, "p@example.org", status=UserStatus.PENDING),
        "blocked": lambda: f.user(db, here, "b@example.org", status=UserStatus.BLOCKED),
        "citizen": lambda: f.user(db, here, "c@example.org"),
        "kommune_admin": lambda: f.user(db, here, "a@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "other_admin": lambda: f.user(db, other, "o@example.org", roles=(Role.KOMMUNE_ADMIN,)),
    }
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, people[who]())
    for call in (
        lambda: list_outbox(db, actor),
        lambda: outbox_counts(db, actor),
        lambda: resend(db, actor, row.id or 0),
        lambda: resend_all(db, actor),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert _rows(db)[0].status == MailStatus.FAILED


def test_resending_a_mail_that_does_not_exist_is_not_found(db: Session) -> None:
    k = f.kommune(db)
    staff = f.actor(db, f.user(db, k, "plattform@example.org", roles=(Role.PLATFORM_ADMIN,)))
    with pytest.raises(NotFound):
        resend(db, staff, 999_999)


# --- the outbox page: states, totals, pages ------------------------------------------------


def _busy_outbox(db: Session) -> Actor:
    """120 failed mails (one a minute, the newest last), 3 waiting, 2 sent (one of them
    two days ago); platform staff to read them."""
    k = f.kommune(db)
    staff = f.actor(db, f.user(db, k, "plattform@example.org", roles=(Role.PLATFORM_ADMIN,)))
    start = utcnow() - timedelta(days=1)
    for n in range(120):
        db.add(
            MailOutbox(
                to_address=f"f{n}@example.org",
                subject="x",
                status=MailStatus.FAILED,
                created_at=start + timedelta(minutes=n),
            )
        )
    for n, status in enumerate((MailStatus.PENDING, MailStatus.SENDING, MailStatus.PENDING)):
        db.add(MailOutbox(to_address=f"w{n}@example.org", subject="x", status=status))
    for n, days in enumerate((0, 2)):
        at = utcnow() - timedelta(days=days, minutes=5)
        db.add(
            MailOutbox(
                to_address=f"s{n}@example.org",
                subject="x",
                status=MailStatus.SENT,
                sent_at=at,
                created_at=at,
            )
        )
    db.commit()
    return staff


def test_the_outbox_pages_through_a_state_newest_first_with_every_states_total(
    db: Session,
) -> None:
    staff = _busy_outbox(db)
    first = list_outbox(db, staff)
    assert (first.state, first.page, first.pages) == ("failed", 1, 3)
    assert (first.counts.failed, first.counts.waiting, first.counts.sent) == (120, 3, 2)
    assert first.counts.sent_last_day == 1
    assert len(first.rows) == PAGE_SIZE
    assert [r.to_address for r in first.rows[:2]] == ["f119@example.org", "f118@example.org"]
    last = list_outbox(db, staff, page=3)
    assert len(last.rows) == 20 and last.rows[-1].to_address == "f0@example.org"
    pages = [list_outbox(db, staff, page=n).rows for n in (1, 2, 3)]
    assert len({r.id for rows in pages for r in rows}) == 120  # no mail twice, none left out
    waiting = list_outbox(db, staff, state="waiting")
    assert {r.to_address for r in waiting.rows} == {f"w{n}@example.org" for n in range(3)}
    assert waiting.pages == 1
    sent = list_outbox(db, staff, state="sent")
    assert [r.to_address for r in sent.rows] == ["s0@example.org", "s1@example.org"]
    assert all(r.sent_at is not None for r in sent.rows)


def test_a_page_past_the_end_shows_the_last_and_nonsense_is_refused(db: Session) -> None:
    staff = _busy_outbox(db)
    beyond = list_outbox(db, staff, page=999_999)
    assert beyond.page == 3 and len(beyond.rows) == 20
    assert list_outbox(db, staff, state="waiting", page=7).page == 1
    for state, page in (("deleted", 1), ("pending", 1), ("", 1), ("failed", 0), ("failed", -2)):
        with pytest.raises(InvalidInput):
            list_outbox(db, staff, state=state, page=page)
    with pytest.raises(InvalidInput):
        list_outbox(db, staff, page="2")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        list_outbox(db, staff, page=True)


def test_an_empty_state_shows_one_empty_page(db: Session) -> None:
    k = f.kommune(db)
    staff = f.actor(db, f.user(db, k, "plattform@example.org", roles=(Role.PLATFORM_ADMIN,)))
    db.commit()
    empty = list_outbox(db, staff, state="failed", page=4)
    assert (empty.rows, empty.page, empty.pages, empty.counts.failed) == ([], 1, 1, 0)


def test_an_outbox_page_is_two_statements_whatever_the_page(db: Session) -> None:
    staff = _busy_outbox(db)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        for state, page in (("failed", 1), ("failed", 3), ("failed", 50), ("sent", 1)):
            statements.clear()
            list_outbox(db, staff, state=state, page=page)
            assert len(statements) == 2, (state, page, statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_resend_all_with_waiting_shown_still_resends_the_failed_only(db: Session) -> None:
    staff = _busy_outbox(db)
    assert list_outbox(db, staff, state="waiting").counts.waiting == 3
    assert resend_all(db, staff) == 120
    db.commit()
    after = list_outbox(db, staff, state="waiting")
    assert (after.counts.failed, after.counts.waiting, after.counts.sent) == (0, 123, 2)
