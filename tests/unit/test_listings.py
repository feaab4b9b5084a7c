"""Posting a listing and the public list of a Kommune."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import Listing, ListingSocialSpace, UserStatus
from dasnez_core.services.listings import ListingDraft, create_listing, newest_public
from tests import factories as f


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
    world["maria"].status = UserStatus.BLOCKED
    db.add(world["maria"])
    db.flush()
    assert newest_public(db, world["here"].id) == []


def test_premoderation_holds_listing_back(db: Session, world: dict) -> None:
    world["here"].premoderation = True
    db.add(world["here"])
    db.flush()
    create_listing(db, f.actor(db, world["maria"]), world["here"].id, _draft(world))
    assert newest_public(db, world["here"].id) == []
