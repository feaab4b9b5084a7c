"""What platform staff see of the mail outbox: the mails of one state (failed, waiting or
sent) a page at a time with every state's total, and sending a failed one again. Platform
staff only (the list holds every Kommune's recipients' addresses); a mail's text is never
shown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import literal_column, union_all, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import AuditAction, utcnow
from dasnez_core.models.operations import MailOutbox, MailStatus
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit

PAGE_SIZE = 50
_DAY = timedelta(days=1)
# The states a platform staff member filters by; "waiting" is pending and sending together.
FAILED, WAITING, SENT = "failed", "waiting", "sent"
OUTBOX_STATES = (FAILED, WAITING, SENT)
_STATUSES: dict[str, tuple[str, ...]] = {
    FAILED: (MailStatus.FAILED,),
    WAITING: (MailStatus.PENDING, MailStatus.SENDING),
    SENT: (MailStatus.SENT,),
}
# Label of the "sent in the last day" figure in the counts statement (no status is called so).
_SENT_LAST_DAY = "sent_last_day"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    to_address: str
    subject: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None = None


@dataclass(frozen=True)
class OutboxCounts:
    failed: int
    waiting: int
    sent_last_day: int
    sent: int = 0

    def of(self, state: str) -> int:
        """The number of mails in one of `OUTBOX_STATES`."""
        return {FAILED: self.failed, WAITING: self.waiting, SENT: self.sent}[state]


@dataclass(frozen=True)
class OutboxPage:
    """One page of the mails of a state, newest first, with every state's total."""

    rows: list[OutboxRow]
    counts: OutboxCounts
    state: str
    page: int
    pages: int


def _counts(db: Session, now: datetime) -> OutboxCounts:
    """Every state's total and the mails sent in the last day, in one statement."""
    # The parts' columns as plain lists: union_all wants parts of one (untyped) shape.
    status_columns: list[Any] = [col(MailOutbox.status), func.count()]
    last_day_columns: list[Any] = [literal_column(f"'{_SENT_LAST_DAY}'"), func.count()]
    by_status = sa_select(*status_columns).group_by(col(MailOutbox.status))
    last_day = sa_select(*last_day_columns).where(
        col(MailOutbox.status) == MailStatus.SENT,
        col(MailOutbox.sent_at) >= now.replace(microsecond=0) - _DAY,
    )
    found = {str(key): int(n or 0) for key, n in db.execute(union_all(by_status, last_day))}
    return OutboxCounts(
        failed=found.get(MailStatus.FAILED, 0),
        waiting=found.get(MailStatus.PENDING, 0) + found.get(MailStatus.SENDING, 0),
        sent_last_day=found.get(_SENT_LAST_DAY, 0),
        sent=found.get(MailStatus.SENT, 0),
    )


def outbox_counts(db: Session, actor: Actor, *, now: datetime | None = None) -> OutboxCounts:
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    return _counts(db, now or utcnow())


def list_outbox(
    db: Session,
    actor: Actor,
    *,
    state: str = FAILED,
    page: int = 1,
    now: datetime | None = None,
) -> OutboxPage:
    """The mails of `state` (one of `OUTBOX_STATES`), newest first, `PAGE_SIZE` a page, and
    every state's total: two statements. A page past the end shows the last one; an
    unknown state or a page below 1 is refused."""
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    if state not in _STATUSES:
        raise InvalidInput("status", "ops.outbox.bad_state")
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise InvalidInput("seite", "ops.outbox.bad_page")
    counts = _counts(db, now or utcnow())
    pages = max(1, math.ceil(counts.of(state) / PAGE_SIZE))
    page = min(page, pages)
    rows = (
        db.exec(
            select(MailOutbox)
            .where(col(MailOutbox.status).in_(_STATUSES[state]))
            .order_by(col(MailOutbox.created_at).desc(), col(MailOutbox.id).desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        ).all()
        if counts.of(state)
        else []
    )
    return OutboxPage(
        rows=[
            OutboxRow(
                id=row.id or 0,
                to_address=row.to_address,
                subject=row.subject,
                status=row.status,
                attempts=row.attempts,
                last_error=row.last_error,
                created_at=row.created_at,
                next_attempt_at=row.next_attempt_at,
                sent_at=row.sent_at,
            )
            for row in rows
        ],
        counts=counts,
        state=state,
        page=page,
        pages=pages,
    )


def resend(db: Session, actor: Actor, mail_id: int) -> None:
    """Queue a failed mail again: its attempts start anew, the sender takes it at once."""
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    row = db.get(MailOutbox, mail_id)
    if row is None:
        raise NotFound("ops.outbox.not_found")
    result = db.execute(
        update(MailOutbox)
        .where(col(MailOutbox.id) == mail_id, col(MailOutbox.status) == MailStatus.FAILED)
        .values(status=MailStatus.PENDING, attempts=0, next_attempt_at=utcnow(), last_error="")
    )
    if not getattr(result, "rowcount", 0):
        raise InvalidInput("mail_id", "ops.outbox.not_failed")
    audit.record(
        db,
        actor,
        action=AuditAction.RESEND_MAIL,
        target_type="mail",
        target_id=mail_id,
        kommune_id=None,
    )
    db.flush()


def resend_all(db: Session, actor: Actor) -> int:
    """Queue every failed mail again (after the mail server is fixed); returns how many."""
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    result = db.execute(
        update(MailOutbox)
        .where(col(MailOutbox.status) == MailStatus.FAILED)
        .values(status=MailStatus.PENDING, attempts=0, next_attempt_at=utcnow(), last_error="")
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        audit.record(
            db,
            actor,
            action=AuditAction.RESEND_MAIL,
            target_type="mail",
            target_id=None,
            kommune_id=None,
            reason=str(count),
        )
    db.flush()
    return count
