"""Moderation by a Kommune's admins: block and unblock people (with a reason, audited).

Blocking ends every session of the person at once and suspends their published listings,
so they vanish from every public view; unblocking publishes them again.
"""

from __future__ import annotations

from sqlmodel import Session, col, select, update

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import Listing, ListingStatus, User, UserStatus
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.sessions import revoke_all_sessions

REASON_MIN, REASON_MAX = 5, 1000


def _reason(raw: str) -> str:
    reason = clean_text(raw)
    if len(reason) < REASON_MIN:
        raise InvalidInput("reason", "moderation.reason_required", min=REASON_MIN)
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", "moderation.reason_too_long", max=REASON_MAX)
    return reason


def _person(db: Session, kommune_id: int, user_id: int) -> User:
    user = db.exec(select(User).where(User.id == user_id, User.kommune_id == kommune_id)).first()
    if user is None:
        raise NotFound("user.not_found")
    return user


def block_user(db: Session, actor: Actor, kommune_id: int, user_id: int, reason: str) -> None:
    """Block a person of `kommune_id` (another Kommune's person is not found)."""
    require(actor, Action.BLOCK_USER, kommune_id)
    text = _reason(reason)
    user = _person(db, kommune_id, user_id)
    if user.id == actor.user_id:
        raise NotAllowed("moderation.not_yourself")
    if user.status == UserStatus.BLOCKED:
        raise InvalidInput("user_id", "moderation.already_blocked")
    user.status = UserStatus.BLOCKED
    db.add(user)
    revoke_all_sessions(db, user_id)
    db.execute(
        update(Listing)
        .where(col(Listing.author_id) == user_id, col(Listing.status) == ListingStatus.PUBLISHED)
        .values(status=ListingStatus.SUSPENDED)
    )
    audit.record(
        db,
        actor,
        action="block_user",
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()


def unblock_user(db: Session, actor: Actor, kommune_id: int, user_id: int, reason: str) -> None:
    """Lift a block: the person may log in again and their suspended listings return."""
    require(actor, Action.BLOCK_USER, kommune_id)
    text = _reason(reason)
    user = _person(db, kommune_id, user_id)
    if user.status != UserStatus.BLOCKED:
        raise InvalidInput("user_id", "moderation.not_blocked")
    user.status = UserStatus.APPROVED
    db.add(user)
    db.execute(
        update(Listing)
        .where(col(Listing.author_id) == user_id, col(Listing.status) == ListingStatus.SUSPENDED)
        .values(status=ListingStatus.PUBLISHED)
    )
    audit.record(
        db,
        actor,
        action="unblock_user",
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()
