"""Freischaltung: a Kommune's admins approve the people who registered there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.mail import compose, queue
from dasnez_core.models import Area, User, UserStatus, utcnow
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.kommunen import get_kommune


@dataclass(frozen=True)
class PendingPerson:
    """What an admin sees of a pending registration (email included: it is the admin's job)."""

    user_id: int
    display_name: str
    email: str
    area_name: str
    registered_at: str


def list_pending(db: Session, actor: Actor, kommune_id: int) -> list[PendingPerson]:
    require(actor, Action.VIEW_APPROVAL_QUEUE, kommune_id)
    rows = db.exec(
        select(User, Area.name)
        .join(Area, col(Area.id) == User.area_id, isouter=True)
        .where(User.kommune_id == kommune_id, User.status == UserStatus.PENDING)
        .order_by(col(User.created_at), col(User.id))
        .limit(200)
    ).all()
    return [
        PendingPerson(
            user_id=u.id,
            display_name=u.display_name,
            email=u.email,
            area_name=area_name or "",
            registered_at=u.created_at.strftime("%d.%m.%Y %H:%M"),
        )
        for u, area_name in rows
        if u.id is not None
    ]


def approve_user(db: Session, actor: Actor, kommune_id: int, user_id: int) -> None:
    """Approve a pending person of `kommune_id` and mail them the news.

    Another Kommune's person is not found.
    """
    require(actor, Action.APPROVE_USER, kommune_id)
    user = db.exec(select(User).where(User.id == user_id, User.kommune_id == kommune_id)).first()
    if user is None:
        raise NotFound("user.not_found")
    if user.status != UserStatus.PENDING:
        raise InvalidInput("user_id", "approval.not_pending")
    user.status = UserStatus.APPROVED
    user.approved_at = utcnow()
    db.add(user)
    audit.record(
        db,
        actor,
        action="approve_user",
        target_type="user",
        target_id=user.id,
        kommune_id=kommune_id,
    )
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            user.email,
            user.language,
            "mail.account_approved",
            name=user.display_name,
            kommune=kommune.name,
            slug=kommune.slug,
        ),
    )
    db.flush()
