"""Categories per exchange: add, rename, deactivate and reactivate, delete only when unused."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import AuditEvent, Category, Exchange, ExchangeType
from dasnez_core.services import kommunen
from dasnez_core.services.listings import ListingDraft, create_listing, update_listing
from dasnez_core.services.masterdata_catalog import (
    add_category,
    delete_category,
    list_categories,
    rename_category,
    set_category_active,
)
from dasnez_core.services.search import SearchFilters, get_listing_detail, search_public
from tests import factories as f


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    w = f.masterdata_world(db)
    w["actor"] = f.actor(db, w["admin"])
    return w


def _offered(db: Session, w: dict) -> list[str]:
    """Category names the new-listing form offers."""
    return sorted(name for _, _, name in kommunen.category_options(db, w["here"].id))


def _actions(db: Session) -> list[str]:
    return [e.action for e in db.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]  # type: ignore[arg-type]


def _draft(category_id: int, area_id: int) -> ListingDraft:
    return ListingDraft(
        "offer", None, category_id, "Hecke schneiden", "Ich schneide Hecken.", area_id
    )


def test_add_and_rename_categories(db: Session, w: dict) -> None:
    admin, here, ex = w["actor"], w["here"].id, w["exchange"].id
    new_id = add_category(db, admin, here, ex, "  Fenster   putzen ")
    assert _offered(db, w) == ["Alltagshilfe", "Fenster putzen"]
    rename_category(db, admin, here, new_id, "Fensterputzen")
    rows = list_categories(db, admin, here).rows
    assert [(r.exchange_type, r.name, r.active, r.listings) for r in rows] == [
        ("nachbarschaft", "Alltagshilfe", True, 0),
        ("nachbarschaft", "Fensterputzen", True, 0),
    ]
    assert _actions(db) == ["add_category", "rename_category"]


def test_duplicate_names_per_exchange_are_refused(db: Session, w: dict) -> None:
    admin, here, ex = w["actor"], w["here"].id, w["exchange"].id
    with pytest.raises(InvalidInput) as err:
        add_category(db, admin, here, ex, "alltagshilfe")
    assert err.value.key == "masterdata.category_duplicate"
    other_id = add_category(db, admin, here, ex, "Garten")
    with pytest.raises(InvalidInput) as err:
        rename_category(db, admin, here, other_id, "ALLTAGSHILFE")
    assert err.value.key == "masterdata.category_duplicate"
    # The same name in another exchange is fine.
    tausch = Exchange(kommune_id=here, type=ExchangeType.TAUSCH)
    db.add(tausch)
    db.flush()
    assert tausch.id is not None
    add_category(db, admin, here, tausch.id, "Alltagshilfe")
    with pytest.raises(InvalidInput) as err:
        add_category(db, admin, here, ex, "G")
    assert err.value.key == "masterdata.name_too_short"


def test_an_exchange_of_another_kommune_is_not_found(db: Session, w: dict) -> None:
    other_exchange = w["other_cat"].exchange_id
    with pytest.raises(NotFound):
        add_category(db, w["actor"], w["here"].id, other_exchange, "Fremd")
    assert db.exec(select(Category).where(Category.name == "Fremd")).all() == []


def test_a_deactivated_category_is_not_offered_but_its_listings_stay(db: Session, w: dict) -> None:
    admin, here, cat = w["actor"], w["here"].id, w["cat"]
    maria = f.actor(db, w["maria"])
    listing_id = create_listing(db, maria, here, _draft(cat.id, w["boke"].id))
    set_category_active(db, admin, here, cat.id, False)
    assert _offered(db, w) == []
    # Still public, in lists, filters and on its own page.
    assert [c.title for c in search_public(db, here, SearchFilters()).cards] == ["Hecke schneiden"]
    page = search_public(db, here, SearchFilters(category=cat.id))
    assert [c.category for c in page.cards] == ["Alltagshilfe"]
    assert get_listing_detail(db, maria, here, listing_id).category == "Alltagshilfe"
    # …but no new listing in it.
    with pytest.raises(InvalidInput) as err:
        create_listing(db, maria, here, _draft(cat.id, w["boke"].id))
    assert err.value.key == "listing.category_required"
    with pytest.raises(InvalidInput) as err:
        set_category_active(db, admin, here, cat.id, False)
    assert err.value.key == "masterdata.category_already_inactive"
    set_category_active(db, admin, here, cat.id, True)
    assert _offered(db, w) == ["Alltagshilfe"]
    update_listing(db, maria, here, listing_id, _draft(cat.id, w["boke"].id), publish=True)
    assert _actions(db) == ["deactivate_category", "reactivate_category"]


def test_a_used_category_is_not_deleted_and_deactivation_is_offered(db: Session, w: dict) -> None:
    admin, here, cat = w["actor"], w["here"].id, w["cat"]
    f.listing_with(db, w["maria"], cat, area=w["boke"], status="closed")
    with pytest.raises(InvalidInput) as err:
        delete_category(db, admin, here, cat.id)
    assert err.value.key == "masterdata.category_in_use"
    assert err.value.params == {"name": "Alltagshilfe", "listings": 1}
    assert db.get(Category, cat.id) is not None
    [row] = list_categories(db, admin, here).rows
    assert row.listings == 1
    spare = add_category(db, admin, here, w["exchange"].id, "Garten")
    delete_category(db, admin, here, spare)
    assert db.get(Category, spare) is None
    assert _actions(db) == ["add_category", "delete_category"]


def test_english_names_are_optional_and_shown_in_the_english_mode(db: Session, w: dict) -> None:
    admin, here, ex = w["actor"], w["here"].id, w["exchange"].id
    new_id = add_category(db, admin, here, ex, "Fenster putzen", "  Window   cleaning ")
    maria = f.actor(db, w["maria"])
    listing_id = create_listing(db, maria, here, _draft(new_id, w["boke"].id))
    assert [r.name_en for r in list_categories(db, admin, here).rows] == ["", "Window cleaning"]
    english = search_public(db, here, SearchFilters(), "en").cards[0]
    assert english.category == "Window cleaning"
    assert search_public(db, here, SearchFilters(), "de").cards[0].category == "Fenster putzen"
    assert get_listing_detail(db, maria, here, listing_id, "en").category == "Window cleaning"
    options = kommunen.labelled_category_options(db, here, str.upper, "en")
    # Without an English name the German one shows.
    assert [o.label for o in options] == [
        "NACHBARSCHAFT – Alltagshilfe",
        "NACHBARSCHAFT – Window cleaning",
    ]

    rename_category(db, admin, here, new_id, "Fensterputzen")  # English name kept
    assert list_categories(db, admin, here).rows[1].name_en == "Window cleaning"
    rename_category(db, admin, here, new_id, "Fensterputzen", "")
    assert search_public(db, here, SearchFilters(), "en").cards[0].category == "Fensterputzen"


def test_bad_english_names_are_refused_and_strangers_may_not_set_them(db: Session, w: dict) -> None:
    admin, here, ex = w["actor"], w["here"].id, w["exchange"].id
    with pytest.raises(InvalidInput) as too_long:
        add_category(db, admin, here, ex, "Fenster putzen", "W" * 81)
    assert too_long.value.field == "name_en"
    with pytest.raises(InvalidInput):
        rename_category(db, admin, here, w["cat"].id, "Alltagshilfe", "x")
    assert db.get(Category, w["cat"].id).name_en == ""  # type: ignore[union-attr]
    for stranger in (w["other_admin"], w["maria"], w["pending"]):
        with pytest.raises((NotAllowed, NotFound)):
            rename_category(db, f.actor(db, stranger), here, w["cat"].id, "Alltagshilfe", "Help")
    assert db.get(Category, w["cat"].id).name_en == ""  # type: ignore[union-attr]
