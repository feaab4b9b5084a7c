"""Posting a listing and the public list of a Kommune."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import format_date
from dasnez_core.models import ExchangeType, Listing, ListingSocialSpace, Role, UserStatus, utcnow
from dasnez_core.services.listings import (
    ListingDraft,
    close_listing,
    create_listing,
    delete_listing,
    list_own,
    renew_listing,
    send_expiry_reminders,
    update_listing,
)
from dasnez_core.services.moderation import block_user
from dasnez_core.services.search import newest_public
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    hamlet = f.village(db, boke, "Boker Heide")
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "hamlet": hamlet,
        "cat": cat,
        "other_cat": other_cat,
        "space": f.social_space(db, here),
        "other_space": f.social_space(db, other, "Pfarrei St. Martin"),
        "maria": f.user(db, here, "maria@example.org", name="Maria"),
        "pending": f.user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "anna": f.user(db, other, "anna@example.org"),
    }


def _draft(w: dict, **change: object) -> ListingDraft:
    values = {
        "kind": "offer",
        "exchange_id": None,
        "category_id": w["cat"].id,
        "title": "Rasen mähen",
        "body": "Ich mähe Ihren Rasen gern.",
        "area_id": w["hamlet"].id,
        "social_space_ids": (w["space"].id,),
    }
    values.update(change)
    return ListingDraft(**values)  # type: ignore[arg-type]


def _listings(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(Listing)).one())


def test_approved_citizen_publishes_and_it_appears_publicly(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    listing_id = create_listing(db, maria, world["here"].id, _draft(world))
    listing = db.get(Listing, listing_id)
    assert listing.status == "published"
    assert listing.district_id == world["boke"].id  # village → its district
    assert listing.expires_at > listing.created_at
    assert db.exec(select(ListingSocialSpace)).one().social_space_id == world["space"].id
    cards = newest_public(db, world["here"].id)
    assert [(c.title, c.author, c.area) for c in cards] == [
        ("Rasen mähen", "Maria", "Boke › Boker Heide")
    ]
    assert newest_public(db, world["other"].id) == []


def test_markup_is_stored_as_text(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    body = "<script>alert(1)</script> hilft gern"
    create_listing(db, maria, world["here"].id, _draft(world, body=body))
    assert newest_public(db, world["here"].id)[0].body == body


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("pending", "listing.account_pending"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_post(db: Session, world: dict, who: str, key: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, world[who])
    with pytest.raises(NotAllowed) as err:
        create_listing(db, actor, world["here"].id, _draft(world))
    assert err.value.key == key
    assert _listings(db) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"body": "kurz"}, "body"),
        ({"kind": "verkaufen"}, "kind"),
        ({"category_id": None}, "category_id"),
        ("other_cat", "category_id"),
        ("other_space", "social_space_ids"),
        ({"area_id": None}, "area_id"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(
    db: Session, world: dict, change: object, field: str
) -> None:
    if change == "other_cat":
        change = {"category_id": world["other_cat"].id}
    elif change == "other_space":
        change = {"social_space_ids": (world["other_space"].id,)}
    with pytest.raises(InvalidInput) as err:
        create_listing(db, f.actor(db, world["maria"]), world["here"].id, _draft(world, **change))
    assert err.value.field == field
    assert _listings(db) == 0


def test_blocked_authors_listings_vanish(db: Session, world: dict) -> None:
    create_listing(db, f.actor(db, world["maria"]), world["here"].id, _draft(world))
    admin = f.user(db, world["here"], "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    block_user(db, f.actor(db, admin), world["here"].id, world["maria"].id, "Beleidigungen")
    assert newest_public(db, world["here"].id) == []


def test_premoderation_holds_listing_back(db: Session, world: dict) -> None:
    world["here"].premoderation = True
    db.add(world["here"])
    db.flush()
    create_listing(db, f.actor(db, world["maria"]), world["here"].id, _draft(world))
    assert newest_public(db, world["here"].id) == []


def test_pending_user_saves_a_draft_but_cannot_publish_it(db: Session, world: dict) -> None:
    pending = f.actor(db, world["pending"])
    listing_id = create_listing(db, pending, world["here"].id, _draft(world), publish=False)
    assert db.get(Listing, listing_id).status == "draft"
    assert newest_public(db, world["here"].id) == []
    with pytest.raises(NotAllowed):
        update_listing(db, pending, world["here"].id, listing_id, _draft(world), publish=True)
    assert db.get(Listing, listing_id).status == "draft"


def test_author_edits_publishes_closes_renews_and_deletes(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    here = world["here"].id
    listing_id = create_listing(db, maria, here, _draft(world), publish=False)
    update_listing(
        db, maria, here, listing_id, _draft(world, title="Hecke schneiden"), publish=True
    )
    listing = db.get(Listing, listing_id)
    assert (listing.status, listing.title) == ("published", "Hecke schneiden")
    assert [c.title for c in newest_public(db, here)] == ["Hecke schneiden"]
    listing.expires_at = utcnow() - timedelta(days=1)
    db.add(listing)
    db.flush()
    assert newest_public(db, here) == []
    [own] = list_own(db, maria)
    assert own.expired
    renew_listing(db, maria, here, listing_id)
    assert [c.title for c in newest_public(db, here)] == ["Hecke schneiden"]
    close_listing(db, maria, here, listing_id)
    assert newest_public(db, here) == []
    with pytest.raises(InvalidInput):
        close_listing(db, maria, here, listing_id)
    delete_listing(db, maria, here, listing_id)
    assert list_own(db, maria) == []
    assert db.get(Listing, listing_id).body == ""


def test_nobody_else_can_touch_a_listing(db: Session, world: dict) -> None:
    here = world["here"].id
    listing_id = create_listing(db, f.actor(db, world["maria"]), here, _draft(world))
    jonas = f.user(db, world["here"], "jonas@example.org")
    for actor, kommune_id, error in (
        (f.actor(db, jonas), here, NotFound),
        (f.actor(db, world["anna"]), world["other"].id, NotFound),
        (f.actor(db, world["anna"]), here, NotAllowed),
        (ANONYMOUS, here, NotAllowed),
    ):
        for action in (close_listing, delete_listing, renew_listing):
            with pytest.raises(error):
                action(db, actor, kommune_id, listing_id)
        with pytest.raises(error):
            update_listing(
                db, actor, kommune_id, listing_id, _draft(world, title="Gekapert"), publish=True
            )
    listing = db.get(Listing, listing_id)
    assert (listing.status, listing.title) == ("published", "Rasen mähen")


def test_exchange_specific_details_are_validated_and_kept_where_they_belong(
    db: Session, world: dict
) -> None:
    maria = f.actor(db, world["maria"])
    here = world["here"]
    _, pocket = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    listing_id = create_listing(
        db,
        maria,
        here.id,
        _draft(
            world,
            category_id=pocket.id,
            pocket_money="8,50",
            estimated_hours="3",
            swap_for="Kuchen",
        ),
    )
    listing = db.get(Listing, listing_id)
    assert (listing.pocket_money_cents, listing.estimated_hours, listing.swap_for) == (
        850,
        None,
        "",
    )
    for value in ("acht", "-3", "1000"):
        with pytest.raises(InvalidInput) as err:
            create_listing(
                db, maria, here.id, _draft(world, category_id=pocket.id, pocket_money=value)
            )
        assert err.value.field == "pocket_money"


def test_money_limit_and_expiry_dates_follow_the_language(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    here = world["here"]
    _, pocket = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    for lang, shown in (("de", "100"), ("en", "100")):
        with pytest.raises(InvalidInput) as err:
            create_listing(
                db,
                maria,
                here.id,
                _draft(world, category_id=pocket.id, pocket_money="150"),
                lang=lang,
            )
        assert (err.value.key, err.value.params["max"]) == ("listing.money_too_high", shown)
    create_listing(db, maria, here.id, _draft(world))
    [german] = list_own(db, maria)
    [english] = list_own(db, maria, lang="en")
    assert german.expires_on.count(".") == 2 and english.expires_on.count("/") == 2


def test_expiry_reminder_is_mailed_once(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    maria = f.actor(db, world["maria"])
    here = world["here"].id
    soon = create_listing(db, maria, here, _draft(world, title="Bald vorbei"))
    create_listing(db, maria, here, _draft(world, title="Noch lange"))
    listing = db.get(Listing, soon)
    listing.expires_at = utcnow() + timedelta(days=2)
    db.add(listing)
    db.commit()
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        assert send_expiry_reminders(db) == 1
        db.commit()
        assert send_expiry_reminders(db) == 0
        db.commit()
    [mail] = inbox.to("maria@example.org")
    assert "Bald vorbei" in mail["Subject"]
    assert "/meine-eintraege" in Inbox.text(mail)


def test_expiry_reminder_shows_the_date_in_the_recipients_language(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    world["maria"].language = "en"
    db.add(world["maria"])
    maria = f.actor(db, world["maria"])
    soon = create_listing(db, maria, world["here"].id, _draft(world, title="Bald vorbei"))
    listing = db.get(Listing, soon)
    listing.expires_at = utcnow() + timedelta(days=2)
    db.add(listing)
    db.commit()
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        assert send_expiry_reminders(db) == 1
        db.commit()
    [mail] = inbox.to("maria@example.org")
    assert format_date(listing.expires_at, "en") in Inbox.text(mail)


def test_with_premoderation_an_edited_listing_is_checked_again(db: Session, world: dict) -> None:
    maria = f.actor(db, world["maria"])
    listing_id = create_listing(db, maria, world["here"].id, _draft(world))
    world["here"].premoderation = True
    db.add(world["here"])
    db.flush()
    update_listing(
        db, maria, world["here"].id, listing_id, _draft(world, title="Neu: Rasen"), publish=True
    )
    assert db.get(Listing, listing_id).status == "pending"
    assert newest_public(db, world["here"].id) == []
