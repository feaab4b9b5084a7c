"""What platform staff see of the mail outbox: mails that failed or still wait, and
sending a failed one again. Platform staff only (the list holds every Kommune's
recipients' addresses); a mail's text is never shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import AuditAction, utcnow
from dasnez_core.models.operations import MailOutbox, MailStatus
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit

PAGE_SIZE = 50
_DAY = timedelta(days=1)
SHOWN = (MailStatus.FAILED, MailStatus.PENDING, MailStatus.SENDING)


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


@dataclass(frozen=True)
class OutboxCounts:
    failed: int
    waiting: int
    sent_last_day: int


def outbox_counts(db: Session, actor: Actor, *, now: datetime | None = None) -> OutboxCounts:
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    now = now or utcnow()
    by_status = dict(
        db.exec(select(MailOutbox.status, func.count()).group_by(col(MailOutbox.status))).all()
    )
    sent = db.exec(
        select(func.count())
        .select_from(MailOutbox)
        .where(
            col(MailOutbox.status) == MailStatus.SENT,
            col(MailOutbox.sent_at) >= now.replace(microsecond=0) - _DAY,
        )
    ).one()
    return OutboxCounts(
        failed=int(by_status.get(MailStatus.FAILED, 0)),
        waiting=int(by_status.get(MailStatus.PENDING, 0) + by_status.get(MailStatus.SENDING, 0)),
        sent_last_day=int(sent or 0),
    )


def list_outbox(
    db: Session, actor: Actor, *, status: str = MailStatus.FAILED, page: int = 1
) -> list[OutboxRow]:
    """Failed (or waiting) mails, newest first, `PAGE_SIZE` a page."""
    require(actor, Action.MANAGE_MAIL_OUTBOX)
    wanted = (MailStatus.PENDING, MailStatus.SENDING) if status == "waiting" else (status,)
    if not set(wanted) <= set(SHOWN):
        wanted = (MailStatus.FAILED,)
    rows = db.exec(
        select(MailOutbox)
        .where(col(MailOutbox.status).in_(wanted))
        .order_by(col(MailOutbox.created_at).desc(), col(MailOutbox.id).desc())
        .offset((max(page, 1) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return [
        OutboxRow(
            id=row.id or 0,
            to_address=row.to_address,
            subject=row.subject,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
        )
        for row in rows
    ]


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
