"""Moderation by a Kommune's admins: blocking, reports, removal, pre-moderation, people search.

Only the person's or listing's own Kommune's admin, always with a reason; everything audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, Listing, ListingStatus, Role, User, UserStatus, utcnow
from dasnez_core.services import auth
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.moderation import (
    block_user,
    count_listings_to_check,
    count_open_reports,
    dismiss_listing_reports,
    list_listings_to_check,
    list_open_reports,
    premoderation_on,
    publish_pending_listing,
    reject_pending_listing,
    remove_listing,
    search_people,
    unblock_user,
)
from dasnez_core.services.search import get_listing_detail, newest_public
from dasnez_core.services.sessions import resolve_session
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


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


# --- reports, removal, pre-moderation, people search ----------------------------------------

BASE_URL = "https://dasnez.example"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server that the mail module delivers to once a transaction commits."""
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org", name="Maria Schneider", area=boke)
    jonas = f.user(db, here, "jonas@example.org", name="Jonas Becker")
    anna = f.user(db, other, "anna@example.org", name="Anna Krüger")
    listing = f.listing_of(db, maria, cat, title="Rasen mähen")
    other_listing = f.listing_of(db, anna, other_cat, title="Laub rechen")
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "cat": cat,
        "maria": maria,
        "jonas": jonas,
        "anna": anna,
        "listing": listing,
        "other_listing": other_listing,
        "by_jonas": f.report_on(db, listing, jonas),
        "anonymous_report": f.report_on(db, listing, None),
        "other_report": f.report_on(db, other_listing, None),
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,), name="Amt"),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "platform": f.user(db, other, "ops@example.org", roles=(Role.PLATFORM_ADMIN,)),
        "blocked_admin": f.user(
            db, here, "alt@here.org", roles=(Role.KOMMUNE_ADMIN,), status=UserStatus.BLOCKED
        ),
    }


def _who(db: Session, w: dict, who: str) -> Actor:
    return ANONYMOUS if who == "anonymous" else f.actor(db, w[who])


def _audit(db: Session) -> list[tuple[str, str, int | None, str]]:
    return [
        (e.action, e.target_type, e.target_id, e.reason)
        for e in db.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    ]


def _fresh(db: Session, row: Any) -> Any:
    db.expire_all()
    return db.get(type(row), row.id)


def test_open_reports_of_the_own_kommune_oldest_first(db: Session, world: dict) -> None:
    admin = f.actor(db, world["admin"])
    f.report_on(db, world["listing"], world["jonas"], resolved_by=world["admin"])
    reports = list_open_reports(db, admin, world["here"].id)
    assert [(r.report_id, r.listing_title, r.reporter_name, r.author_name) for r in reports] == [
        (world["by_jonas"].id, "Rasen mähen", "Jonas Becker", "Maria Schneider"),
        (world["anonymous_report"].id, "Rasen mähen", "", "Maria Schneider"),
    ]
    assert reports[0].reason == "Bitte prüfen."
    assert reports[0].author_id == world["maria"].id
    assert count_open_reports(db, admin, world["here"].id) == 2
    # The other Kommune's admin sees only their own report, never Delbrück's.
    admin_other = f.actor(db, world["admin_other"])
    assert [r.report_id for r in list_open_reports(db, admin_other, world["other"].id)] == [
        world["other_report"].id
    ]


def test_remove_listing_hides_it_resolves_reports_mails_and_audits(
    db: Session, world: dict, inbox: Inbox
) -> None:
    here, listing = world["here"].id, world["listing"]
    admin = f.actor(db, world["admin"])
    assert [c.title for c in newest_public(db, here)] == ["Rasen mähen"]
    remove_listing(db, admin, here, listing.id, "  Gewerbliches Angebot  ")
    assert inbox.messages == []  # nothing leaves before the commit
    db.commit()
    assert _fresh(db, listing).status == ListingStatus.REMOVED
    assert newest_public(db, here) == []
    with pytest.raises(NotFound):
        get_listing_detail(db, ANONYMOUS, here, listing.id)
    for report in (world["by_jonas"], world["anonymous_report"]):
        fresh = _fresh(db, report)
        assert fresh.resolved_at is not None and fresh.resolved_by == admin.user_id
    assert _fresh(db, world["other_report"]).resolved_at is None
    assert list_open_reports(db, admin, here) == []
    assert _audit(db) == [("remove_listing", "listing", listing.id, "Gewerbliches Angebot")]
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Ihr Eintrag „Rasen mähen“ wurde entfernt"
    body = Inbox.text(mail)
    assert "Gewerbliches Angebot" in body and f"{BASE_URL}/k/delbrueck" in body
    with pytest.raises(InvalidInput) as err:
        remove_listing(db, admin, here, listing.id, "Noch einmal")
    # Removed moments ago: the second click is told who removed it.
    assert err.value.key == "atomic.listing_removed_by"
    assert err.value.params["by"] == admin.display_name


