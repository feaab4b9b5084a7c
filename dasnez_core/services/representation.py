"""Who stands in for whom: the small lookups that contact, approval and the mail routing
share (models only, so any service may import it)."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col, select

from dasnez_core.models import RepresentedPerson, Role, RoleGrant, User, UserStatus

# The successor that hands represented persons to the Kommune's office (also how the audit
# log names it).
OFFICE = "office"


def represented_ids(db: Session, proxy_id: int | None, kommune_id: int | None) -> list[int]:
    """The account ids of the people `proxy_id` represents in `kommune_id`."""
    if proxy_id is None or kommune_id is None:
        return []
    return list(
        db.exec(
            select(RepresentedPerson.user_id).where(
                RepresentedPerson.proxy_id == proxy_id,
                RepresentedPerson.kommune_id == kommune_id,
            )
        ).all()
    )


def office_ids(db: Session, kommune_id: int | None) -> list[int]:
    """The account ids of the people of `kommune_id` its office looks after (no proxy)."""
    if kommune_id is None:
        return []
    return list(
        db.exec(
            select(RepresentedPerson.user_id).where(
                col(RepresentedPerson.proxy_id).is_(None),
                RepresentedPerson.kommune_id == kommune_id,
            )
        ).all()
    )


def office_staff(db: Session, kommune_id: int) -> list[User]:
    """The approved admins of the Kommune: its office, who read and answer for the people
    it looks after."""
    admins = select(RoleGrant.user_id).where(
        RoleGrant.role == Role.KOMMUNE_ADMIN, RoleGrant.kommune_id == kommune_id
    )
    return list(
        db.exec(
            select(User)
            .where(col(User.id).in_(admins), User.status == UserStatus.APPROVED)
            .order_by(col(User.id))
        ).all()
    )


def hand_over(db: Session, kommune_id: int | None, proxy_id: int, successor_id: int | None) -> int:
    """Hand every person `proxy_id` represents in `kommune_id` (None: in any Kommune) to
    `successor_id`, another proxy, or with None to the Kommune's office; return how many.
    Revoking, blocking and deleting a proxy all go through here: nobody is left without
    someone looking after them."""
    where = [col(RepresentedPerson.proxy_id) == proxy_id]
    if kommune_id is not None:
        where.append(col(RepresentedPerson.kommune_id) == kommune_id)
    persons = db.exec(select(RepresentedPerson.id).where(*where)).all()
    if persons:
        db.execute(update(RepresentedPerson).where(*where).values(proxy_id=successor_id))
    return len(persons)


def represented_names(db: Session, user_ids: list[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.exec(select(User.id, User.display_name).where(col(User.id).in_(user_ids))).all()
    return {uid: name for uid, name in rows if uid is not None}


def proxy_of(db: Session, user_id: int | None) -> User | None:
    """The proxy of a represented person (None for anybody else, and for a person the
    Kommune's office looks after)."""
    if user_id is None:
        return None
    proxy_id = db.exec(
        select(RepresentedPerson.proxy_id).where(RepresentedPerson.user_id == user_id)
    ).first()
    return db.get(User, proxy_id) if proxy_id is not None else None


def is_represented(db: Session, user_id: int | None) -> bool:
    if user_id is None:
        return False
    found = db.exec(
        select(RepresentedPerson.id).where(RepresentedPerson.user_id == user_id)
    ).first()
    return found is not None


def first_name(display_name: str) -> str:
    """The first word of a name: all the public pages show of a represented person."""
    words = display_name.split()
    return words[0] if words else display_name


def full_names(db: Session, user_ids: list[int]) -> dict[int, str]:
    """The full names of those of `user_ids` who are represented (for proxies and admins)."""
    if not user_ids:
        return {}
    rows = db.exec(
        select(RepresentedPerson.user_id, RepresentedPerson.full_name).where(
            col(RepresentedPerson.user_id).in_(user_ids)
        )
    ).all()
    return dict(rows)


def represented_proxy_names(db: Session, user_ids: list[int]) -> dict[int, str]:
    """For those of `user_ids` who are represented: their proxy's name ("" when the
    Kommune's office looks after them)."""
    if not user_ids:
        return {}
    rows = db.exec(
        select(RepresentedPerson.user_id, User.display_name)
        .join(User, col(User.id) == RepresentedPerson.proxy_id, isouter=True)
        .where(col(RepresentedPerson.user_id).in_(user_ids))
    ).all()
    return {uid: name or "" for uid, name in rows}
