"""Login sessions: random tokens whose hashes alone are stored, with idle and absolute expiry.

The token itself only ever lives in the browser's HttpOnly cookie. Login hands the browser a
one-time ticket of a few seconds instead (`issue_ticket`); the app's HTTP endpoint redeems it
(`redeem_ticket`), which gives the session a fresh token that goes straight into the cookie.
Everything behind the endpoint sees only the token's hash (`resolve_session_hash`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlmodel import Session, col, delete, select, update

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.config import load_settings
from dasnez_core.errors import NotFound
from dasnez_core.models import (
    Area,
    AreaKind,
    Role,
    RoleGrant,
    SessionTicket,
    User,
    UserSession,
    UserStatus,
    utcnow,
)
from dasnez_core.scope import Scope
from dasnez_core.services.consent import due_consents

# last_seen_at is written at most this often, so a busy page does not write on every click.
_TOUCH_EVERY = timedelta(minutes=1)

# How long a login ticket may take from the login handler to the cookie endpoint.
TICKET_SECONDS = 10

# The apps' names in sessions (services.auth.PUBLIC_APP / ADMIN_APP, which import this module).
PUBLIC_APP = "public"
ADMIN_APP = "admin"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _is_hash(value: str | None) -> bool:
    return value is not None and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


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
    revoke_session_hash(db, hash_token(token))


def revoke_session_hash(db: Session, token_hash: str) -> None:
    """End the session whose token hashes to `token_hash` (logout)."""
    db.execute(
        update(UserSession)
        .where(col(UserSession.token_hash) == token_hash)
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


def revoke_other_sessions(db: Session, user_id: int, keep_token_hash: str) -> None:
    """End every session of a user except the one whose token hashes to `keep_token_hash`
    (password change: the handler knows only the hash of its own session's token)."""
    db.execute(
        update(UserSession)
        .where(col(UserSession.user_id) == user_id)
        .where(col(UserSession.token_hash) != keep_token_hash)
        .where(col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def issue_ticket(db: Session, token: str) -> str:
    """A one-time ticket (256 random bits, valid `TICKET_SECONDS`) for the session behind
    `token`; only its hash is stored, in the database so any worker can redeem it."""
    row = db.exec(select(UserSession).where(UserSession.token_hash == hash_token(token))).one()
    assert row.id is not None
    ticket = secrets.token_urlsafe(32)
    db.add(
        SessionTicket(
            ticket_hash=hash_token(ticket),
            session_id=row.id,
            expires_at=utcnow() + timedelta(seconds=TICKET_SECONDS),
        )
    )
    db.flush()
    return ticket


def redeem_ticket(db: Session, ticket: str, app: str) -> str | None:
    """Exchange a ticket for its session's cookie token, once.

    The session gets a fresh token here, so the token the login service returned (which
    passed through the login handler) stops working. None if the ticket is unknown, used,
    expired, for the other app, or its session has ended meanwhile.
    """
    now = utcnow()
    db.execute(delete(SessionTicket).where(col(SessionTicket.expires_at) <= now))
    if not ticket or len(ticket) > 200:
        return None
    row = db.exec(
        select(SessionTicket).where(SessionTicket.ticket_hash == hash_token(ticket))
    ).first()
    if row is None:
        return None
    # Single use even when two requests race: only one DELETE removes the row.
    gone = db.execute(
        delete(SessionTicket)
        .where(col(SessionTicket.id) == row.id)
        .where(col(SessionTicket.expires_at) > now)
    )
    if getattr(gone, "rowcount", 0) != 1:
        return None
    session_row = db.get(UserSession, row.session_id)
    if session_row is None or session_row.app != app:
        return None
    if resolve_session_hash(db, session_row.token_hash, app).is_anonymous:
        return None
    token = secrets.token_urlsafe(32)
    session_row.token_hash = hash_token(token)
    db.add(session_row)
    db.flush()
    return token


def resolve_session(db: Session, token: str | None, app: str) -> Actor:
    """The Actor behind a token, or ANONYMOUS if the token is unknown, forged, revoked,
    expired (idle or absolute), issued for the other app, or its user is blocked."""
    if not token or len(token) > 200:
        return ANONYMOUS
    return resolve_session_hash(db, hash_token(token), app)


def resolve_session_hash(db: Session, token_hash: str | None, app: str) -> Actor:
    """As `resolve_session`, from the token's SHA-256 (what the apps' event handlers see)."""
    if not _is_hash(token_hash):
        return ANONYMOUS
    row = db.exec(select(UserSession).where(UserSession.token_hash == token_hash)).first()
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
    return actor_for(db, user, app=app, context_grant_id=row.context_grant_id)


def actor_for(db: Session, user: User, app: str = "", context_grant_id: int | None = None) -> Actor:
    """Build the Actor of a user from their role grants; in the public app (`app`
    "public") it also says whether their consent is outdated.

    Outside the public app the Actor carries a working context (`scope`): the grant
    `context_grant_id` chosen in the portal's switcher if it is still one of theirs, else
    the first (Kommune admin rights by Kommune, then coordinator scopes). In the admin
    portal (`app` "admin") `admin_of` then names only that context's Kommune, so a person
    with rights in several Kommunen acts in the chosen one alone.
    """
    assert user.id is not None
    grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    roles = frozenset({Role.CITIZEN.value} | {g.role for g in grants})
    admin_of = frozenset(
        g.kommune_id for g in grants if g.role == Role.KOMMUNE_ADMIN and g.kommune_id is not None
    )
    contexts = portal_contexts(grants) if app != PUBLIC_APP else []
    chosen = next((g for g in contexts if g.id == context_grant_id), None)
    active = chosen or (contexts[0] if contexts else None)
    scope = _scope_of_grant(db, active) if active is not None else None
    if app == ADMIN_APP:
        admin_of = (
            frozenset({active.kommune_id})
            if active is not None and active.role == Role.KOMMUNE_ADMIN and active.kommune_id
            else frozenset()
        )
    return Actor(
        user_id=user.id,
        kommune_id=user.kommune_id,
        status=user.status,
        display_name=user.display_name,
        roles=roles,
        admin_of=admin_of,
        consent_due=app == PUBLIC_APP and bool(due_consents(db, user)),
        scope=scope,
        context_id=active.id if active is not None else None,
        contexts=tuple(g.id for g in contexts if g.id is not None),
    )


def portal_contexts(grants: Sequence[RoleGrant]) -> list[RoleGrant]:
    """The grants a person can work under in the admin portal, in switcher order: Kommune
    admin rights (by Kommune id, the old default first), then coordinator scopes."""

    def ordered(role: Role) -> list[RoleGrant]:
        return sorted(
            (g for g in grants if g.role == role and g.kommune_id is not None),
            key=lambda g: (g.kommune_id or 0, g.id or 0),
        )

    return ordered(Role.KOMMUNE_ADMIN) + ordered(Role.COORDINATOR)


def _scope_of_grant(db: Session, grant: RoleGrant) -> Scope:
    """The Scope a grant gives: the whole Kommune for its admins; for a coordinator the
    area with (for a district) its villages as they are now, or the social space."""
    assert grant.kommune_id is not None
    if grant.role != Role.COORDINATOR:
        return Scope(grant.kommune_id)
    if grant.social_space_id is not None:
        return Scope(grant.kommune_id, social_space_id=grant.social_space_id)
    # A coordinator grant without a scope never gets written (services.coordinators); were
    # one there, it would match nothing rather than the whole Kommune.
    area_id = grant.area_id if grant.area_id is not None else -1
    area = db.exec(
        select(Area).where(Area.id == area_id, Area.kommune_id == grant.kommune_id)
    ).first()
    if area is None or area.id is None:
        return Scope(grant.kommune_id, area_id=area_id)
    if area.kind == AreaKind.DISTRICT or area.parent_id is None:
        villages = db.exec(
            select(Area.id).where(Area.kommune_id == grant.kommune_id, Area.parent_id == area.id)
        ).all()
        ids = frozenset({area.id, *(v for v in villages if v is not None)})
        return Scope(grant.kommune_id, area_id=area.id, area_ids=ids, district_id=area.id)
    return Scope(
        grant.kommune_id, area_id=area.id, area_ids=frozenset({area.id}), village_of=area.parent_id
    )


def choose_context(db: Session, actor: Actor, token_hash: str, grant_id: int) -> None:
    """Make `grant_id` the working context of the portal session behind `token_hash`.
    A grant that is not one of the caller's contexts is not found."""
    if actor.is_anonymous or grant_id not in actor.contexts or not _is_hash(token_hash):
        raise NotFound("coordinator.context_not_found")
    db.execute(
        update(UserSession)
        .where(col(UserSession.token_hash) == token_hash)
        .where(col(UserSession.user_id) == actor.user_id)
        .where(col(UserSession.app) == ADMIN_APP)
        .values(context_grant_id=grant_id)
    )