def test_removal_mail_follows_the_authors_language(db: Session, world: dict, inbox: Inbox) -> None:
    world["maria"].language = "en"
    db.add(world["maria"])
    remove_listing(
        db, f.actor(db, world["admin"]), world["here"].id, world["listing"].id, "Commercial"
    )
    db.commit()
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Your listing “Rasen mähen” has been removed"
    assert Inbox.text(mail).startswith("Hello Maria Schneider")


@pytest.mark.parametrize("reason", ["", "   ", "kurz", "\n\t \x00"])
def test_every_moderation_step_needs_a_reason(db: Session, world: dict, reason: str) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    world["listing"].status = ListingStatus.PENDING
    db.add(world["listing"])
    db.flush()
    steps = [
        lambda: remove_listing(db, admin, here, world["listing"].id, reason),
        lambda: dismiss_listing_reports(db, admin, here, world["listing"].id, reason),
        lambda: reject_pending_listing(db, admin, here, world["listing"].id, reason),
        lambda: block_user(db, admin, here, world["maria"].id, reason),
    ]
    for step in steps:
        with pytest.raises(InvalidInput) as err:
            step()
        assert err.value.key == "moderation.reason_required"
        assert err.value.params == {"min": 5}
    assert _fresh(db, world["listing"]).status == ListingStatus.PENDING
    assert _fresh(db, world["by_jonas"]).resolved_at is None
    assert _fresh(db, world["maria"]).status == UserStatus.APPROVED
    assert _audit(db) == []


def test_a_reason_of_more_than_1000_characters_is_refused(db: Session, world: dict) -> None:
    admin = f.actor(db, world["admin"])
    with pytest.raises(InvalidInput) as err:
        remove_listing(db, admin, world["here"].id, world["listing"].id, "x" * 1001)
    assert err.value.key == "moderation.reason_too_long"
    remove_listing(db, admin, world["here"].id, world["listing"].id, "x" * 1000)
    assert _fresh(db, world["listing"]).status == ListingStatus.REMOVED


