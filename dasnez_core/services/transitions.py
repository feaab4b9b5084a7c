"""Atomic state transitions: check-then-write on a row that nobody else changes meanwhile.

A service that reads a status, checks it and writes a new one races with a second request
doing the same (two admins, two workers, READ COMMITTED): both see "pending", both write,
both audit, both mail. Every such service therefore loads the row it changes through
`locked`, which holds it until the transaction ends:

- PostgreSQL: `SELECT … FOR UPDATE`. A second transaction waits at the same point and then
  reads the row as the first one committed it, so its status check refuses.
- SQLite ignores FOR UPDATE but has one writer at a time: `locked` first takes the database's
  write lock with a write that touches no row (`UPDATE … WHERE 0`), so the read that follows
  is the newest one, and no other writer can commit before this transaction ends.

Check only what `locked` returned: it is read afresh (objects the session loaded before
keep their old values). Audit event and mail are written after the check, in the same
transaction, so only the change that took place records and mails anything. The loser is
told who won (`already_done`): the actor of the newest audit event of that kind on that
record, if it is recent. This relies on READ COMMITTED (PostgreSQL's default): under
REPEATABLE READ the waiting transaction would fail with a serialization error instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, false, update
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session, SQLModel, col, select

from dasnez_core.errors import InvalidInput
from dasnez_core.models import AuditAction, AuditEvent, User, utcnow

M = TypeVar("M", bound=SQLModel)

# How long ago another admin's change still counts as "gerade" (just now).
RECENT = timedelta(minutes=15)


class AlreadyDone(InvalidInput):
    """The change was just made by someone else (the race's loser); the message names them."""


def locked(db: Session, model: type[M], *where: ColumnElement[bool]) -> list[M]:
    """The rows of `model` matching `where`, read afresh and locked until the transaction
    ends (ordered by primary key, so that two transactions lock in the same order)."""
    table = sa_inspect(model).local_table
    pk = table.primary_key.columns.values()[0]
    if db.get_bind().dialect.name == "sqlite":
        # Any write statement takes SQLite's write lock; this one changes nothing.
        db.execute(update(table).where(false()).values({pk: pk}))
    return list(
        db.exec(
            select(model)
            .where(*where)
            .order_by(pk)
            .with_for_update(of=model)
            .execution_options(populate_existing=True)
        ).all()
    )


def locked_one(db: Session, model: type[M], *where: ColumnElement[bool]) -> M | None:
    """The one row of `model` matching `where`, locked as `locked` does (None if none)."""
    rows = locked(db, model, *where)
    return rows[0] if rows else None


def done_by(
    db: Session,
    *,
    kommune_id: int | None,
    target_type: str,
    target_id: int,
    actions: Sequence[AuditAction],
    reason_contains: str = "",
    within: timedelta = RECENT,
) -> str:
    """The name of whoever did one of `actions` to the record last, in the past `within`
    ("" if unknown or longer ago: then the loser hears the plain refusal, not "just now").
    `reason_contains` finds the record by its mention in the reason instead (for a record
    the action deleted, such as a merged area)."""
    stmt = (
        select(User.display_name)
        .join(AuditEvent, col(AuditEvent.actor_id) == User.id)
        .where(
            col(AuditEvent.kommune_id) == kommune_id,
            col(AuditEvent.target_type) == target_type,
            col(AuditEvent.action).in_([a.value for a in actions]),
            col(AuditEvent.at) >= utcnow() - within,
        )
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    )
    if reason_contains:
        stmt = stmt.where(col(AuditEvent.reason).contains(reason_contains, autoescape=True))
    else:
        stmt = stmt.where(col(AuditEvent.target_id) == target_id)
    return db.exec(stmt).first() or ""


def name_of(db: Session, user_id: int | None) -> str:
    """A person's display name ("" if there is none)."""
    if user_id is None:
        return ""
    return db.exec(select(User.display_name).where(User.id == user_id)).first() or ""


def lost_to(
    db: Session,
    kommune_id: int,
    target: tuple[str, int],
    action: AuditAction,
    key: str,
    fallback: str,
    *,
    field: str = "",
    **params: Any,
) -> InvalidInput:
    """The refusal of a change someone else has just made: `key` naming who did `action` to
    `target` (type, id), or `fallback` if nobody did recently. `field` defaults to
    "<type>_id"."""
    target_type, target_id = target
    by = done_by(
        db, kommune_id=kommune_id, target_type=target_type, target_id=target_id, actions=(action,)
    )
    return already_done(field or f"{target_type}_id", key, by, fallback, **params)


def already_done(field: str, key: str, by: str, fallback: str, **params: Any) -> InvalidInput:
    """The loser's error: `key` naming `by` when the winner is known, else `fallback`."""
    if by:
        return AlreadyDone(field, key, by=by, **params)
    return InvalidInput(field, fallback, **params)
