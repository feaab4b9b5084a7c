"""Freischaltung: only the person's own Kommune's admin approves; others get 'not found'."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, Role, User, UserStatus
from dasnez_core.services.approval import approve_user, list_pending
from tests import factories as f


@pytest.fixture
def two_kommunen(db: Session) -> dict[str, object]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    area = f.district(db, here)
    return {
        "here": here,
        "other": other,
        "newcomer": f.user(
            db, here, "neu@example.org", status=UserStatus.PENDING, area=area, name="Peter Neumann"
        ),
        "admin_here": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,)),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
        "citizen": f.user(db, here, "maria@example.org"),
        "platform": f.user(db, other, "ops@example.org", roles=(Role.PLATFORM_ADMIN,)),
    }


def test_admin_sees_and_approves_own_pending_person(db: Session, two_kommunen: dict) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    admin = f.actor(db, two_kommunen["admin_here"])
    queue = list_pending(db, admin, here.id)
    assert [(p.display_name, p.area_name) for p in queue] == [("Peter Neumann", "Boke")]
    approve_user(db, admin, here.id, newcomer.id)
    assert db.get(User, newcomer.id).status == UserStatus.APPROVED
    event = db.exec(select(AuditEvent)).one()
    assert (event.action, event.target_id, event.actor_id, event.kommune_id) == (
        "approve_user",
        newcomer.id,
        admin.user_id,
        here.id,
    )
    assert list_pending(db, admin, here.id) == []
    with pytest.raises(InvalidInput):
        approve_user(db, admin, here.id, newcomer.id)


def test_other_kommunes_admin_gets_not_found_and_nothing_changes(
    db: Session, two_kommunen: dict
) -> None:
    other, newcomer = two_kommunen["other"], two_kommunen["newcomer"]
    admin_other = f.actor(db, two_kommunen["admin_other"])
    assert list_pending(db, admin_other, other.id) == []
    with pytest.raises(NotFound):
        approve_user(db, admin_other, other.id, newcomer.id)
    # Naming the person's real Kommune does not help: the admin does not administer it.
    with pytest.raises(NotAllowed):
        approve_user(db, admin_other, two_kommunen["here"].id, newcomer.id)
    assert db.get(User, newcomer.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []


@pytest.mark.parametrize("who", ["anonymous", "citizen", "newcomer", "platform"])
def test_non_admins_are_refused(db: Session, two_kommunen: dict, who: str) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, two_kommunen[who])
    with pytest.raises(NotAllowed):
        list_pending(db, actor, here.id)
    with pytest.raises(NotAllowed):
        approve_user(db, actor, here.id, newcomer.id)
    assert db.get(User, newcomer.id).status == UserStatus.PENDING


def test_blocked_admin_is_refused(db: Session, two_kommunen: dict) -> None:
    admin = two_kommunen["admin_here"]
    admin.status = UserStatus.BLOCKED
    db.add(admin)
    db.flush()
    with pytest.raises(NotAllowed):
        approve_user(db, f.actor(db, admin), two_kommunen["here"].id, two_kommunen["newcomer"].id)
