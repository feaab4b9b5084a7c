"""Freischaltung: only the person's own Kommune's admin approves or declines; others get
'not found'. Declining mails the reason and removes the pending account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, col, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    AccountToken,
    AuditEvent,
    ConsentRecord,
    Kommune,
    Listing,
    ListingReport,
    ListingSocialSpace,
    Role,
    User,
    UserSession,
    UserSocialSpace,
    UserStatus,
    utcnow,
)
from dasnez_core.services import auth
from dasnez_core.services.approval import (
    approve_user,
    approve_users,
    count_pending,
    decline_user,
    list_pending,
)
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.sessions import create_session, resolve_session
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


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


# --- declining, approving several, paging ---------------------------------------------------

BASE_URL = "https://dasnez.example"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server that the mail module delivers to once a transaction commits."""
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


def _traces(db: Session, user_id: int) -> dict[str, int]:
    """How many rows of each kind still belong to the person."""
    counts = {
        "user": select(func.count()).select_from(User).where(User.id == user_id),
        "sessions": select(func.count())
        .select_from(UserSession)
        .where(UserSession.user_id == user_id),
        "consents": select(func.count())
        .select_from(ConsentRecord)
        .where(ConsentRecord.user_id == user_id),
        "spaces": select(func.count())
        .select_from(UserSocialSpace)
        .where(UserSocialSpace.user_id == user_id),
        "drafts": select(func.count()).select_from(Listing).where(Listing.author_id == user_id),
        "tokens": select(func.count())
        .select_from(AccountToken)
        .where(AccountToken.user_id == user_id),
    }
    return {name: db.exec(stmt).one() for name, stmt in counts.items()}


def _with_everything(db: Session, kommune: Kommune, person: User) -> None:
    """Give a pending person what a registration and a first look around leave behind."""
    area = f.district(db, kommune, "Westenholz")
    _, cat = f.exchange_with_category(db, kommune)
    space = f.social_space(db, kommune)
    for document in ("privacy", "terms"):
        db.add(
            ConsentRecord(user_id=person.id, kommune_id=kommune.id, document=document, version="1")
        )
    db.add(UserSocialSpace(user_id=person.id, social_space_id=space.id))
    db.add(
        AccountToken(
            user_id=person.id,
            purpose="password_reset",
            token_hash="0" * 64,
            expires_at=utcnow() + timedelta(hours=1),
        )
    )
    create_session(db, person.id, "public")
    create_listing(
        db,
        f.actor(db, person),
        kommune.id,
        ListingDraft(
            kind="offer",
            exchange_id=None,
            category_id=cat.id,
            title="Mein Entwurf",
            body="Noch nicht fertig geschrieben.",
            area_id=area.id,
            social_space_ids=(space.id,),
        ),
        publish=False,
    )
    db.flush()


def test_decline_mails_the_reason_and_removes_the_account(
    db: Session, two_kommunen: dict, inbox: Inbox
) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    _with_everything(db, here, newcomer)
    token = auth.login(db, email="neu@example.org", password=f.PASSWORD, app="public").token
    admin = f.actor(db, two_kommunen["admin_here"])
    newcomer_id = newcomer.id
    assert _traces(db, newcomer_id) == {
        "user": 1,
        "sessions": 2,
        "consents": 2,
        "spaces": 1,
        "drafts": 1,
        "tokens": 1,
    }
    name = decline_user(db, admin, here.id, newcomer_id, "  Kein Wohnsitz in Delbrück  ")
    assert name == "Peter Neumann"
    assert inbox.messages == []  # nothing leaves before the commit
    db.commit()
    assert _traces(db, newcomer_id) == dict.fromkeys(
        ("user", "sessions", "consents", "spaces", "drafts", "tokens"), 0
    )
    assert db.exec(select(func.count()).select_from(ListingSocialSpace)).one() == 0
    assert resolve_session(db, token, "public").is_anonymous
    assert list_pending(db, admin, here.id) == []
    event = db.exec(select(AuditEvent)).one()
    assert (event.action, event.target_type, event.target_id, event.reason) == (
        "decline_user",
        "user",
        newcomer_id,
        "Kein Wohnsitz in Delbrück",
    )
    assert (event.actor_id, event.kommune_id) == (admin.user_id, here.id)
    [mail] = inbox.to("neu@example.org")
    assert mail["Subject"] == "Ihre Registrierung bei dasnez Delbrück"
    body = Inbox.text(mail)
    assert body.startswith("Guten Tag Peter Neumann")
    assert "Kein Wohnsitz in Delbrück" in body
    assert f"{BASE_URL}/k/delbrueck" in body
    # The address is free again: the person may register anew.
    f.user(db, here, "neu@example.org", status=UserStatus.PENDING)


