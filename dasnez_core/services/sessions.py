"""Login sessions: random tokens whose hashes alone are stored, with idle and absolute expiry."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlmodel import Session, col, select, update

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.config import load_settings
from dasnez_core.models import Role, RoleGrant, User, UserSession, UserStatus, utcnow

# last_seen_at is written at most this often, so a busy page does not write on every click.
_TOUCH_EVERY = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(db: Session, user_id: int, app: str) -> str:
    """Store a new session and return its token (256 random bits, URL-safe)."""
    settings = load_settings()
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        UserSession(
            token_hash=hash_token(token),
            user_id=user_id,
            app=app,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=settings.session_absolute_hours),
        )
    )
    db.flush()
    return token


def revoke_session(db: Session, token: str) -> None:
    db.execute(
        update(UserSession)
        .where(col(UserSession.token_hash) == hash_token(token))
        .where(col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all_sessions(db: Session, user_id: int) -> None:
    """End every session of a user at once (blocking, password change)."""
    db.execute(
        update(UserSession)
        .where(col(UserSession.user_id) == user_id)
        .where(col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_other_sessions(db: Session, user_id: int, keep_token: str) -> None:
    """End every session of a user except the one behind `keep_token` (password change)."""
    db.execute(
        update(UserSession)
        .where(col(UserSession.user_id) == user_id)
        .where(col(UserSession.token_hash) != hash_token(keep_token))
        .where(col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def resolve_session(db: Session, token: str | None, app: str) -> Actor:
    """The Actor behind a token, or ANONYMOUS if the token is unknown, forged, revoked,
    expired (idle or absolute), issued for the other app, or its user is blocked."""
    if not token or len(token) > 200:
        return ANONYMOUS
    row = db.exec(select(UserSession).where(UserSession.token_hash == hash_token(token))).first()
    now = utcnow()
    idle = timedelta(minutes=load_settings().session_idle_minutes)
    if (
        row is None
        or row.app != app
        or row.revoked_at is not None
        or row.expires_at <= now
        or row.last_seen_at + idle <= now
    ):
        return ANONYMOUS
    user = db.get(User, row.user_id)
    if user is None or user.status == UserStatus.BLOCKED:
        return ANONYMOUS
    if now - row.last_seen_at >= _TOUCH_EVERY:
        row.last_seen_at = now
        db.add(row)
    return actor_for(db, user)


def actor_for(db: Session, user: User) -> Actor:
    """Build the Actor of a user from their role grants."""
    assert user.id is not None
    grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    roles = frozenset({Role.CITIZEN.value} | {g.role for g in grants})
    admin_of = frozenset(
        g.kommune_id for g in grants if g.role == Role.KOMMUNE_ADMIN and g.kommune_id is not None
    )
    return Actor(
        user_id=user.id,
        kommune_id=user.kommune_id,
        status=user.status,
        display_name=user.display_name,
        roles=roles,
        admin_of=admin_of,
    )
