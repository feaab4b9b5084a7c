"""Blocking: only the person's own Kommune's admin, with a reason; sessions end, listings hide."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, Listing, Role, User, UserStatus
from dasnez_core.services import auth
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.moderation import block_user, unblock_user
from dasnez_core.services.sessions import resolve_session
from tests import factories as f


@pytest.fixture
def people(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    area = f.district(db, here)
    _, cat = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org")
    listing_id = create_listing(
        db,
        f.actor(db, maria),
        here.id,
        ListingDraft(
            kind="offer",
            exchange_id=None,
            category_id=cat.id,
            title="Rasen mähen",
            body="Ich mähe gern Ihren Rasen.",
            area_id=area.id,
        ),
    )
    return {
        "here": here,
        "other": other,
        "maria": maria,
        "listing_id": listing_id,
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,)),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
        "citizen": f.user(db, here, "jonas@example.org"),
    }


def test_block_ends_sessions_hides_listings_and_is_audited(db: Session, people: dict) -> None:
    token = auth.login(db, email="maria@example.org", password=f.PASSWORD, app="public").token
    admin = f.actor(db, people["admin"])
    block_user(db, admin, people["here"].id, people["maria"].id, "Wiederholt beleidigend")
    assert db.get(User, people["maria"].id).status == UserStatus.BLOCKED
    assert resolve_session(db, token, "public").is_anonymous
    assert db.get(Listing, people["listing_id"]).status == "suspended"
    event = db.exec(select(AuditEvent)).one()
    assert (event.action, event.reason, event.actor_id) == (
        "block_user",
        "Wiederholt beleidigend",
        admin.user_id,
    )
    unblock_user(db, admin, people["here"].id, people["maria"].id, "Gespräch geführt")
    assert db.get(Listing, people["listing_id"]).status == "published"
    assert db.get(User, people["maria"].id).status == UserStatus.APPROVED


@pytest.mark.parametrize(
    ("who", "kommune", "error"),
    [
        ("admin_other", "other", NotFound),
        ("admin_other", "here", NotAllowed),
        ("citizen", "here", NotAllowed),
        ("anonymous", "here", NotAllowed),
    ],
)
def test_wrong_people_cannot_block(
    db: Session, people: dict, who: str, kommune: str, error: type[Exception]
) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, people[who])
    with pytest.raises(error):
        block_user(db, actor, people[kommune].id, people["maria"].id, "Ich will das so.")
    assert db.get(User, people["maria"].id).status == UserStatus.APPROVED
    assert db.exec(select(AuditEvent)).all() == []


def test_a_reason_is_required(db: Session, people: dict) -> None:
    with pytest.raises(InvalidInput) as err:
        block_user(db, f.actor(db, people["admin"]), people["here"].id, people["maria"].id, "  ")
    assert err.value.key == "moderation.reason_required"
    assert db.get(User, people["maria"].id).status == UserStatus.APPROVED