def test_decline_mail_is_in_the_persons_language(
    db: Session, two_kommunen: dict, inbox: Inbox
) -> None:
    newcomer = two_kommunen["newcomer"]
    newcomer.language = "en"
    db.add(newcomer)
    admin = f.actor(db, two_kommunen["admin_here"])
    decline_user(db, admin, two_kommunen["here"].id, newcomer.id, "No address in Delbrück")
    db.commit()
    [mail] = inbox.to("neu@example.org")
    assert mail["Subject"] == "Your registration at dasnez Delbrück"
    assert "No address in Delbrück" in Inbox.text(mail)


def test_reports_by_a_declined_person_stay_anonymous(db: Session, two_kommunen: dict) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    _, cat = f.exchange_with_category(db, here)
    listing = f.listing_of(db, two_kommunen["citizen"], cat)
    report = f.report_on(db, listing, newcomer)
    decline_user(db, f.actor(db, two_kommunen["admin_here"]), here.id, newcomer.id, "Unbekannt")
    db.expire_all()
    kept = db.get(ListingReport, report.id)
    assert kept is not None and kept.reporter_id is None


@pytest.mark.parametrize("reason", ["", "   ", "nein"])
def test_decline_needs_a_reason_and_changes_nothing_without(
    db: Session, two_kommunen: dict, inbox: Inbox, reason: str
) -> None:
    newcomer = two_kommunen["newcomer"]
    admin = f.actor(db, two_kommunen["admin_here"])
    with pytest.raises(InvalidInput) as err:
        decline_user(db, admin, two_kommunen["here"].id, newcomer.id, reason)
    assert err.value.key == "moderation.reason_required"
    db.commit()
    assert db.get(User, newcomer.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []
    assert inbox.messages == []


def test_an_approved_person_cannot_be_declined(db: Session, two_kommunen: dict) -> None:
    admin = f.actor(db, two_kommunen["admin_here"])
    citizen = two_kommunen["citizen"]
    with pytest.raises(InvalidInput) as err:
        decline_user(db, admin, two_kommunen["here"].id, citizen.id, "Versehentlich")
    assert err.value.key == "approval.decline_not_pending"
    assert db.get(User, citizen.id) is not None


@pytest.mark.parametrize("who", ["anonymous", "citizen", "newcomer", "platform"])
def test_non_admins_cannot_decline_or_approve_several(
    db: Session, two_kommunen: dict, who: str
) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, two_kommunen[who])
    with pytest.raises(NotAllowed):
        decline_user(db, actor, here.id, newcomer.id, "Kein Wohnsitz")
    with pytest.raises(NotAllowed):
        approve_users(db, actor, here.id, [newcomer.id])
    with pytest.raises(NotAllowed):
        count_pending(db, actor, here.id)
    assert db.get(User, newcomer.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []


def test_blocked_admin_cannot_decline(db: Session, two_kommunen: dict) -> None:
    admin = two_kommunen["admin_here"]
    admin.status = UserStatus.BLOCKED
    db.add(admin)
    db.flush()
    newcomer = two_kommunen["newcomer"]
    with pytest.raises(NotAllowed):
        decline_user(db, f.actor(db, admin), two_kommunen["here"].id, newcomer.id, "Kein Wohnsitz")
    assert db.get(User, newcomer.id).status == UserStatus.PENDING


def test_other_kommunes_admin_cannot_decline_or_bulk_approve(
    db: Session, two_kommunen: dict
) -> None:
    here, other, newcomer = two_kommunen["here"], two_kommunen["other"], two_kommunen["newcomer"]
    admin_other = f.actor(db, two_kommunen["admin_other"])
    karl = f.user(db, other, "karl@other.org", status=UserStatus.PENDING, name="Karl")
    with pytest.raises(NotFound):
        decline_user(db, admin_other, other.id, newcomer.id, "Kein Wohnsitz")
    # A foreign id among their own people: nobody is approved.
    with pytest.raises(NotFound):
        approve_users(db, admin_other, other.id, [karl.id, newcomer.id])
    with pytest.raises(NotAllowed):
        approve_users(db, admin_other, here.id, [newcomer.id])
    assert db.get(User, newcomer.id).status == UserStatus.PENDING
    assert db.get(User, karl.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []


def test_approve_several_at_once_audits_and_mails_each(
    db: Session, two_kommunen: dict, inbox: Inbox
) -> None:
    here, newcomer = two_kommunen["here"], two_kommunen["newcomer"]
    second = f.user(db, here, "zweite@example.org", status=UserStatus.PENDING, name="Zweite")
    admin = f.actor(db, two_kommunen["admin_here"])
    names = approve_users(db, admin, here.id, [second.id, newcomer.id, second.id])
    assert names == ["Zweite", "Peter Neumann"]
    db.commit()
    for person in (newcomer, second):
        assert db.get(User, person.id).status == UserStatus.APPROVED
    events = db.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    assert [(e.action, e.target_id) for e in events] == [
        ("approve_user", second.id),
        ("approve_user", newcomer.id),
    ]
    assert {m["To"] for m in inbox.messages} == {"neu@example.org", "zweite@example.org"}


def test_approve_several_is_all_or_nothing(db: Session, two_kommunen: dict) -> None:
    here, newcomer, citizen = (
        two_kommunen["here"],
        two_kommunen["newcomer"],
        two_kommunen["citizen"],
    )
    admin = f.actor(db, two_kommunen["admin_here"])
    with pytest.raises(InvalidInput) as err:
        approve_users(db, admin, here.id, [newcomer.id, citizen.id])
    assert (err.value.key, err.value.params) == (
        "approval.bulk_not_pending",
        {"name": "maria@example.org"},
    )
    with pytest.raises(InvalidInput) as err:
        approve_users(db, admin, here.id, [])
    assert err.value.key == "approval.none_selected"
    with pytest.raises(InvalidInput) as err:
        approve_users(db, admin, here.id, list(range(1, 52)))
    assert err.value.key == "approval.too_many"
    assert db.get(User, newcomer.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []


def test_queue_is_paged_by_fifty_longest_waiting_first(db: Session, two_kommunen: dict) -> None:
    here = two_kommunen["here"]
    for number in range(50):
        person = f.user(db, here, f"p{number:02}@example.org", status=UserStatus.PENDING)
        person.created_at = utcnow() + timedelta(minutes=number + 1)
        db.add(person)
    db.flush()
    admin = f.actor(db, two_kommunen["admin_here"])
    assert count_pending(db, admin, here.id) == 51
    first = list_pending(db, admin, here.id)
    assert len(first) == 50 and first[0].display_name == "Peter Neumann"
    assert [p.email for p in list_pending(db, admin, here.id, page=2)] == ["p49@example.org"]


def test_a_pending_person_of_an_equal_role_is_neither_declined_nor_approved(
    db: Session, two_kommunen: dict
) -> None:
    here, admin = two_kommunen["here"], f.actor(db, two_kommunen["admin_here"])
    fellow = f.user(
        db, here, "kollege@here.org", status=UserStatus.PENDING, roles=(Role.KOMMUNE_ADMIN,)
    )
    for call in (
        lambda: decline_user(db, admin, here.id, fellow.id, "Passt nicht ins Team"),
        lambda: approve_user(db, admin, here.id, fellow.id),
    ):
        with pytest.raises(NotAllowed) as err:
            call()
        assert err.value.key == "moderation.higher_role"
    assert db.get(User, fellow.id).status == UserStatus.PENDING
    assert db.exec(select(AuditEvent)).all() == []
