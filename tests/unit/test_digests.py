"""Kommune admins' digest of what waits, the reminder after three days, and the profile
settings only the admin themselves can change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import NotAllowed
from dasnez_core.mail import Mail
from dasnez_core.models import Role, UserStatus
from dasnez_core.models.operations import AdminDigestSetting
from dasnez_core.services.digests import (
    get_digest_settings,
    save_digest_settings,
    send_digests,
)
from tests import factories as f

# 10:00 in Delbrück: digests go out in the day only.
MORNING = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def mails(monkeypatch: pytest.MonkeyPatch) -> list[Mail]:
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    return sent


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    admin = f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,), name="Anna")
    other_admin = f.user(db, other, "o@example.org", roles=(Role.KOMMUNE_ADMIN,))
    pending = f.user(db, here, "neu@example.org", status=UserStatus.PENDING)
    pending.created_at = MORNING - timedelta(days=1)
    db.add(pending)
    db.commit()
    return {"here": here, "other": other, "admin": admin, "other_admin": other_admin}


def test_a_digest_counts_what_waits_and_goes_once_a_day(
    db: Session, w: dict[str, Any], mails: list[Mail]
) -> None:
    assert send_digests(db, now=MORNING) == 1
    db.commit()
    [digest] = mails
    assert digest.to == "admin@example.org"
    assert "Freischaltungen: 1" in digest.body and "Anna" in digest.body
    assert "neu@example.org" not in digest.body  # counts only, no names
    # Salzkotten has nothing waiting: its admin gets no mail.
    assert send_digests(db, now=MORNING + timedelta(hours=2)) == 0
    assert send_digests(db, now=MORNING + timedelta(days=1)) == 1
    db.commit()
    assert len(mails) == 2


def test_no_digest_at_night(db: Session, w: dict[str, Any], mails: list[Mail]) -> None:
    assert send_digests(db, now=datetime(2026, 12, 7, 2, 0, tzinfo=UTC)) == 0


def test_something_waiting_three_days_brings_a_reminder_without_the_digest(
    db: Session, w: dict[str, Any], mails: list[Mail]
) -> None:
    actor = f.actor(db, w["admin"])
    save_digest_settings(db, actor, daily_digest=False, overdue_reminder=True)
    db.commit()
    assert send_digests(db, now=MORNING) == 0  # waiting one day only: no reminder
    assert send_digests(db, now=MORNING + timedelta(days=3)) == 1
    db.commit()
    [reminder] = mails
    assert "Erinnerung" in reminder.subject and "1 Vorgänge" in reminder.subject
    assert send_digests(db, now=MORNING + timedelta(days=3, hours=5)) == 0


def test_an_admin_who_turned_both_off_gets_nothing(
    db: Session, w: dict[str, Any], mails: list[Mail]
) -> None:
    actor = f.actor(db, w["admin"])
    assert get_digest_settings(db, actor).daily_digest is True
    save_digest_settings(db, actor, daily_digest=False, overdue_reminder=False)
    db.commit()
    assert get_digest_settings(db, actor).overdue_reminder is False
    assert send_digests(db, now=MORNING + timedelta(days=5)) == 0 and mails == []


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked", "citizen", "platform"])
def test_only_a_kommune_admin_has_digest_settings(db: Session, w: dict[str, Any], who: str) -> None:
    here = w["here"]
    people = {
        "pending": lambda: f.user(db, here, "p@example.org", status=UserStatus.PENDING),
        "blocked": lambda: f.user(db, here, "b@example.org", status=UserStatus.BLOCKED),
        "citizen": lambda: f.user(db, here, "c@example.org"),
        "platform": lambda: f.user(db, here, "pl@example.org", roles=(Role.PLATFORM_ADMIN,)),
    }
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, people[who]())
    with pytest.raises(NotAllowed):
        get_digest_settings(db, actor)
    with pytest.raises(NotAllowed):
        save_digest_settings(db, actor, daily_digest=False, overdue_reminder=False)


def test_an_admin_changes_only_their_own_settings(db: Session, w: dict[str, Any]) -> None:
    save_digest_settings(
        db, f.actor(db, w["other_admin"]), daily_digest=False, overdue_reminder=False
    )
    db.commit()
    assert db.get(AdminDigestSetting, w["admin"].id) is None
    assert get_digest_settings(db, f.actor(db, w["admin"])).daily_digest is True
