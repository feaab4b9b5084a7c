"""Districts, villages and social spaces kept by a Kommune's admin; listings' district follows."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import (
    Area,
    AuditEvent,
    Listing,
    ListingSocialSpace,
    SocialSpace,
    User,
    UserSocialSpace,
)
from dasnez_core.services import kommunen
from dasnez_core.services.masterdata_areas import (
    SocialSpaceInput,
    add_area,
    add_social_space,
    delete_area,
    delete_social_space,
    district_options,
    list_areas,
    list_social_spaces,
    merge_area,
    move_village,
    rename_area,
    update_social_space,
)
from dasnez_core.services.search import SearchFilters, search_public
from tests import factories as f


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    w = f.masterdata_world(db)
    w["actor"] = f.actor(db, w["admin"])
    return w


def _titles(db: Session, w: dict, area: Area) -> list[str]:
    """What the public finds when it filters by `area` (a district includes its villages)."""
    page = search_public(db, w["here"].id, SearchFilters(area=area.id))
    return sorted(c.title for c in page.cards)


def _listing(db: Session, w: dict, area: Area, title: str) -> Listing:
    return f.listing_with(db, w["maria"], w["cat"], title=title, area=area)


def _audit(db: Session, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def _refused(key: str, call: Any, *args: Any, **kwargs: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as err:
        call(*args, **kwargs)
    assert err.value.key == key
    return err.value


# --- add and rename ------------------------------------------------------------------------


def test_add_a_district_and_a_village_and_offer_them_everywhere(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    sudhagen = add_area(db, admin, here, "  Sudhagen ", None)
    nord = add_area(db, admin, here, "Sudhagen-Nord", sudhagen)
    labels = [o.label for o in kommunen.area_options(db, here)]
    assert "Sudhagen" in labels and "Sudhagen › Sudhagen-Nord" in labels
    assert [o.label for o in district_options(db, admin, here)] == ["Boke", "Hagen", "Sudhagen"]
    rows = {r.label: r for r in list_areas(db, admin, here).rows}
    assert rows["Sudhagen"].villages == 1
    assert rows["Sudhagen › Sudhagen-Nord"].kind == "village"
    assert {e.target_id for e in _audit(db, "add_area")} == {sudhagen, nord}


def test_duplicate_names_under_the_same_parent_are_refused(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    _refused("masterdata.area_duplicate", add_area, db, admin, here, "boke", None)
    _refused("masterdata.area_duplicate", add_area, db, admin, here, "BOKER heide", w["boke"].id)
    # The same name elsewhere is fine: another district, or another Kommune.
    add_area(db, admin, here, "Boker Heide", w["hagen"].id)
    add_area(db, f.actor(db, w["other_admin"]), w["other"].id, "Boke", None)
    _refused("masterdata.area_duplicate", rename_area, db, admin, here, w["hagen"].id, "Boke")
    rename_area(db, admin, here, w["hagen"].id, "hagen")  # its own name, other spelling
    assert db.get(Area, w["hagen"].id).name == "hagen"  # type: ignore[union-attr]


def test_bad_names_and_parents_are_refused(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    _refused("masterdata.name_too_short", add_area, db, admin, here, " B ", None)
    _refused("masterdata.name_too_long", add_area, db, admin, here, "B" * 121, None)
    _refused("masterdata.area_parent_not_district", add_area, db, admin, here, "Hof", w["heide"].id)
    with pytest.raises(NotFound):
        add_area(db, admin, here, "Hof", w["other_district"].id)
    assert len(list_areas(db, admin, here).rows) == 3


def test_rename_shows_everywhere(db: Session, w: dict) -> None:
    _listing(db, w, w["heide"], "Zaun streichen")
    rename_area(db, w["actor"], w["here"].id, w["heide"].id, "Heide")
    page = search_public(db, w["here"].id, SearchFilters())
    assert [c.area for c in page.cards] == ["Boke › Heide"]
    assert len(_audit(db, "rename_area")) == 1


# --- move ----------------------------------------------------------------------------------


def test_moving_a_village_moves_its_listings_district(db: Session, w: dict) -> None:
    _listing(db, w, w["heide"], "Zaun streichen")
    _listing(db, w, w["boke"], "Hecke schneiden")
    assert _titles(db, w, w["boke"]) == ["Hecke schneiden", "Zaun streichen"]
    move_village(db, w["actor"], w["here"].id, w["heide"].id, w["hagen"].id)
    assert _titles(db, w, w["boke"]) == ["Hecke schneiden"]
    assert _titles(db, w, w["hagen"]) == ["Zaun streichen"]
    assert _titles(db, w, w["heide"]) == ["Zaun streichen"]
    assert db.get(Area, w["heide"].id).parent_id == w["hagen"].id  # type: ignore[union-attr]
    [event] = _audit(db, "move_area")
    assert event.target_id == w["heide"].id


def test_what_cannot_be_moved(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    _refused(
        "masterdata.area_move_only_villages",
        move_village,
        db,
        admin,
        here,
        w["hagen"].id,
        w["boke"].id,
    )
    _refused(
        "masterdata.area_already_there", move_village, db, admin, here, w["heide"].id, w["boke"].id
    )
    twin = add_area(db, admin, here, "Boker Heide", w["hagen"].id)
    _refused(
        "masterdata.area_duplicate", move_village, db, admin, here, w["heide"].id, w["hagen"].id
    )
    _refused(
        "masterdata.area_parent_not_district", move_village, db, admin, here, w["heide"].id, twin
    )
    with pytest.raises(NotFound):
        move_village(db, admin, here, w["heide"].id, w["other_district"].id)
    assert _audit(db, "move_area") == []


# --- merge ---------------------------------------------------------------------------------


def test_merging_a_village_moves_listings_people_and_spaces(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    lippling = add_area(db, admin, here, "Lippling", w["hagen"].id)
    target = db.get(Area, lippling)
    assert target is not None
    _listing(db, w, w["heide"], "Zaun streichen")
    space = f.social_space(db, w["here"])
    space.area_id = w["heide"].id
    db.add(space)
    db.flush()
    merge_area(db, admin, here, w["heide"].id, lippling, confirmed=True)
    db.expire_all()
    assert db.get(Area, w["heide"].id) is None
    assert _titles(db, w, target) == ["Zaun streichen"]
    assert _titles(db, w, w["hagen"]) == ["Zaun streichen"]
    assert _titles(db, w, w["boke"]) == []
    assert db.get(User, w["maria"].id).area_id == lippling  # type: ignore[union-attr]
    assert db.get(SocialSpace, space.id).area_id == lippling  # type: ignore[union-attr]
    [event] = _audit(db, "merge_area")
    assert (event.target_id, event.kommune_id) == (lippling, here)
    assert "Boker Heide" in event.reason


def test_merging_a_district_moves_its_villages_under_the_target(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    _listing(db, w, w["heide"], "Zaun streichen")
    _listing(db, w, w["boke"], "Hecke schneiden")
    _listing(db, w, w["hagen"], "Fenster putzen")
    helper = f.user(db, w["here"], "helfer@example.org", area=w["boke"])
    merge_area(db, admin, here, w["boke"].id, w["hagen"].id, confirmed=True)
    db.expire_all()
    assert db.get(Area, w["boke"].id) is None
    assert db.get(Area, w["heide"].id).parent_id == w["hagen"].id  # type: ignore[union-attr]
    assert _titles(db, w, w["hagen"]) == ["Fenster putzen", "Hecke schneiden", "Zaun streichen"]
    assert _titles(db, w, w["heide"]) == ["Zaun streichen"]
    in_district = db.exec(select(Listing.district_id).where(Listing.kommune_id == here)).all()
    assert set(in_district) == {w["hagen"].id}
    assert db.get(User, helper.id).area_id == w["hagen"].id  # type: ignore[union-attr]
    assert [o.label for o in kommunen.area_options(db, here)] == ["Hagen", "Hagen › Boker Heide"]


def test_a_merge_that_would_clash_or_make_no_sense_is_refused(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    _listing(db, w, w["heide"], "Zaun streichen")
    _refused(
        "masterdata.area_merge_same",
        merge_area,
        db,
        admin,
        here,
        w["boke"].id,
        w["boke"].id,
        confirmed=True,
    )
    _refused(
        "masterdata.area_merge_district_into_village",
        merge_area,
        db,
        admin,
        here,
        w["boke"].id,
        w["heide"].id,
        confirmed=True,
    )
    _refused(
        "masterdata.area_merge_confirm",
        merge_area,
        db,
        admin,
        here,
        w["boke"].id,
        w["hagen"].id,
        confirmed=False,
    )
    add_area(db, admin, here, "Boker Heide", w["hagen"].id)  # the same village name there
    _refused(
        "masterdata.area_duplicate",
        merge_area,
        db,
        admin,
        here,
        w["boke"].id,
        w["hagen"].id,
        confirmed=True,
    )
    with pytest.raises(NotFound):
        merge_area(db, admin, here, w["heide"].id, w["other_district"].id, confirmed=True)
    db.expire_all()
    assert db.get(Area, w["boke"].id) is not None
    assert _titles(db, w, w["boke"]) == ["Zaun streichen"]
    assert _audit(db, "merge_area") == []


# --- delete --------------------------------------------------------------------------------


def test_an_area_in_use_is_not_deleted_and_merging_is_offered(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    err = _refused("masterdata.area_in_use", delete_area, db, admin, here, w["heide"].id)
    assert err.params == {
        "name": "Boker Heide",
        "listings": 0,
        "people": 1,
        "spaces": 0,
        "villages": 0,
    }
    err = _refused("masterdata.area_in_use", delete_area, db, admin, here, w["boke"].id)
    assert err.params["villages"] == 1
    _listing(db, w, w["hagen"], "Fenster putzen")
    err = _refused("masterdata.area_in_use", delete_area, db, admin, here, w["hagen"].id)
    assert err.params["listings"] == 1
    assert _audit(db, "delete_area") == []


def test_a_deleted_listing_still_holds_its_area(db: Session, w: dict) -> None:
    _listing(db, w, w["hagen"], "Fenster putzen").status = "deleted"
    db.flush()
    _refused("masterdata.area_in_use", delete_area, db, w["actor"], w["here"].id, w["hagen"].id)


def test_an_unused_area_is_deleted_but_never_the_last_district(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    delete_area(db, admin, here, w["hagen"].id)
    assert db.get(Area, w["hagen"].id) is None
    assert [e.reason for e in _audit(db, "delete_area")] == ["Hagen"]
    merge_area(db, admin, here, w["heide"].id, w["boke"].id, confirmed=True)
    w["maria"].area_id = None  # Maria moves away: the last district is unused now
    db.add(w["maria"])
    db.flush()
    _refused("masterdata.area_last_district", delete_area, db, admin, here, w["boke"].id)


# --- social spaces -------------------------------------------------------------------------


def test_social_spaces_are_added_changed_and_listed(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    space_id = add_social_space(
        db, admin, here, SocialSpaceInput("kindergarten", " Kita  Sonnenschein ", w["heide"].id)
    )
    [row] = list_social_spaces(db, admin, here).rows
    assert (row.name, row.kind, row.area_label) == (
        "Kita Sonnenschein",
        "kindergarten",
        "Boke › Boker Heide",
    )
    update_social_space(
        db, admin, here, space_id, SocialSpaceInput("school", "Grundschule Boke", None)
    )
    [row] = list_social_spaces(db, admin, here).rows
    assert (row.name, row.kind, row.area_id) == ("Grundschule Boke", "school", "")
    assert [o.label for o in kommunen.social_space_options(db, here)] == ["Grundschule Boke"]
    assert len(_audit(db, "add_social_space")) == len(_audit(db, "update_social_space")) == 1


def test_bad_social_spaces_are_refused(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    add_social_space(db, admin, here, SocialSpaceInput("parish", "St. Johannes", None))
    _refused(
        "masterdata.space_kind_required",
        add_social_space,
        db,
        admin,
        here,
        SocialSpaceInput("church", "St. Marien", None),
    )
    _refused(
        "masterdata.space_duplicate",
        add_social_space,
        db,
        admin,
        here,
        SocialSpaceInput("club", "st. johannes", None),
    )
    with pytest.raises(NotFound):
        add_social_space(
            db, admin, here, SocialSpaceInput("club", "Verein", w["other_district"].id)
        )
    assert len(list_social_spaces(db, admin, here).rows) == 1


def test_a_social_space_in_use_is_not_deleted(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    used_by_listing = f.social_space(db, w["here"], "Pfarrei St. Johannes")
    used_by_person = f.social_space(db, w["here"], "Kolpingfamilie")
    unused = f.social_space(db, w["here"], "Schützenverein")
    listing = _listing(db, w, w["boke"], "Kuchen backen")
    db.add(ListingSocialSpace(social_space_id=used_by_listing.id, listing_id=listing.id))
    db.add(UserSocialSpace(user_id=w["maria"].id, social_space_id=used_by_person.id))
    db.flush()
    err = _refused(
        "masterdata.space_in_use", delete_social_space, db, admin, here, used_by_listing.id
    )
    assert (err.params["listings"], err.params["people"]) == (1, 0)
    err = _refused(
        "masterdata.space_in_use", delete_social_space, db, admin, here, used_by_person.id
    )
    assert (err.params["listings"], err.params["people"]) == (0, 1)
    delete_social_space(db, admin, here, unused.id)
    names = {r.name: (r.listings, r.people) for r in list_social_spaces(db, admin, here).rows}
    assert names == {"Pfarrei St. Johannes": (1, 0), "Kolpingfamilie": (0, 1)}
    assert [e.reason for e in _audit(db, "delete_social_space")] == ["Schützenverein"]


def test_lists_come_in_pages_of_fifty(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    for n in range(60):
        add_area(db, admin, here, f"Hof {n:02d}", w["hagen"].id)
    first, second = list_areas(db, admin, here, 1), list_areas(db, admin, here, 2)
    assert (len(first.rows), len(second.rows), first.pages) == (50, 13, 2)
    assert list_areas(db, admin, here, 99).page == 2
    assert second.rows[-1].label == "Hagen › Hof 59"
