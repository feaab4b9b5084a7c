"""Cleanup of what logins and links leave behind: expired sessions, tickets and one-time
links, and the app processes' old page states on disk (scheduled job `session_cleanup`)."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from dasnez_core.config import PROJECT_ROOT, load_settings
from dasnez_core.models import AccountToken, SessionTicket, User, UserSession, utcnow
from dasnez_core.models.operations import AccountActivity

# An ended session or a used link is kept this long (a person may still ask "was that me?").
ENDED_KEPT = timedelta(days=30)


def remember_activity(db: Session) -> int:
    """Copy each person's latest session activity into `account_activity` before the
    sessions go: the retention job measures inactivity from it. Returns how many rows
    it wrote."""
    latest = db.exec(
        select(UserSession.user_id, func.max(UserSession.last_seen_at)).group_by(
            col(UserSession.user_id)
        )
    ).all()
    written = 0
    for user_id, seen in latest:
        if seen is None:
            continue
        row = db.get(AccountActivity, user_id)
        if row is None:
            kommune_id = db.exec(select(User.kommune_id).where(User.id == user_id)).first()
            if kommune_id is None:
                continue
            row = AccountActivity(user_id=user_id, kommune_id=kommune_id)
        elif row.last_seen_at is not None and row.last_seen_at >= seen:
            continue
        row.last_seen_at = seen
        row.warned_at = None  # active again: a warning sent before no longer counts
        db.add(row)
        written += 1
    db.flush()
    return written


def delete_ended_sessions(db: Session, *, now: datetime | None = None) -> int:
    """Delete expired or revoked sessions (after ENDED_KEPT), expired login tickets and
    used or expired one-time links; returns how many rows went."""
    now = now or utcnow()
    remember_activity(db)
    cutoff = now - ENDED_KEPT
    counts = 0
    ticket_ids = select(SessionTicket.id).where(col(SessionTicket.expires_at) <= now)
    counts += _count(db.execute(delete(SessionTicket).where(col(SessionTicket.id).in_(ticket_ids))))
    ended = select(UserSession.id).where(
        or_(
            col(UserSession.expires_at) <= cutoff,
            col(UserSession.revoked_at) <= cutoff,
        )
    )
    db.execute(delete(SessionTicket).where(col(SessionTicket.session_id).in_(ended)))
    counts += _count(db.execute(delete(UserSession).where(col(UserSession.id).in_(ended))))
    counts += _count(
        db.execute(
            delete(AccountToken).where(
                or_(
                    col(AccountToken.expires_at) <= cutoff,
                    col(AccountToken.used_at) <= cutoff,
                )
            )
        )
    )
    db.flush()
    return counts


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def state_dirs() -> list[Path]:
    """The page-state folders of the disk state manager (one per app, maybe suffixed)."""
    return sorted(
        path
        for pattern in (".states-public*", ".states-admin*")
        for path in PROJECT_ROOT.glob(pattern)
        if path.is_dir()
    )


def delete_old_states(dirs: list[Path] | None = None, *, now: float | None = None) -> int:
    """Delete page-state files nobody touched for longer than a session can live: their
    tab's session has ended for sure (a state is rebuilt from the cookie anyway)."""
    max_age = load_settings().session_absolute_hours * 3600
    now = now or time.time()
    removed = 0
    for folder in state_dirs() if dirs is None else dirs:
        for path in folder.rglob("*"):
            try:
                if path.is_file() and now - path.stat().st_mtime > max_age:
                    os.remove(path)
                    removed += 1
            except OSError:
                continue  # removed by the app meanwhile
    return removed