@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "blocked_admin", "platform"])
def test_non_admins_cannot_moderate(db: Session, world: dict, who: str) -> None:
    here, actor = world["here"].id, _who(db, world, who)
    world["listing"].status = ListingStatus.PENDING
    db.add(world["listing"])
    db.flush()
    calls = [
        lambda: list_open_reports(db, actor, here),
        lambda: count_open_reports(db, actor, here),
        lambda: remove_listing(db, actor, here, world["listing"].id, "Gewerblich"),
        lambda: dismiss_listing_reports(db, actor, here, world["listing"].id, "Kein Verstoß"),
        lambda: list_listings_to_check(db, actor, here),
        lambda: count_listings_to_check(db, actor, here),
        lambda: publish_pending_listing(db, actor, here, world["listing"].id),
        lambda: reject_pending_listing(db, actor, here, world["listing"].id, "Unpassend"),
        lambda: premoderation_on(db, actor, here),
        lambda: search_people(db, actor, here, "Maria"),
    ]
    if who != "platform":  # platform staff may block (only they block a Kommune admin)
        calls += [
            lambda: block_user(db, actor, here, world["jonas"].id, "Beleidigend"),
            lambda: unblock_user(db, actor, here, world["jonas"].id, "Geklärt"),
        ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert _fresh(db, world["listing"]).status == ListingStatus.PENDING
    assert _fresh(db, world["by_jonas"]).resolved_at is None
    assert _audit(db) == []


def test_other_kommunes_admin_finds_nothing_of_delbrueck(db: Session, world: dict) -> None:
    here, other = world["here"].id, world["other"].id
    admin_other = f.actor(db, world["admin_other"])
    world["listing"].status = ListingStatus.PENDING
    db.add(world["listing"])
    db.flush()
    # With their own Kommune and Delbrück's ids: not found.
    for call in (
        lambda: remove_listing(db, admin_other, other, world["listing"].id, "Gewerblich"),
        lambda: dismiss_listing_reports(
            db, admin_other, other, world["listing"].id, "Kein Verstoß"
        ),
        lambda: publish_pending_listing(db, admin_other, other, world["listing"].id),
        lambda: reject_pending_listing(db, admin_other, other, world["listing"].id, "Unpassend"),
        lambda: block_user(db, admin_other, other, world["maria"].id, "Beleidigend"),
    ):
        with pytest.raises(NotFound):
            call()
    # Naming Delbrück does not help: they do not administer it.
    with pytest.raises(NotAllowed):
        remove_listing(db, admin_other, here, world["listing"].id, "Gewerblich")
    assert search_people(db, admin_other, other, "Maria") == []
    assert list_listings_to_check(db, admin_other, other) == []
    assert _fresh(db, world["listing"]).status == ListingStatus.PENDING
    assert _fresh(db, world["by_jonas"]).resolved_at is None
    assert _fresh(db, world["maria"]).status == UserStatus.APPROVED
    assert _audit(db) == []


def test_blocking_and_unblocking_are_audited_with_the_reason(db: Session, world: dict) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    block_user(db, admin, here, world["maria"].id, "Wiederholt beleidigend")
    assert _fresh(db, world["listing"]).status == ListingStatus.SUSPENDED
    # A suspended listing can still be removed; unblocking does not bring it back.
    remove_listing(db, admin, here, world["listing"].id, "Beleidigender Text")
    unblock_user(db, admin, here, world["maria"].id, "Gespräch geführt")
    assert _fresh(db, world["listing"]).status == ListingStatus.REMOVED
    assert _audit(db) == [
        ("block_user", "user", world["maria"].id, "Wiederholt beleidigend"),
        ("remove_listing", "listing", world["listing"].id, "Beleidigender Text"),
        ("unblock_user", "user", world["maria"].id, "Gespräch geführt"),
    ]
    with pytest.raises(InvalidInput) as err:
        unblock_user(db, admin, here, world["maria"].id, "Noch einmal")
    assert err.value.key == "atomic.unblocked_by"
    assert err.value.params["by"] == admin.display_name


def test_people_search_by_name_or_email_in_the_own_kommune(db: Session, world: dict) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    f.user(db, world["other"], "maria@other.org", name="Maria Other")
    assert [p.display_name for p in search_people(db, admin, here, "maria")] == ["Maria Schneider"]
    [maria] = search_people(db, admin, here, "MARIA@EXAMPLE")
    assert (maria.user_id, maria.email, maria.area_name, maria.status) == (
        world["maria"].id,
        "maria@example.org",
        "Boke",
        "approved",
    )
    assert [p.is_you for p in search_people(db, admin, here, "here.org")] == [False, True]
    assert search_people(db, admin, here, "M_ria") == []  # wildcards are taken literally
    assert search_people(db, admin, here, "%%") == []
    block_user(db, admin, here, world["jonas"].id, "Beleidigend")
    assert [p.display_name for p in search_people(db, admin, here, "", blocked_only=True)] == [
        "alt@here.org",  # alphabetical, whatever the case
        "Jonas Becker",
    ]
    assert search_people(db, admin, here, "maria", blocked_only=True) == []
    for bad, key in (("m", "people.query_too_short"), ("x" * 101, "people.query_too_long")):
        with pytest.raises(InvalidInput) as err:
            search_people(db, admin, here, bad)
        assert err.value.key == key


def test_a_kommune_admin_blocks_no_fellow_admin_and_no_platform_staff(
    db: Session, world: dict
) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    fellow = f.user(db, world["here"], "kollegin@here.org", roles=(Role.KOMMUNE_ADMIN,))
    # The platform operator whose home Kommune is this one.
    operator = f.user(db, world["here"], "betrieb@here.org", roles=(Role.PLATFORM_ADMIN,))
    for person in (fellow, operator):
        with pytest.raises(NotAllowed) as err:
            block_user(db, admin, here, person.id, "Machtkampf im Amt")
        assert err.value.key == "moderation.higher_role"
        assert _fresh(db, person).status == UserStatus.APPROVED
    assert _audit(db) == []


def test_only_platform_staff_block_and_unblock_a_kommune_admin(db: Session, world: dict) -> None:
    here, platform = world["here"].id, f.actor(db, world["platform"])
    fellow = f.user(db, world["here"], "kollegin@here.org", roles=(Role.KOMMUNE_ADMIN,))
    block_user(db, platform, here, fellow.id, "Missbrauch der Rechte")
    assert _fresh(db, fellow).status == UserStatus.BLOCKED
    # A Kommune admin cannot lift it either (equal role).
    with pytest.raises(NotAllowed):
        unblock_user(db, f.actor(db, world["admin"]), here, fellow.id, "Ich hebe das auf")
    assert _fresh(db, fellow).status == UserStatus.BLOCKED
    unblock_user(db, platform, here, fellow.id, "Geklärt mit der Kommune")
    assert _fresh(db, fellow).status == UserStatus.APPROVED
    other_operator = f.user(db, world["other"], "ops2@example.org", roles=(Role.PLATFORM_ADMIN,))
    with pytest.raises(NotAllowed):
        block_user(db, platform, world["other"].id, other_operator.id, "Gleicher Rang")


def test_admin_cannot_block_themselves(db: Session, world: dict) -> None:
    admin = f.actor(db, world["admin"])
    with pytest.raises(NotAllowed) as err:
        block_user(db, admin, world["here"].id, world["admin"].id, "Versehen")
    assert err.value.key == "moderation.not_yourself"


# --- pre-moderation -------------------------------------------------------------------------


def _premoderated_listing(db: Session, w: dict, title: str = "Fenster putzen") -> int:
    w["here"].premoderation = True
    db.add(w["here"])
    db.flush()
    return create_listing(
        db,
        f.actor(db, w["maria"]),
        w["here"].id,
        ListingDraft(
            kind="offer",
            exchange_id=None,
            category_id=w["cat"].id,
            title=title,
            body="Ich putze gern Ihre Fenster.",
            area_id=w["boke"].id,
        ),
    )


def test_premoderated_listing_waits_and_is_published_by_the_admin(
    db: Session, world: dict, inbox: Inbox
) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    listing_id = _premoderated_listing(db, world)
    assert db.get(Listing, listing_id).status == ListingStatus.PENDING
    assert premoderation_on(db, admin, here)
    assert "Fenster putzen" not in [c.title for c in newest_public(db, here)]
    [waiting] = list_listings_to_check(db, admin, here)
    assert (waiting.listing_id, waiting.title, waiting.author_name, waiting.category) == (
        listing_id,
        "Fenster putzen",
        "Maria Schneider",
        "Alltagshilfe",
    )
    assert waiting.body == "Ich putze gern Ihre Fenster."
    assert count_listings_to_check(db, admin, here) == 1
    publish_pending_listing(db, admin, here, listing_id)
    db.commit()
    db.expire_all()
    listing = db.get(Listing, listing_id)
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.expires_at > utcnow() + timedelta(days=world["here"].listing_days - 1)
    assert "Fenster putzen" in [c.title for c in newest_public(db, here)]
    assert list_listings_to_check(db, admin, here) == []
    assert _audit(db) == [("publish_listing", "listing", listing_id, "")]
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Ihr Eintrag „Fenster putzen“ ist veröffentlicht"
    assert f"{BASE_URL}/k/delbrueck/eintrag/{listing_id}" in Inbox.text(mail)
    with pytest.raises(InvalidInput) as err:
        publish_pending_listing(db, admin, here, listing_id)
    assert err.value.key == "atomic.listing_published_by"
    assert err.value.params["by"] == admin.display_name


def test_rejected_listing_goes_back_to_the_author_as_a_draft(
    db: Session, world: dict, inbox: Inbox
) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    listing_id = _premoderated_listing(db, world)
    reject_pending_listing(db, admin, here, listing_id, "Bitte ohne Telefonnummer im Titel")
    db.commit()
    db.expire_all()
    assert db.get(Listing, listing_id).status == ListingStatus.DRAFT
    assert "Fenster putzen" not in [c.title for c in newest_public(db, here)]
    assert _audit(db) == [
        ("reject_listing", "listing", listing_id, "Bitte ohne Telefonnummer im Titel")
    ]
    [mail] = inbox.to("maria@example.org")
    assert mail["Subject"] == "Ihr Eintrag „Fenster putzen“ wurde nicht veröffentlicht"
    body = Inbox.text(mail)
    assert "Bitte ohne Telefonnummer im Titel" in body
    assert f"{BASE_URL}/meine-eintraege" in body


def test_only_waiting_listings_can_be_published_or_rejected(db: Session, world: dict) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    for call in (
        lambda: publish_pending_listing(db, admin, here, world["listing"].id),
        lambda: reject_pending_listing(db, admin, here, world["listing"].id, "Unpassend"),
    ):
        with pytest.raises(InvalidInput):
            call()
    with pytest.raises(NotFound):
        publish_pending_listing(db, admin, here, world["other_listing"].id)
    assert _fresh(db, world["listing"]).status == ListingStatus.PUBLISHED
    assert _audit(db) == []


def test_a_blocked_authors_waiting_listing_leaves_the_queue(db: Session, world: dict) -> None:
    here, admin = world["here"].id, f.actor(db, world["admin"])
    listing_id = _premoderated_listing(db, world)
    block_user(db, admin, here, world["maria"].id, "Beleidigend")
    assert list_listings_to_check(db, admin, here) == []
    with pytest.raises(InvalidInput):
        publish_pending_listing(db, admin, here, listing_id)
    unblock_user(db, admin, here, world["maria"].id, "Geklärt")
    assert [w.listing_id for w in list_listings_to_check(db, admin, here)] == [listing_id]
