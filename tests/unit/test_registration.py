"""Double opt-in: a registration becomes an account only through the link mailed to its
address; the answer never tells whether the address has an account; what is never
confirmed goes after seven days."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, func, select

from dasnez_core import cli
from dasnez_core.errors import InvalidInput
from dasnez_core.models import (
    ConsentRecord,
    PendingRegistration,
    Role,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.services import auth, registration
from dasnez_core.services.approval import count_pending, list_pending
from dasnez_core.throttle import TooManyAttempts, throttle
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

BASE_URL = "https://dasnez.example"
# What a stranger might type as their name to put words into another person's mailbox.
BAIT = "Gewinnspiel Hauptpreis abholen"
FORM: dict[str, Any] = {
    "password": "mein Garten ist grün",
    "display_name": BAIT,
    "accept_privacy": True,
    "accept_terms": True,
}


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db, privacy_version="2026-01", terms_version="3")
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "admin": f.actor(db, f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))),
        "maria": f.user(db, here, "maria@example.org", name="Maria"),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED),
        "anna": f.user(db, other, "anna@example.org", name="Anna"),
    }


def _register(db: Session, w: dict[str, Any], email: str, **change: Any) -> auth.Registration:
    return auth.register(
        db, kommune_slug="delbrueck", area_id=w["boke"].id, email=email, **{**FORM, **change}
    )


def _count(db: Session, model: type[SQLModel]) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def _link(text: str) -> str:
    match = re.search(
        re.escape(BASE_URL) + r"/registrierung-bestaetigen\?token=([A-Za-z0-9_\-]+)", text
    )
    assert match, text
    return match.group(1)


def _queue(db: Session, w: dict[str, Any]) -> list[str]:
    return [p.email for p in list_pending(db, w["admin"], w["here"].id)]


def test_a_new_address_becomes_an_account_only_through_the_link(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    answer = _register(db, world, " Erika@Example.org")
    db.commit()
    assert answer == auth.Registration(kommune_slug="delbrueck", email="erika@example.org")
    # No account yet: no login, nothing in the approval queue, nothing counted.
    assert db.exec(select(User).where(User.email == "erika@example.org")).first() is None
    with pytest.raises(InvalidInput) as err:
        auth.login(db, email="erika@example.org", password=FORM["password"], app="public")
    assert err.value.key == "login.failed"
    assert _queue(db, world) == ["neu@example.org"]
    assert count_pending(db, world["admin"], world["here"].id) == 1
    # The mail names the Kommune, not the name typed on the form.
    [mail] = inbox.to("erika@example.org")
    body = Inbox.text(mail)
    assert "Delbrück" in mail["Subject"] and "7 Tage" in body
    assert "Gewinnspiel" not in body + mail["Subject"]
    token = _link(body)
    row = db.exec(select(PendingRegistration)).one()
    assert row.token_hash != token and row.password_hash.startswith("$argon2id$")
    assert timedelta(days=6) < row.expires_at - utcnow() <= registration.CONFIRM_VALID

    shown = registration.registration_to_confirm(db, token)
    assert (shown.kommune_name, shown.email) == ("Delbrück", "erika@example.org")
    done = registration.confirm_registration(db, token=token)
    db.commit()
    assert (done.kommune_name, done.kommune_slug) == ("Delbrück", "delbrueck")
    user = db.exec(select(User).where(User.email == "erika@example.org")).one()
    assert (user.display_name, user.status, user.kommune_id, user.area_id) == (
        BAIT,
        UserStatus.PENDING,
        world["here"].id,
        world["boke"].id,
    )
    consents = db.exec(select(ConsentRecord).where(ConsentRecord.user_id == user.id)).all()
    assert {(c.document, c.version) for c in consents} == {("privacy", "2026-01"), ("terms", "3")}
    assert all(c.accepted_at == row.created_at for c in consents)
    assert _queue(db, world) == ["neu@example.org", "erika@example.org"]
    assert auth.login(db, email="erika@example.org", password=FORM["password"], app="public")
    assert _count(db, PendingRegistration) == 0
    with pytest.raises(InvalidInput) as err:
        registration.confirm_registration(db, token=token)
    assert err.value.key == "registration.token_invalid"


@pytest.mark.parametrize("owner", ["maria", "pending", "blocked", "anna"])
def test_a_taken_address_gets_the_same_answer_and_its_owner_a_warning(
    db: Session, world: dict[str, Any], inbox: Inbox, owner: str
) -> None:
    person = world[owner]
    before = (person.kommune_id, person.status, person.display_name, person.password_hash)
    users, consents = _count(db, User), _count(db, ConsentRecord)
    new = _register(db, world, "erika@example.org")
    taken = _register(db, world, person.email.upper())
    db.commit()
    # The same kind of answer, built from what was typed only: the page shows the same.
    assert type(taken) is type(new)
    assert taken == auth.Registration(kommune_slug="delbrueck", email=person.email)
    assert (_count(db, User), _count(db, ConsentRecord)) == (users, consents)
    assert db.exec(select(PendingRegistration.email)).all() == ["erika@example.org"]
    db.expire_all()
    person = db.get(User, person.id)
    assert (person.kommune_id, person.status, person.display_name, person.password_hash) == before
    [warning] = inbox.to(person.email)
    body = Inbox.text(warning)
    assert "Delbrück" in body and f"{BASE_URL}/passwort-vergessen" in body
    assert "token=" not in body and "Gewinnspiel" not in body + warning["Subject"]


def test_both_answers_hash_the_password(
    db: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The time of the answer must not tell a taken address either: both paths hash."""
    hashed: list[str] = []
    real = auth.hash_password
    monkeypatch.setattr(auth, "hash_password", lambda pw: hashed.append(pw) or real(pw))
    _register(db, world, "erika@example.org")
    _register(db, world, "maria@example.org")
    assert hashed == [FORM["password"], FORM["password"]]


