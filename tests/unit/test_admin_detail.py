"""The admin's detail pages of a person and a listing, and the actions taken from them:
restore a removed listing, hide a rating (and show it again), grouped reports. Only the
record's own Kommune's admin, always with a reason, every step audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, ListingStatus, Role, UserStatus, utcnow
from dasnez_core.services.admin_detail import history, listing_detail, person_detail
from dasnez_core.services.moderation import (
    block_user,
    count_reported_listings,
    dismiss_listing_reports,
    list_report_groups,
    remove_listing,
    restore_listing,
)
from dasnez_core.services.ratings import (
    hide_rating,
    public_profile,
    public_ratings,
    rating_summary,
    show_rating,
)
from tests import factories as f


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    maria = f.user(db, here, "maria@example.org", name="Maria Schneider", area=boke)
    jonas = f.user(db, here, "jonas@example.org", name="Jonas Becker")
    anna = f.user(db, other, "anna@example.org", name="Anna Krüger")
    listing = f.listing_of(db, maria, cat, title="Rasen mähen")
    agreement = f.agreement_on(
        db, f.conversation_about(db, listing, jonas), helper=maria, seeker=jonas
    )
    return {
        "here": here,
        "other": other,
        "maria": maria,
        "jonas": jonas,
        "anna": anna,
        "listing": listing,
        "other_listing": f.listing_of(db, anna, other_cat, title="Laub rechen"),
        "rating": f.rating_for(db, agreement, jonas, maria, stars=1, comment="Beleidigung!"),
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,), name="Amt"),
        "admin2": f.user(db, here, "admin2@here.org", roles=(Role.KOMMUNE_ADMIN,)),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
    }


def _admin(db: Session, w: dict[str, Any]) -> Actor:
    return f.actor(db, w["admin"])


def _audit(db: Session) -> list[tuple[str, str, int | None, str]]:
    return [
        (e.action, e.target_type, e.target_id, e.reason)
        for e in db.exec(select(AuditEvent).order_by(col(AuditEvent.id))).all()
    ]


# --- detail pages ---------------------------------------------------------------------------


def test_person_detail_shows_the_facts_listings_and_every_rating(db: Session, world: dict) -> None:
    here, maria = world["here"].id, world["maria"]
    detail = person_detail(db, _admin(db, world), here, maria.id)
    assert (detail.display_name, detail.email, detail.role, detail.status) == (
        "Maria Schneider",
        "maria@example.org",
        "citizen",
        "approved",
    )
    assert detail.district == "Boke"
    assert (detail.listing_count, detail.rating_count, detail.public_rating_count) == (1, 1, 1)
    assert [row.title for row in detail.listings] == ["Rasen mähen"]
    [rating] = detail.ratings
    assert (rating.stars, rating.comment, rating.rater_name, rating.hidden) == (
        1,
        "Beleidigung!",
        "Jonas Becker",
        False,
    )
    assert detail.may_block


def test_an_admin_may_not_block_an_equal_role_nor_themselves(db: Session, world: dict) -> None:
    here, admin = world["here"].id, _admin(db, world)
    other_admin = person_detail(db, admin, here, world["admin2"].id)
    assert other_admin.role == Role.KOMMUNE_ADMIN and not other_admin.may_block
    assert not person_detail(db, admin, here, world["admin"].id).may_block


def test_listing_detail_has_its_author_and_every_report(db: Session, world: dict) -> None:
    here, listing = world["here"].id, world["listing"]
    f.report_on(db, listing, world["jonas"], resolved_by=world["admin"])
    f.report_on(db, listing, None)
    detail = listing_detail(db, _admin(db, world), here, listing.id)
    assert (detail.title, detail.status, detail.author_name) == (
        "Rasen mähen",
        "published",
        "Maria Schneider",
    )
    assert detail.may_moderate
    assert sorted((r.reporter_name, r.open) for r in detail.reports) == [
        ("", True),
        ("Jonas Becker", False),
    ]


@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "admin_other"])
def test_only_the_kommunes_admin_opens_a_detail_page(db: Session, world: dict, who: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    here = world["here"].id
    for call in (
        lambda: person_detail(db, actor, here, world["maria"].id),
        lambda: listing_detail(db, actor, here, world["listing"].id),
        lambda: history(db, actor, here, "user", world["maria"].id),
    ):
        with pytest.raises(NotAllowed):
            call()


def test_another_kommunes_records_are_not_found(db: Session, world: dict) -> None:
    admin_other, other = f.actor(db, world["admin_other"]), world["other"].id
    with pytest.raises(NotFound):
        person_detail(db, admin_other, other, world["maria"].id)
    with pytest.raises(NotFound):
        listing_detail(db, admin_other, other, world["listing"].id)
    # And Delbrück's admin does not find Bad Lippspringe's.
    with pytest.raises(NotFound):
        listing_detail(db, _admin(db, world), world["here"].id, world["other_listing"].id)


# --- restore a removed listing ---------------------------------------------------------------


def test_restore_brings_a_removed_listing_back_and_is_audited(db: Session, world: dict) -> None:
    here, listing, admin = world["here"].id, world["listing"], _admin(db, world)
    with pytest.raises(InvalidInput) as err:
        restore_listing(db, admin, here, listing.id, "Nicht entfernt")
    assert err.value.key == "moderation.listing_not_removed"
    remove_listing(db, admin, here, listing.id, "Gewerbliches Angebot")
    with pytest.raises(InvalidInput) as err:
        restore_listing(db, admin, here, listing.id, "kurz")
    assert err.value.key == "moderation.reason_required"
    restore_listing(db, admin, here, listing.id, "Doch privat, geklärt")
    assert listing.status == ListingStatus.PUBLISHED
    assert [a[0] for a in _audit(db)] == ["remove_listing", "restore_listing"]
    rows = history(db, admin, here, "listing", listing.id)
    assert [(r.action, r.reason) for r in rows] == [
        ("restore_listing", "Doch privat, geklärt"),
        ("remove_listing", "Gewerbliches Angebot"),
    ]


def test_restore_keeps_an_expired_or_blocked_authors_listing_hidden(
    db: Session, world: dict
) -> None:
    here, listing, admin = world["here"].id, world["listing"], _admin(db, world)
    remove_listing(db, admin, here, listing.id, "Gewerbliches Angebot")
    listing.expires_at = utcnow() - timedelta(days=1)
    db.add(listing)
    restore_listing(db, admin, here, listing.id, "Versehen, zurück")
    assert listing.status == ListingStatus.EXPIRED
    listing.status = ListingStatus.REMOVED
    listing.expires_at = utcnow() + timedelta(days=3)
    db.add(listing)
    block_user(db, admin, here, world["maria"].id, "Beleidigungen")
    restore_listing(db, admin, here, listing.id, "Versehen, zurück")
    assert listing.status == ListingStatus.SUSPENDED


# --- hide a rating ---------------------------------------------------------------------------


def test_a_hidden_rating_leaves_the_public_profile_and_the_average(
    db: Session, world: dict
) -> None:
    here, maria, rating, admin = (
        world["here"].id,
        world["maria"],
        world["rating"],
        _admin(db, world),
    )
    assert rating_summary(db, here, maria.id).count == 1
    hide_rating(db, admin, here, rating.id, "  Beleidigender Kommentar ")
    assert rating_summary(db, here, maria.id).count == 0
    assert public_ratings(db, here, maria.id) == ([], False)
    assert public_profile(db, f.actor(db, world["jonas"]), here, maria.handle).summary.count == 0
    [seen] = person_detail(db, admin, here, maria.id).ratings
    assert seen.hidden and seen.hidden_reason == "Beleidigender Kommentar"
    with pytest.raises(InvalidInput) as err:
        hide_rating(db, admin, here, rating.id, "Noch einmal")
    assert err.value.key == "atomic.rating_hidden_by"
    assert err.value.params["by"] == admin.display_name

    show_rating(db, admin, here, rating.id, "Nach Prüfung in Ordnung")
    assert rating_summary(db, here, maria.id).count == 1
    assert [a[:2] for a in _audit(db)] == [("hide_rating", "rating"), ("show_rating", "rating")]
    # The person's history names the rating they received.
    rows = history(db, admin, here, "user", maria.id)
    assert [(r.action, r.target_name) for r in rows] == [
        ("show_rating", "Maria Schneider"),
        ("hide_rating", "Maria Schneider"),
    ]


@pytest.mark.parametrize("reason", ["", "  ", "kurz"])
def test_hiding_needs_a_reason(db: Session, world: dict, reason: str) -> None:
    with pytest.raises(InvalidInput):
        hide_rating(db, _admin(db, world), world["here"].id, world["rating"].id, reason)
    assert world["rating"].hidden_at is None and _audit(db) == []


@pytest.mark.parametrize(
    ("who", "kommune", "error"),
    [
        ("anonymous", "here", NotAllowed),
        ("maria", "here", NotAllowed),
        ("pending", "here", NotAllowed),
        ("admin_other", "here", NotAllowed),
        ("admin_other", "other", NotFound),
    ],
)
def test_wrong_people_cannot_hide_ratings_or_restore_listings(
    db: Session, world: dict, who: str, kommune: str, error: type[Exception]
) -> None:
    here = world["here"].id
    remove_listing(db, _admin(db, world), here, world["listing"].id, "Gewerbliches Angebot")
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    kommune_id = world[kommune].id
    calls: list[Callable[[], object]] = [
        lambda: hide_rating(db, actor, kommune_id, world["rating"].id, "Beleidigend"),
        lambda: show_rating(db, actor, kommune_id, world["rating"].id, "Beleidigend"),
        lambda: restore_listing(db, actor, kommune_id, world["listing"].id, "Zurück bitte"),
    ]
    for call in calls:
        with pytest.raises(error):
            call()
    assert world["rating"].hidden_at is None
    assert world["listing"].status == ListingStatus.REMOVED
    assert [a[0] for a in _audit(db)] == ["remove_listing"]


# --- grouped reports -------------------------------------------------------------------------


def test_reports_on_one_listing_are_one_group(db: Session, world: dict) -> None:
    here, listing, admin = world["here"].id, world["listing"], _admin(db, world)
    first = f.report_on(db, listing, world["jonas"])
    second = f.report_on(db, listing, None)
    f.report_on(db, world["other_listing"], None)
    assert count_reported_listings(db, admin, here) == 1
    [group] = list_report_groups(db, admin, here)
    assert (group.listing_title, group.count) == ("Rasen mähen", 2)
    assert [r.reporter_name for r in group.reports] == ["Jonas Becker", ""]

    with pytest.raises(NotFound):
        dismiss_listing_reports(
            db, f.actor(db, world["admin_other"]), world["other"].id, listing.id, "Kein Verstoß"
        )
    assert dismiss_listing_reports(db, admin, here, listing.id, "Kein Verstoß erkennbar") == 2
    assert first.resolved_at is not None and second.resolved_at is not None
    assert list_report_groups(db, admin, here) == []
    assert listing.status == ListingStatus.PUBLISHED
    assert _audit(db) == [
        ("dismiss_report", "report", first.id, "Kein Verstoß erkennbar"),
        ("dismiss_report", "report", second.id, "Kein Verstoß erkennbar"),
    ]
    # The listing's history shows what was done with its reports.
    assert [r.action for r in history(db, admin, here, "listing", listing.id)] == [
        "dismiss_report",
        "dismiss_report",
    ]
    with pytest.raises(InvalidInput):
        dismiss_listing_reports(db, admin, here, listing.id, "Kein Verstoß erkennbar")


@pytest.mark.parametrize("who", ["anonymous", "maria", "admin_other"])
def test_non_admins_see_no_report_groups(db: Session, world: dict, who: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    for call in (
        lambda: list_report_groups(db, actor, world["here"].id),
        lambda: count_reported_listings(db, actor, world["here"].id),
        lambda: dismiss_listing_reports(db, actor, world["here"].id, world["listing"].id, "Nö, nö"),
    ):
        with pytest.raises(NotAllowed):
            call()
