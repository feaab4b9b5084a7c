"""The filter vocabulary: values checked against the Kommune, one SQL condition each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from dasnez_core.errors import InvalidInput
from dasnez_core.models import ExchangeType, Listing, ListingSocialSpace, User
from dasnez_core.services import filters as v
from tests import factories as f


@pytest.fixture
def town(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    heide = f.village(db, boke, "Boker Heide")
    hagen = f.district(db, here, "Hagen")
    kern = f.district(db, other, "Kernstadt")
    _, garden = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    _, other_cat = f.exchange_with_category(db, other, ExchangeType.ZEITSPENDE, "Garten")
    parish = f.social_space(db, here, "Pfarrei")
    foreign_space = f.social_space(db, other, "Fremde Pfarrei")
    maria = f.user(db, here, "maria@example.org", area=heide, name="Maria")
    jonas = f.user(db, here, "jonas@example.org", area=boke, name="Jonas")
    f.user(db, here, "hanna@example.org", area=hagen, name="Hanna")
    anna = f.user(db, other, "anna@example.org", area=kern, name="Anna")
    in_village = f.listing_with(db, maria, garden, title="Dorf", area=heide)
    in_district = f.listing_with(db, jonas, garden, title="Stadtteil", area=boke)
    f.listing_with(db, jonas, garden, title="Hagen", area=hagen)
    f.listing_with(db, anna, other_cat, title="Fremd", area=kern)
    db.add(ListingSocialSpace(social_space_id=parish.id, listing_id=in_village.id))
    db.flush()
    return {
        "here": here.id,
        "other": other.id,
        "boke": boke.id,
        "heide": heide.id,
        "kern": kern.id,
        "parish": parish.id,
        "foreign_space": foreign_space.id,
        "in_village": in_village.id,
        "in_district": in_district.id,
    }


def _titles(db: Session, kommune_id: int, *conditions: Any) -> list[str]:
    rows = db.execute(
        sa_select(col(Listing.title))
        .where(col(Listing.kommune_id) == kommune_id, *conditions)
        .order_by(col(Listing.title))
    ).all()
    return [r[0] for r in rows]


def _people(db: Session, kommune_id: int, *conditions: Any) -> list[str]:
    rows = db.execute(
        sa_select(col(User.display_name))
        .where(col(User.kommune_id) == kommune_id, *conditions)
        .order_by(col(User.display_name))
    ).all()
    return [r[0] for r in rows]


def test_a_district_includes_its_villages_a_village_is_itself(
    db: Session, town: dict[str, Any]
) -> None:
    district = v.resolve_area(db, town["here"], town["boke"])
    village = v.resolve_area(db, town["here"], town["heide"])
    assert district is not None and district.is_district
    assert village is not None and not village.is_district
    assert _titles(db, town["here"], v.listing_area_condition(district)) == ["Dorf", "Stadtteil"]
    assert _titles(db, town["here"], v.listing_area_condition(village)) == ["Dorf"]
    assert _people(db, town["here"], v.user_area_condition(district)) == ["Jonas", "Maria"]
    assert _people(db, town["here"], v.user_area_condition(village)) == ["Maria"]


def test_the_district_filter_uses_the_denormalised_column() -> None:
    district = v.AreaScope(kommune_id=1, area_id=7, is_district=True)
    village = v.AreaScope(kommune_id=1, area_id=8, is_district=False)
    assert "district_id" in str(v.listing_area_condition(district))
    assert "area_id" in str(v.listing_area_condition(village))


def test_another_kommunes_ids_resolve_to_nothing_not_an_error(
    db: Session, town: dict[str, Any]
) -> None:
    assert v.resolve_area(db, town["here"], town["kern"]) is None
    assert v.resolve_area(db, town["here"], None) is None
    assert v.resolve_area(db, town["here"], 999_999) is None
    assert v.resolve_space(db, town["here"], town["foreign_space"]) is None
    assert v.resolve_space(db, town["here"], town["parish"]) == town["parish"]
    assert v.exchange_id_of(db, town["here"], "zeitspende") is None  # only the other has one
    assert v.exchange_id_of(db, town["here"], "taschengeld") is not None


def test_social_space_exchange_and_kind_conditions(db: Session, town: dict[str, Any]) -> None:
    here = town["here"]
    assert _titles(db, here, v.listing_space_condition(town["parish"])) == ["Dorf"]
    taschengeld = v.exchange_id_of(db, here, "taschengeld")
    assert len(_titles(db, here, v.listing_exchange_condition(taschengeld))) == 3
    assert _titles(db, here, v.listing_exchange_condition(None)) == []
    assert _titles(db, here, v.kind_condition("request")) == []
    assert len(_titles(db, here, v.kind_condition("offer"))) == 3


def test_date_range_bounds_are_german_calendar_days() -> None:
    # Winter: Berlin is UTC+1; summer: UTC+2.
    assert v.day_start(date(2026, 1, 31)) == datetime(2026, 1, 30, 23, 0, tzinfo=UTC)
    assert v.day_start(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    start, end = v.created_between(col(Listing.created_at), date(2026, 3, 10), date(2026, 3, 10))
    assert start.right.value == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert end.right.value == datetime(2026, 3, 10, 23, 0, tzinfo=UTC)
    assert v.created_between(col(Listing.created_at), None, None) == []


def test_a_listing_late_at_night_counts_on_its_german_day(
    db: Session, town: dict[str, Any]
) -> None:
    listing = db.get(Listing, town["in_village"])
    assert listing is not None
    listing.created_at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 February
    db.add(listing)
    db.flush()
    on = v.created_between(col(Listing.created_at), date(2026, 2, 1), date(2026, 2, 1))
    before = v.created_between(col(Listing.created_at), date(2026, 1, 31), date(2026, 1, 31))
    assert _titles(db, town["here"], *on) == ["Dorf"]
    assert _titles(db, town["here"], *before) == []


def test_a_reversed_range_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        v.check_range(date(2026, 2, 1), date(2026, 1, 1))
    assert (err.value.field, err.value.key) == ("bis", "adminlist.range_reversed")
    with pytest.raises(InvalidInput) as err:
        v.check_range(
            date(2026, 2, 1), date(2026, 1, 1), field="date_to", key="audit.range_invalid"
        )
    assert (err.value.field, err.value.key) == ("date_to", "audit.range_invalid")
    v.check_range(date(2026, 1, 1), date(2026, 1, 1))
    v.check_range(None, date(2026, 1, 1))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("0", None),
        ("-3", None),
        ("abc", None),
        ("1e9", None),
        ("9999999999", None),
        ("", None),
        (None, None),
    ],
)
def test_positive_int(raw: str | None, expected: int | None) -> None:
    assert v.positive_int(raw) == expected


def test_free_text_is_cleaned_and_searched_as_characters(db: Session, town: dict[str, Any]) -> None:
    assert v.clean_query("  Rasen \n  mähen ") == "Rasen mähen"
    assert len(v.clean_query("x" * 500)) == v.Q_MAX
    assert _titles(db, town["here"], v.contains_text("DORF", col(Listing.title))) == ["Dorf"]
    assert _titles(db, town["here"], v.contains_text("%", col(Listing.title))) == []


def test_area_label() -> None:
    assert v.area_label("Boker Heide", "Boke") == "Boke › Boker Heide"
    assert v.area_label("Boke", "Boke") == "Boke"
    assert v.area_label("Boke", None) == "Boke"
    assert v.area_label(None, "Boke") == ""
