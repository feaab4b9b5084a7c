"""Appointing and revoking proxies (Stellvertretung), by a Kommune's admins.

Appointing gives an approved member of the Kommune the `proxy` role; revoking takes it
back and hands every person they represent to a successor the admin chooses: another proxy
of the Kommune, or the Kommune's office. Nobody is left without someone looking after them.
Both are audited with the admin's reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.models import (
    AuditAction,
    RepresentedPerson,
    Role,
    RoleGrant,
    User,
    UserStatus,
    id_of,
)
from dasnez_core.permissions import Action, rank, require
from dasnez_core.services import audit
from dasnez_core.services.kommunen import Option
from dasnez_core.services.moderation import check_reason, roles_of
from dasnez_core.services.representation import OFFICE, hand_over, is_represented
from dasnez_core.services.transitions import already_done, done_by, locked_one, lost_to


@dataclass(frozen=True)
class ProxyRow:
    user_id: int
    display_name: str
    person_count: int


def _proxy_ids(db: Session, kommune_id: int) -> set[int]:
    return set(
        db.exec(
            select(RoleGrant.user_id).where(
                RoleGrant.role == Role.PROXY, RoleGrant.kommune_id == kommune_id
            )
        ).all()
    )


def is_proxy(db: Session, kommune_id: int, user_id: int) -> bool:
    return user_id in _proxy_ids(db, kommune_id)


def list_proxies(db: Session, actor: Actor, kommune_id: int) -> list[ProxyRow]:
    """The Kommune's proxies with how many people each represents, by name."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    counts = dict(
        db.exec(
            select(RepresentedPerson.proxy_id, func.count())
            .where(RepresentedPerson.kommune_id == kommune_id)
            .group_by(col(RepresentedPerson.proxy_id))
        ).all()
    )
    rows = db.exec(
        select(User.id, User.display_name)
        .where(col(User.id).in_(_proxy_ids(db, kommune_id)), User.kommune_id == kommune_id)
        .order_by(col(User.display_name), col(User.id))
    ).all()
    return [ProxyRow(uid, name, int(counts.get(uid, 0))) for uid, name in rows if uid is not None]


def office_count(db: Session, actor: Actor, kommune_id: int) -> int:
    """How many represented persons the Kommune's office looks after itself."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    return int(
        db.exec(
            select(func.count())
            .select_from(RepresentedPerson)
            .where(
                RepresentedPerson.kommune_id == kommune_id,
                col(RepresentedPerson.proxy_id).is_(None),
            )
        ).one()
    )


def candidates(db: Session, actor: Actor, kommune_id: int) -> list[Option]:
    """Approved members who could be appointed: no proxy yet, no admin, not represented."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    excluded = select(RoleGrant.user_id).where(
        col(RoleGrant.role).in_([Role.PROXY, Role.KOMMUNE_ADMIN, Role.PLATFORM_ADMIN])
    )
    represented = select(RepresentedPerson.user_id)
    rows = db.exec(
        select(User.id, User.display_name)
        .where(
            User.kommune_id == kommune_id,
            User.status == UserStatus.APPROVED,
            col(User.id).not_in(excluded),
            col(User.id).not_in(represented),
        )
        .order_by(col(User.display_name), col(User.id))
        .limit(500)
    ).all()
    return [Option(str(uid), name) for uid, name in rows]


def appoint_proxy(
    db: Session, actor: Actor, kommune_id: int, user_id: int | None, reason: str
) -> str:
    """Make an approved member of the Kommune a proxy; return their name."""
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    problems = Problems()
    if user_id is None:
        problems.add("user_id", "proxy.choose_person")
    text = problems.check(lambda: check_reason(reason))
    problems.raise_if_any()
    assert user_id is not None and text is not None
    user = locked_one(db, User, col(User.id) == user_id, col(User.kommune_id) == kommune_id)
    if user is None or is_represented(db, user_id):
        raise NotFound("user.not_found")
    if is_proxy(db, kommune_id, user_id):
        raise lost_to(
            db,
            kommune_id,
            ("user", user_id),
            AuditAction.APPOINT_PROXY,
            "proxy.appointed_by",
            "proxy.already_proxy",
            field="user_id",
            name=user.display_name,
        )
    if user.status != UserStatus.APPROVED:
        raise InvalidInput("user_id", "proxy.only_approved")
    if user_id == actor.user_id or rank(roles_of(db, user_id)) >= rank(actor.roles):
        raise NotAllowed("moderation.higher_role")
    db.add(RoleGrant(user_id=user_id, role=Role.PROXY, kommune_id=kommune_id))
    audit.record(
        db,
        actor,
        action=AuditAction.APPOINT_PROXY,
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()
    return user.display_name


def revoke_proxy(
    db: Session,
    actor: Actor,
    kommune_id: int,
    user_id: int | None,
    successor: str,
    reason: str,
) -> tuple[str, int]:
    """Take the proxy role from a person of the Kommune and hand the people they represent
    to `successor` (another proxy's id, or OFFICE). Return (name, how many were handed over).

    Without a successor nothing changes; the successor must be another proxy of the Kommune.
    """
    require(actor, Action.MANAGE_PROXIES, kommune_id)
    problems = Problems()
    if user_id is None:
        problems.add("user_id", "proxy.choose_proxy")
    successor_id: int | None = None
    if successor == OFFICE:
        pass
    elif successor.isdigit() and int(successor) > 0:
        successor_id = int(successor)
    else:
        problems.add("successor", "proxy.successor_required")
    text = problems.check(lambda: check_reason(reason))
    problems.raise_if_any()
    assert user_id is not None and text is not None
    user = locked_one(db, User, col(User.id) == user_id, col(User.kommune_id) == kommune_id)
    if user is None:
        raise NotFound("proxy.not_found")
    if not is_proxy(db, kommune_id, user_id):
        # Of two admins revoking at once, the second is told who did; else not found.
        by = done_by(
            db,
            kommune_id=kommune_id,
            target_type="user",
            target_id=user_id,
            actions=(AuditAction.REVOKE_PROXY,),
        )
        if not by:
            raise NotFound("proxy.not_found")
        raise already_done("user_id", "proxy.revoked_by", by, "", name=user.display_name)
    successor_name = ""
    if successor_id is not None:
        if successor_id == user_id or not is_proxy(db, kommune_id, successor_id):
            raise InvalidInput("successor", "proxy.successor_not_proxy")
        other = db.exec(
            select(User).where(User.id == successor_id, User.kommune_id == kommune_id)
        ).first()
        if other is None or other.status != UserStatus.APPROVED:
            raise InvalidInput("successor", "proxy.successor_not_proxy")
        successor_name = other.display_name
    count = hand_over(db, kommune_id, user_id, successor_id)
    db.execute(
        delete(RoleGrant).where(
            col(RoleGrant.user_id) == user_id,
            col(RoleGrant.role) == Role.PROXY,
            col(RoleGrant.kommune_id) == kommune_id,
        )
    )
    handed = f"{count} → {successor_name or OFFICE}"
    audit.record(
        db,
        actor,
        action=AuditAction.REVOKE_PROXY,
        target_type="user",
        target_id=id_of(user),
        kommune_id=kommune_id,
        reason=f"{text} ({handed})",
    )
    db.flush()
    return user.display_name, count
