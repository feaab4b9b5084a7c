"""Retention: each kind of personal data goes when its period ends (the Kommune's own
period within the platform's limits); inactive accounts are warned first; the job logs
counts, never contents."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.mail import Mail
from dasnez_core.models import (
    Agreement,
    AuditEvent,
    Conversation,
    Listing,
    ListingStatus,
    Message,
    Role,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.models.operations import AccountActivity, MailOutbox, MailStatus
from dasnez_core.services.retention import (
    ACCOUNT_WARNING,
    apply_retention,
    get_periods,
    periods_of,
    set_periods,
)
from tests import factories as f


@pytest.fixture
def mails(monkeypatch: pytest.MonkeyPatch) -> list[Mail]:
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    return sent


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    _, cat = f.exchange_with_category(db, here)
    admin = f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    erika = f.user(db, here, "erika@example.org")
    otto = f.user(db, here, "otto@example.org")
    db.commit()
    return {"here": here, "other": other, "cat": cat, "admin": admin, "erika": erika, "otto": otto}


def _count(db: Session, model: Any) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


def test_periods_default_and_a_kommune_sets_its_own_within_limits(
    db: Session, w: dict[str, Any]
) -> None:
    admin = f.actor(db, w["admin"])
    here = w["here"].id
    assert periods_of(db, here)["listings_ended"] == 180
    set_periods(db, admin, here, {"listings_ended": "90", "audit_events": "1095"})
    db.commit()
    assert periods_of(db, here)["listings_ended"] == 90
    assert periods_of(db, w["other"].id)["listings_ended"] == 180
    with pytest.raises(InvalidInput) as err:
        set_periods(db, admin, here, {"listings_ended": "5", "accounts_inactive": "viele"})
    assert {p.field for p in err.value.problems} == {
        "retention_listings_ended",
        "retention_accounts_inactive",
    }
    db.rollback()
    assert periods_of(db, here)["listings_ended"] == 90  # nothing half-saved
    # The platform's fixed periods cannot be changed by a Kommune.
    set_periods(db, admin, here, {"mail_log": "3650"})
    assert periods_of(db, here)["mail_log"] == 30
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "set_retention")).first()


@pytest.mark.parametrize(
    "who", ["anonymous", "pending", "blocked", "citizen", "other_admin", "platform"]
)
def test_only_the_kommunes_admin_sets_its_periods(db: Session, w: dict[str, Any], who: str) -> None:
    here, other = w["here"], w["other"]
    people = {
        "pending": lambda: f.user(db, here, "p@example.org", status=UserStatus.PENDING),
        "blocked": lambda: f.user(db, here, "b@example.org", status=UserStatus.BLOCKED),
        "citizen": lambda: w["erika"],
        "other_admin": lambda: f.user(db, other, "o@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "platform": lambda: f.user(db, here, "pl@example.org", roles=(Role.PLATFORM_ADMIN,)),
    }
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, people[who]())
    with pytest.raises(NotAllowed):
        get_periods(db, actor, here.id)
    with pytest.raises(NotAllowed):
        set_periods(db, actor, here.id, {"listings_ended": "60"})


def test_ended_listings_go_with_their_conversations_agreements_stay(
    db: Session, w: dict[str, Any]
) -> None:
    now = utcnow()
    old = f.listing_of(db, w["erika"], w["cat"], title="Alt")
    old.status, old.closed_at = ListingStatus.CLOSED, now - timedelta(days=200)
    old.updated_at = old.expires_at = now - timedelta(days=200)
    fresh = f.listing_of(db, w["erika"], w["cat"], title="Neu")
    talk = f.conversation_about(db, old, w["otto"])
    f.message_in(db, talk, w["otto"], "Hallo")
    agreement = f.agreement_on(db, talk, helper=w["erika"], seeker=w["otto"])
    db.commit()
    report = apply_retention(db, now=now)
    db.commit()
    assert report.counts["listings_deleted"] == 1
    assert db.get(Listing, old.id) is None and db.get(Listing, fresh.id) is not None
    assert _count(db, Message) == 0 and _count(db, Conversation) == 0
    kept = db.get(Agreement, agreement.id)
    assert kept is not None and kept.listing_id is None and kept.conversation_id is None


def test_quiet_conversations_go_after_their_period(db: Session, w: dict[str, Any]) -> None:
    listing = f.listing_of(db, w["erika"], w["cat"])
    talk = f.conversation_about(db, listing, w["otto"])
    f.message_in(db, talk, w["otto"], "Hallo")
    talk.last_message_at = utcnow() - timedelta(days=400)
    db.add(talk)
    db.commit()
    assert apply_retention(db).counts["conversations_deleted"] == 1
    assert db.get(Listing, listing.id) is not None


def test_an_inactive_account_is_warned_then_deleted_admins_never(
    db: Session, w: dict[str, Any], mails: list[Mail]
) -> None:
    long_ago = utcnow() - timedelta(days=800)
    for person in (w["erika"], w["admin"]):
        person.created_at = long_ago
        db.add(person)
    db.commit()
    report = apply_retention(db)
    db.commit()
    assert report.counts == {"accounts_warned": 1}
    [warning] = mails
    assert warning.to == "erika@example.org" and "gelöscht" in warning.subject
    # Warned, but the month is not over: still there.
    assert apply_retention(db).counts == {}
    assert db.get(User, w["erika"].id) is not None
    later = utcnow() + ACCOUNT_WARNING + timedelta(days=1)
    # (The warning itself has left the mail log by then, too.)
    assert apply_retention(db, now=later).counts == {"accounts_deleted": 1, "mail_log_deleted": 1}
    db.commit()
    assert db.get(User, w["erika"].id) is None
    assert db.get(User, w["admin"].id) is not None


def test_logging_in_after_the_warning_keeps_the_account(
    db: Session, w: dict[str, Any], mails: list[Mail]
) -> None:
    w["erika"].created_at = utcnow() - timedelta(days=800)
    db.add(w["erika"])
    db.commit()
    apply_retention(db)
    db.commit()
    activity = db.get(AccountActivity, w["erika"].id)
    assert activity is not None
    activity.last_seen_at = utcnow()
    db.add(activity)
    db.commit()
    later = utcnow() + ACCOUNT_WARNING + timedelta(days=1)
    assert "accounts_deleted" not in apply_retention(db, now=later).counts
    assert db.get(User, w["erika"].id) is not None


def test_old_audit_events_and_mail_log_go_and_the_log_has_counts_only(
    db: Session, w: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    now = utcnow()
    db.add(
        AuditEvent(
            kommune_id=w["here"].id,
            action="block_user",
            target_type="user",
            reason="geheimer Grund",
            at=now - timedelta(days=1200),
        )
    )
    db.add(AuditEvent(kommune_id=w["here"].id, action="block_user", target_type="user"))
    db.add(
        MailOutbox(
            to_address="erika@example.org",
            subject="s",
            status=MailStatus.SENT,
            created_at=now - timedelta(days=40),
        )
    )
    db.add(MailOutbox(to_address="neu@example.org", subject="s", status=MailStatus.PENDING))
    db.commit()
    with caplog.at_level(logging.INFO, logger="dasnez.retention"):
        report = apply_retention(db, now=now)
    db.commit()
    assert report.counts == {"audit_events_deleted": 1, "mail_log_deleted": 1}
    assert _count(db, AuditEvent) == 1 and _count(db, MailOutbox) == 1
    logged = " ".join(f"{r.getMessage()} {r.__dict__.get('counts')}" for r in caplog.records)
    assert "audit_events_deleted" in logged
    assert "geheimer" not in logged and "erika@example.org" not in logged


def test_the_privacy_notice_template_states_the_kommunes_periods(
    db: Session, w: dict[str, Any]
) -> None:
    from dasnez_core.models import LegalKind
    from dasnez_core.services.legal import get_text

    set_periods(db, f.actor(db, w["admin"]), w["here"].id, {"conversations_inactive": "120"})
    db.commit()
    body = get_text(db, w["here"], LegalKind.PRIVACY).body
    assert "Unterhaltungen ohne neue Nachricht: nach 120 Tagen" in body
    assert "$retention" not in body and "nach 730 Tagen ohne Anmeldung" in body
    other = get_text(db, w["other"], LegalKind.PRIVACY).body
    assert "Unterhaltungen ohne neue Nachricht: nach 365 Tagen" in other
