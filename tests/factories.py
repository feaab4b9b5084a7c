"""Test data in one place: Kommunen with master data, people in every role."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.models import (
    Area,
    AreaKind,
    Category,
    Exchange,
    ExchangeType,
    Kommune,
    Role,
    RoleGrant,
    SocialSpace,
    User,
    UserStatus,
)
from dasnez_core.passwords import hash_password
from dasnez_core.services.sessions import actor_for

PASSWORD = "ein langer Testsatz 42"
_hash_cache: dict[str, str] = {}


def kommune(
    db: Session, slug: str = "delbrueck", name: str = "Delbrück", **fields: object
) -> Kommune:
    k = Kommune(slug=slug, name=name, **fields)  # type: ignore[arg-type]
    db.add(k)
    db.flush()
    return k


def district(db: Session, k: Kommune, name: str = "Boke") -> Area:
    a = Area(kommune_id=k.id, kind=AreaKind.DISTRICT, name=name)
    db.add(a)
    db.flush()
    return a


def village(db: Session, parent: Area, name: str) -> Area:
    a = Area(kommune_id=parent.kommune_id, parent_id=parent.id, kind=AreaKind.VILLAGE, name=name)
    db.add(a)
    db.flush()
    return a


def exchange_with_category(
    db: Session,
    k: Kommune,
    ex_type: str = ExchangeType.NACHBARSCHAFT,
    category: str = "Alltagshilfe",
) -> tuple[Exchange, Category]:
    ex = Exchange(kommune_id=k.id, type=ex_type)
    db.add(ex)
    db.flush()
    cat = Category(kommune_id=k.id, exchange_id=ex.id, name=category)
    db.add(cat)
    db.flush()
    return ex, cat


def social_space(db: Session, k: Kommune, name: str = "Pfarrei St. Johannes") -> SocialSpace:
    s = SocialSpace(kommune_id=k.id, kind="parish", name=name)
    db.add(s)
    db.flush()
    return s


def user(
    db: Session,
    k: Kommune,
    email: str,
    *,
    status: str = UserStatus.APPROVED,
    roles: tuple[str, ...] = (),
    area: Area | None = None,
    name: str = "",
) -> User:
    if PASSWORD not in _hash_cache:
        _hash_cache[PASSWORD] = hash_password(PASSWORD)
    u = User(
        email=email,
        password_hash=_hash_cache[PASSWORD],
        display_name=name or email,
        kommune_id=k.id,
        area_id=area.id if area else None,
        status=status,
    )
    db.add(u)
    db.flush()
    for role in roles:
        scope = None if role == Role.PLATFORM_ADMIN else k.id
        db.add(RoleGrant(user_id=u.id, role=role, kommune_id=scope))
    db.flush()
    return u


def actor(db: Session, u: User) -> Actor:
    return actor_for(db, u)


def later(delta_minutes: int) -> timedelta:
    return timedelta(minutes=delta_minutes)
