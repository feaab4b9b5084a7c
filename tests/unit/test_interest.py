""" "Ihre Kommune ist noch nicht dabei.": the interest form with double opt-in, demand per
postcode and Kreis for platform staff only, and deletion after 12 months."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.cli import main as cli_main
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import InterestSignup, Role, UserStatus, utcnow
from dasnez_core.services.interest import (
    clean_kreis,
    confirm_interest,
    delete_expired_signups,
    interest_demand,
    signup_interest,
)
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", "https://dasnez.example")
        yield box


def _token(inbox: Inbox, to: str) -> str:
    text = Inbox.text(inbox.to(to)[-1])
    match = re.search(r"https://dasnez\.example/interesse-bestaetigen\?token=([\w\-]+)", text)
    assert match, text
    return match.group(1)


def _count(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(InterestSignup)).one())


def test_a_signup_counts_only_once_confirmed(db: Session, inbox: Inbox) -> None:
    assert (
        signup_interest(
            db, email=" Lea@Example.org ", postcode="33100", role="citizen", kreis="Kreis Paderborn"
        )
        == "lea@example.org"
    )
    db.commit()
    row = db.exec(select(InterestSignup)).one()
    assert (row.postcode, row.kreis, row.role, row.confirmed_at) == (
        "33100",
        "Paderborn",
        "citizen",
        None,
    )
    assert len(row.token_hash) == 64  # only the hash is kept
    token = _token(inbox, "lea@example.org")
    assert confirm_interest(db, token).postcode == "33100"
    db.commit()
    assert db.exec(select(InterestSignup)).one().confirmed_at is not None
    # Opening the link again is fine; a made-up link is refused.
    confirm_interest(db, token)
    with pytest.raises(InvalidInput) as caught:
        confirm_interest(db, "erfunden")
    assert caught.value.key == "interest.token_invalid"


def test_bad_input_is_named_and_nothing_kept(db: Session, inbox: Inbox) -> None:
    with pytest.raises(InvalidInput) as caught:
        signup_interest(db, email="kein-at", postcode="3310", role="mayor")
    assert {p.field for p in caught.value.problems} == {"email", "postcode", "role"}
    db.rollback()
    assert _count(db) == 0 and inbox.messages == []


def test_a_repeat_sends_no_further_mail_and_reveals_nothing(db: Session, inbox: Inbox) -> None:
    for _ in range(5):
        assert (
            signup_interest(db, email="lea@example.org", postcode="33100", role="institution")
            == "lea@example.org"
        )
        db.commit()
    assert len(inbox.to("lea@example.org")) == 3
    confirm_interest(db, _token(inbox, "lea@example.org"))
    db.commit()


def test_an_old_link_is_expired(db: Session, inbox: Inbox) -> None:
    signup_interest(db, email="lea@example.org", postcode="33100", role="citizen")
    db.commit()
    row = db.exec(select(InterestSignup)).one()
    row.created_at = utcnow() - timedelta(days=8)
    db.add(row)
    db.commit()
    with pytest.raises(InvalidInput) as caught:
        confirm_interest(db, _token(inbox, "lea@example.org"))
    assert caught.value.key == "interest.token_expired"


def test_signups_are_deleted_after_twelve_months_unconfirmed_after_seven_days(
    db: Session,
) -> None:
    now = utcnow()
    for email, age, confirmed in (
        ("alt@example.org", 366, True),
        ("jung@example.org", 300, True),
        ("unbestaetigt@example.org", 8, False),
        ("frisch@example.org", 1, False),
    ):
        db.add(
            InterestSignup(
                email=email,
                postcode="33100",
                role="citizen",
                token_hash=email.ljust(64, "x")[:64],
                created_at=now - timedelta(days=age),
                confirmed_at=now - timedelta(days=age) if confirmed else None,
            )
        )
    db.commit()
    assert delete_expired_signups(db) == 2
    db.commit()
    assert sorted(r.email for r in db.exec(select(InterestSignup))) == [
        "frisch@example.org",
        "jung@example.org",
    ]


def test_the_cli_command_deletes_what_is_due(
    db: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    db.add(
        InterestSignup(
            email="alt@example.org",
            postcode="33100",
            role="citizen",
            token_hash="a" * 64,
            created_at=utcnow() - timedelta(days=400),
        )
    )
    db.commit()
    assert cli_main(["interest-cleanup"]) == 0
    assert "1 interest sign-ups deleted." in capsys.readouterr().out
    assert _count(db) == 0


@pytest.fixture
def staff(db: Session) -> dict[str, Any]:
    here = f.kommune(db, postcodes="33129, 33130", kreis="Paderborn")
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    people = {
        "platform": f.user(db, here, "betrieb@dasnez.example", roles=(Role.PLATFORM_ADMIN,)),
        "kommune admin": f.user(db, here, "admin@x.example", roles=(Role.KOMMUNE_ADMIN,)),
        "other kommune's admin": f.user(db, other, "a@y.example", roles=(Role.KOMMUNE_ADMIN,)),
        "citizen": f.user(db, here, "maria@example.org"),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED),
    }
    now = utcnow()
    rows = (
        ("33100", "Paderborn", "citizen", True),
        ("33100", "", "citizen", True),
        ("33100", "", "administration", True),
        ("33130", "", "institution", True),  # a neighbour's postcode: Kreis from it
        ("59555", "Soest", "citizen", True),
        ("59555", "Soest", "citizen", False),  # unconfirmed: not demand
    )
    for i, (postcode, kreis, role, confirmed) in enumerate(rows):
        db.add(
            InterestSignup(
                email=f"p{i}@example.org",
                postcode=postcode,
                kreis=kreis,
                role=role,
                token_hash=str(i).ljust(64, "x"),
                confirmed_at=now if confirmed else None,
            )
        )
    db.commit()
    return {k: f.actor(db, u) for k, u in people.items()} | {"anonymous": ANONYMOUS}


def test_platform_staff_see_demand_per_postcode_and_kreis(
    db: Session, staff: dict[str, Any]
) -> None:
    demand = interest_demand(db, staff["platform"])
    assert [
        (r.key, r.kreis, r.total, r.citizens, r.administration, r.institutions)
        for r in demand.by_postcode
    ] == [
        ("33100", "Paderborn", 3, 2, 1, 0),
        ("33130", "Paderborn", 1, 0, 0, 1),
        ("59555", "Soest", 1, 1, 0, 0),
    ]
    assert [(r.key, r.total) for r in demand.by_kreis] == [("Paderborn", 4), ("Soest", 1)]
    assert (demand.waiting, demand.unconfirmed, demand.notified) == (5, 1, 0)
    only = interest_demand(db, staff["platform"], kreis="Kreis Soest")
    assert [r.key for r in only.by_postcode] == ["59555"]


@pytest.mark.parametrize(
    "who",
    ["anonymous", "citizen", "pending", "blocked", "kommune admin", "other kommune's admin"],
)
def test_nobody_else_sees_demand(db: Session, staff: dict[str, Any], who: str) -> None:
    with pytest.raises(NotAllowed):
        interest_demand(db, staff[who])


def test_kreis_spellings_count_as_one() -> None:
    assert clean_kreis("Kreis Paderborn") == clean_kreis("paderborn") == "Paderborn"
    assert clean_kreis("  ") == ""
