"""The demo data is complete and seeding again changes nothing."""

from __future__ import annotations

from sqlmodel import Session, func, select

from dasnez_core.models import Area, Kommune, Listing, User, UserStatus
from dasnez_core.seed import DELBRUECK_ORTSTEILE, seed_demo
from dasnez_core.services.auth import login


def _counts(db: Session) -> tuple[int, ...]:
    return tuple(
        int(db.exec(select(func.count()).select_from(m)).one())
        for m in (Kommune, Area, User, Listing)
    )


def test_seed_is_complete_and_idempotent(db: Session) -> None:
    logins = seed_demo(db)
    delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
    names = set(db.exec(select(Area.name).where(Area.kommune_id == delbrueck.id)).all())
    assert names == set(DELBRUECK_ORTSTEILE) and len(names) == 12
    assert (
        db.exec(
            select(func.count()).select_from(Listing).where(Listing.kommune_id == delbrueck.id)
        ).one()
        >= 12
    )
    roles = {entry.role for entry in logins}
    assert {
        "kommune_admin",
        "citizen",
        "proxy",
        "institution_member",
        "platform_admin",
        "citizen (pending)",
    } <= roles
    assert db.exec(select(User).where(User.status == UserStatus.PENDING)).first() is not None
    before = _counts(db)
    seed_demo(db)
    assert _counts(db) == before
    assert login(db, email=logins[0].email, password=logins[0].password, app="admin").token