def test_the_first_confirmed_registration_of_an_address_wins(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    """A stranger's registration with Erika's address must not void Erika's own link."""
    _register(db, world, "erika@example.org", display_name="Fremder Mensch")
    db.commit()
    _register(db, world, "erika@example.org", display_name="Erika Muster")
    db.commit()
    stranger, own = (_link(Inbox.text(m)) for m in inbox.to("erika@example.org"))
    registration.confirm_registration(db, token=own)
    db.commit()
    assert db.exec(select(User.display_name).where(User.email == "erika@example.org")).one() == (
        "Erika Muster"
    )
    with pytest.raises(InvalidInput) as err:
        registration.confirm_registration(db, token=stranger)
    assert err.value.key == "registration.token_invalid"


def test_an_address_taken_meanwhile_cannot_be_confirmed(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    _register(db, world, "erika@example.org")
    db.commit()
    token = _link(Inbox.text(inbox.to("erika@example.org")[0]))
    f.user(db, world["other"], "erika@example.org")
    with pytest.raises(InvalidInput) as err:
        registration.confirm_registration(db, token=token)
    assert err.value.key == "registration.address_taken"


def test_a_district_merged_away_meanwhile_leaves_the_district_open(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    _register(db, world, "erika@example.org")
    db.commit()
    row = db.exec(select(PendingRegistration)).one()
    row.area_id = 999_999
    db.add(row)
    db.flush()
    registration.confirm_registration(db, token=_link(Inbox.text(inbox.messages[-1])))
    assert db.exec(select(User.area_id).where(User.email == "erika@example.org")).one() is None


@pytest.mark.parametrize("token", ["", "ausgedacht", "x" * 500])
def test_forged_links_are_refused(db: Session, world: dict[str, Any], token: str) -> None:
    for call in (
        lambda: registration.registration_to_confirm(db, token),
        lambda: registration.confirm_registration(db, token=token),
    ):
        with pytest.raises(InvalidInput) as err:
            call()
        assert err.value.key == "registration.token_invalid"
    assert _count(db, User) == 5


def test_an_expired_link_is_refused(db: Session, world: dict[str, Any], inbox: Inbox) -> None:
    _register(db, world, "erika@example.org")
    db.commit()
    row = db.exec(select(PendingRegistration)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.add(row)
    db.flush()
    with pytest.raises(InvalidInput) as err:
        registration.confirm_registration(db, token=_link(Inbox.text(inbox.messages[-1])))
    assert err.value.key == "registration.token_expired"


def test_unconfirmed_registrations_are_deleted_after_seven_days(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    _register(db, world, "erika@example.org")
    _register(db, world, "fritz@example.org")
    db.commit()
    now = utcnow()
    assert registration.delete_unconfirmed(db, now=now + timedelta(days=6, hours=23)) == 0
    assert _count(db, PendingRegistration) == 2
    assert registration.delete_unconfirmed(db, now=now + timedelta(days=7, minutes=1)) == 2
    db.commit()
    assert _count(db, PendingRegistration) == 0
    with pytest.raises(InvalidInput):
        registration.confirm_registration(db, token=_link(Inbox.text(inbox.messages[0])))
    assert _count(db, User) == 5


def test_the_cleanup_command_deletes_only_the_old_ones(
    db: Session, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _register(db, world, "alt@example.org")
    _register(db, world, "frisch@example.org")
    old = db.exec(
        select(PendingRegistration).where(PendingRegistration.email == "alt@example.org")
    ).one()
    old.created_at = utcnow() - timedelta(days=8)
    db.add(old)
    db.commit()
    assert cli.main(["cleanup"]) == 0
    assert "1 unconfirmed registrations deleted." in capsys.readouterr().out
    db.expire_all()
    assert db.exec(select(PendingRegistration.email)).all() == ["frisch@example.org"]


def test_a_flood_of_registrations_sends_at_most_five_mails_an_hour(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    # The database cap is the second layer behind the throttle (which holds per process
    # without Redis): clear the throttle's counters so that only the cap is at work here.
    for _ in range(registration.CONFIRMATIONS_PER_HOUR + 2):
        throttle().clear_all()
        assert _register(db, world, "erika@example.org").email == "erika@example.org"
        db.commit()
    assert len(inbox.to("erika@example.org")) == registration.CONFIRMATIONS_PER_HOUR


def test_a_flood_of_registrations_is_stopped_by_the_throttle_with_the_wait_message(
    db: Session, world: dict[str, Any], inbox: Inbox
) -> None:
    answers = []
    for _ in range(registration.CONFIRMATIONS_PER_HOUR + 2):
        try:
            answers.append(_register(db, world, "erika@example.org").email)
            db.commit()
        except TooManyAttempts as refused:
            answers.append(refused.key)
    assert answers.count("erika@example.org") < registration.CONFIRMATIONS_PER_HOUR
    assert answers[-1].startswith("throttle.wait")
    assert len(inbox.to("erika@example.org")) == answers.count("erika@example.org")
