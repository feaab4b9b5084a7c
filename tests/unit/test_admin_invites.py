"""Admins of a Kommune: the list, inviting a further admin (existing person or new account
with a one-time link), taking rights back; always only within the own Kommune."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    AccountToken,
    AccountTokenPurpose,
    AuditEvent,
    Role,
    RoleGrant,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.passwords import verify_password
from dasnez_core.services import auth
from dasnez_core.services.account import reset_password
from dasnez_core.services.admin_invites import (
    INVITATION_VALID,
    invite_admin,
    list_admins,
    revoke_admin,
)
from dasnez_core.services.sessions import actor_for
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

BASE_URL = "https://dasnez.example"
NEW_PASSWORD = "Die Linde blüht am Marktplatz"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    admin = f.user(db, here, "admin@here.example", roles=(Role.KOMMUNE_ADMIN,), name="Amt")
    second = f.user(db, here, "zweit@here.example", roles=(Role.KOMMUNE_ADMIN,), name="Zweit")
    other_admin = f.user(db, other, "admin@other.example", roles=(Role.KOMMUNE_ADMIN,))
    return {
        "here": here,
        "other": other,
        "admin_user": admin,
        "second": second,
        "admin": f.actor(db, admin),
        "other_admin": f.actor(db, other_admin),
        "maria": f.user(db, here, "maria@example.org", name="Maria"),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED),
        "anna": f.user(db, other, "anna@example.org", name="Anna"),
    }


def _count(db: Session, model: type[SQLModel]) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def _audits(db: Session, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_the_list_shows_this_kommunes_admins(db: Session, world: dict[str, Any]) -> None:
    admins = list_admins(db, world["admin"], world["here"].id)
    assert [(a.display_name, a.email, a.is_you) for a in admins] == [
        ("Amt", "admin@here.example", True),
        ("Zweit", "zweit@here.example", False),
    ]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", admins[0].since)
    english = list_admins(db, world["admin"], world["here"].id, "en")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", english[0].since)


def test_an_approved_person_of_this_kommune_gets_the_role(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    result = invite_admin(
        db, world["admin"], world["here"].id, email=" Maria@Example.org ", display_name=""
    )
    db.commit()
    assert (result.display_name, result.created) == ("Maria", False)
    maria = actor_for(db, world["maria"])
    assert maria.admin_of == frozenset({world["here"].id})
    [audit] = _audits(db, "invite_admin")
    assert (audit.actor_id, audit.target_id, audit.kommune_id) == (
        world["admin"].user_id,
        world["maria"].id,
        world["here"].id,
    )
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Sie verwalten jetzt dasnez Delbrück"
    assert "Amt hat Ihnen Verwaltungsrechte" in Inbox.text(mail)
    assert _count(db, AccountToken) == 0


def test_an_unknown_address_gets_an_account_and_a_one_time_link(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    result = invite_admin(
        db,
        world["admin"],
        world["here"].id,
        email="Leitung@Rathaus.example",
        display_name="  Petra   Amtmann ",
    )
    db.commit()
    assert (result.display_name, result.email, result.created) == (
        "Petra Amtmann",
        "leitung@rathaus.example",
        True,
    )
    user = db.exec(select(User).where(User.email == "leitung@rathaus.example")).one()
    assert (user.kommune_id, user.status) == (world["here"].id, UserStatus.APPROVED)
    assert actor_for(db, user).admin_of == frozenset({world["here"].id})
    # Nobody knows the password: neither an empty one nor the inviter's.
    for guess in ("", f.PASSWORD, "leitung@rathaus.example"):
        assert not verify_password(guess, user.password_hash)
    token_row = db.exec(select(AccountToken)).one()
    assert token_row.purpose == AccountTokenPurpose.PASSWORD_RESET
    assert INVITATION_VALID - timedelta(minutes=1) < token_row.expires_at - utcnow()
    [mail] = inbox.to("leitung@rathaus.example")
    assert mail["Subject"] == "Einladung in die Verwaltung von dasnez Delbrück"
    body = Inbox.text(mail)
    match = re.search(re.escape(BASE_URL) + r"/passwort-neu\?token=([A-Za-z0-9_\-]+)", body)
    assert match and "7 Tage" in body
    [audit] = _audits(db, "invite_admin")
    assert audit.target_id == user.id and audit.reason == "new account"

    # The link sets a password once; then the new admin logs in to the portal.
    reset_password(db, token=match.group(1), new_password=NEW_PASSWORD)
    db.commit()
    login = auth.login(
        db, email="leitung@rathaus.example", password=NEW_PASSWORD, app=auth.ADMIN_APP
    )
    assert login.actor.admin_of == frozenset({world["here"].id})
    with pytest.raises(InvalidInput):
        reset_password(db, token=match.group(1), new_password=NEW_PASSWORD + "!")


@pytest.mark.parametrize(
    ("email", "key"),
    [
        ("neu@example.org", "admins.not_approved"),
        ("weg@example.org", "admins.blocked"),
        ("zweit@here.example", "admins.already_admin"),
        ("kein-at-zeichen", "email.invalid"),
        ("", "email.required"),
    ],
)
def test_refusals_say_why_and_change_nothing(
    db: Session, world: dict[str, Any], email: str, key: str
) -> None:
    grants, users = _count(db, RoleGrant), _count(db, User)
    with pytest.raises(InvalidInput) as err:
        invite_admin(db, world["admin"], world["here"].id, email=email, display_name="Jemand")
    assert err.value.key == key
    assert (_count(db, RoleGrant), _count(db, User)) == (grants, users)
    assert _audits(db, "invite_admin") == []


@pytest.mark.parametrize("address", ["Anna@Example.org", "admin@other.example"])
def test_another_kommunes_account_is_answered_as_a_new_address(
    db: Session, world: dict[str, Any], inbox: Inbox, address: str
) -> None:
    """An invitation must not tell that an address has an account in another Kommune, nor
    take that account over; only its owner hears of it (without the inviter's name)."""
    fresh = invite_admin(
        db, world["admin"], world["here"].id, email="Leer@Rathaus.example", display_name="Jemand"
    )
    db.commit()
    grants, users = _count(db, RoleGrant), _count(db, User)
    audits = len(_audits(db, "invite_admin"))
    owner = db.exec(select(User).where(User.email == address.lower())).one()
    before = (owner.kommune_id, owner.status, owner.display_name, owner.password_hash)

    taken = invite_admin(db, world["admin"], world["here"].id, email=address, display_name="Jemand")
    db.commit()
    assert (taken.display_name, taken.created) == (fresh.display_name, fresh.created)
    assert taken.email == address.lower()
    assert (_count(db, RoleGrant), _count(db, User)) == (grants, users)
    assert len(_audits(db, "invite_admin")) == audits
    db.expire_all()
    owner = db.exec(select(User).where(User.email == address.lower())).one()
    assert (owner.kommune_id, owner.status, owner.display_name, owner.password_hash) == before
    assert actor_for(db, owner).admin_of <= frozenset({world["other"].id})
    [notice] = inbox.to(address.lower())
    body = Inbox.text(notice)
    assert "Delbrück" in body and "anderen Kommune" in body and "Amt" not in body
    assert "token=" not in body
    # A missing name is refused exactly as for a new address.
    with pytest.raises(InvalidInput) as err:
        invite_admin(db, world["admin"], world["here"].id, email=address, display_name=" ")
    assert err.value.key == "display_name.too_short"


def test_a_new_account_needs_a_name(db: Session, world: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as err:
        invite_admin(db, world["admin"], world["here"].id, email="x@y.example", display_name=" ")
    assert err.value.key == "display_name.too_short"
    assert db.exec(select(User).where(User.email == "x@y.example")).first() is None


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other_admin", "platform"])
def test_only_this_kommunes_admins_invite(db: Session, world: dict[str, Any], who: str) -> None:
    actor = {
        "anonymous": ANONYMOUS,
        "citizen": f.actor(db, world["maria"]),
        "other_admin": world["other_admin"],
        "platform": f.actor(
            db, f.user(db, world["other"], "betrieb@example.org", roles=(Role.PLATFORM_ADMIN,))
        ),
    }[who]
    grants = _count(db, RoleGrant)
    with pytest.raises(NotAllowed):
        invite_admin(db, actor, world["here"].id, email="maria@example.org", display_name="Maria")
    with pytest.raises(NotAllowed):
        list_admins(db, actor, world["here"].id)
    with pytest.raises(NotAllowed):
        revoke_admin(db, actor, world["here"].id, world["second"].id, "Stelle gewechselt")
    assert _count(db, RoleGrant) == grants and _count(db, AuditEvent) == 0


def test_rights_are_taken_back_with_a_reason(db: Session, world: dict[str, Any]) -> None:
    here = world["here"].id
    with pytest.raises(InvalidInput) as err:
        revoke_admin(db, world["admin"], here, world["second"].id, "  ")
    assert err.value.key == "moderation.reason_required"
    with pytest.raises(NotAllowed):
        revoke_admin(db, world["admin"], here, world["admin"].user_id, "Ich höre auf")
    for not_admin in (world["maria"].id, world["other_admin"].user_id, 999_999):
        with pytest.raises(NotFound):
            revoke_admin(db, world["admin"], here, not_admin, "Stelle gewechselt")
    assert _audits(db, "revoke_admin") == []

    name = revoke_admin(db, world["admin"], here, world["second"].id, "Stelle gewechselt")
    assert name == "Zweit"
    assert actor_for(db, world["second"]).admin_of == frozenset()
    [audit] = _audits(db, "revoke_admin")
    assert (audit.target_id, audit.reason) == (world["second"].id, "Stelle gewechselt")
    assert [a.display_name for a in list_admins(db, world["admin"], here)] == ["Amt"]
    # The other Kommune's admin keeps their rights.
    assert (
        world["other_admin"].admin_of
        == actor_for(db, db.get(User, world["other_admin"].user_id)).admin_of
    )


def test_platform_staff_who_also_administer_the_kommune_keep_their_rights(
    db: Session, world: dict[str, Any]
) -> None:
    here = world["here"].id
    operator = f.user(
        db, world["here"], "betrieb@here.example", roles=(Role.PLATFORM_ADMIN, Role.KOMMUNE_ADMIN)
    )
    with pytest.raises(NotAllowed) as err:
        revoke_admin(db, world["admin"], here, operator.id, "Stelle gewechselt")
    assert err.value.key == "moderation.higher_role"
    assert here in actor_for(db, operator).admin_of
    assert _audits(db, "revoke_admin") == []
