"""A Kommune's profile, and who may touch any of its master data at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    Area,
    AuditEvent,
    Category,
    Exchange,
    InfoItem,
    Kommune,
    Listing,
    SocialSpace,
    Sponsor,
)
from dasnez_core.services import kommunen
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.masterdata import (
    ProfileInput,
    clean_url,
    exchange_choices,
    get_profile,
    update_profile,
)
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
from dasnez_core.services.masterdata_catalog import (
    add_category,
    delete_category,
    list_categories,
    rename_category,
    set_category_active,
)
from dasnez_core.services.masterdata_public import (
    InfoItemInput,
    SponsorInput,
    add_info_item,
    add_sponsor,
    delete_info_item,
    delete_sponsor,
    list_info_items,
    list_sponsors,
    move_info_item,
    move_sponsor,
    update_info_item,
    update_sponsor,
)
from tests import factories as f


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    return f.masterdata_world(db)


def _as(db: Session, w: dict[str, Any], who: str) -> Actor:
    return f.actor(db, w[who])


def _profile(**change: Any) -> ProfileInput:
    values: dict[str, Any] = {
        "name": "Delbrück",
        "contact_name": "Bürgerbüro",
        "contact_email": "buergerbuero@delbrueck.example",
        "contact_phone": "05250 996-0",
        "contact_address": "Marktstraße 6, 33129 Delbrück",
        "listing_days": "30",
        "reminder_days": "5",
        "enabled_exchanges": frozenset({"nachbarschaft", "zeitspende"}),
        "premoderation": False,
    }
    values.update(change)
    return ProfileInput(**values)


def _audit(db: Session, action: str) -> list[AuditEvent]:
    return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


# --- profile -----------------------------------------------------------------------------------


def test_admin_saves_the_profile_and_the_public_reads_it_at_once(db: Session, w: dict) -> None:
    admin = _as(db, w, "admin")
    update_profile(db, admin, w["here"].id, _profile())
    public = kommunen.get_kommune_by_slug(db, "delbrueck")
    assert (public.contact_name, public.contact_email, public.contact_phone) == (
        "Bürgerbüro",
        "buergerbuero@delbrueck.example",
        "05250 996-0",
    )
    assert public.contact_address == "Marktstraße 6, 33129 Delbrück"
    assert (public.listing_days, public.reminder_days) == (30, 5)
    profile = get_profile(db, admin, w["here"].id)
    assert {e.type: e.enabled for e in profile.exchanges} == {
        "taschengeld": False,
        "zeitspende": True,
        "tausch": False,
        "nachbarschaft": True,
    }
    # Zeitspende had no row yet: switching it on creates it; the public sees both.
    assert sorted(t for _, t in kommunen.exchange_options(db, w["here"].id)) == [
        "nachbarschaft",
        "zeitspende",
    ]
    [event] = _audit(db, "update_profile")
    assert (event.kommune_id, event.actor_id, event.target_type) == (
        w["here"].id,
        w["admin"].id,
        "kommune",
    )


def test_new_run_time_applies_to_new_listings(db: Session, w: dict) -> None:
    update_profile(db, _as(db, w, "admin"), w["here"].id, _profile(listing_days="14"))
    listing_id = create_listing(
        db,
        _as(db, w, "maria"),
        w["here"].id,
        ListingDraft(
            "offer", None, w["cat"].id, "Rasen mähen", "Ich mähe gern Rasen.", w["boke"].id
        ),
    )
    listing = db.get(Listing, listing_id)
    assert listing is not None
    assert (listing.expires_at - listing.created_at).days == 14


def test_switching_pre_moderation_on_holds_new_listings_back(db: Session, w: dict) -> None:
    update_profile(db, _as(db, w, "admin"), w["here"].id, _profile(premoderation=True))
    assert get_profile(db, _as(db, w, "admin"), w["here"].id).premoderation
    listing_id = create_listing(
        db,
        _as(db, w, "maria"),
        w["here"].id,
        ListingDraft(
            "offer", None, w["cat"].id, "Rasen mähen", "Ich mähe gern Rasen.", w["boke"].id
        ),
    )
    assert db.get(Listing, listing_id).status == "pending"  # type: ignore[union-attr]


def test_switching_an_exchange_off_hides_its_categories_from_new_listings(
    db: Session, w: dict
) -> None:
    assert kommunen.category_options(db, w["here"].id)
    update_profile(
        db, _as(db, w, "admin"), w["here"].id, _profile(enabled_exchanges=frozenset({"tausch"}))
    )
    assert kommunen.category_options(db, w["here"].id) == []
    assert [t for _, t in kommunen.exchange_options(db, w["here"].id)] == ["tausch"]
    choices = exchange_choices(db, _as(db, w, "admin"), w["here"].id)
    assert {(t, on) for _, t, on in choices} == {("nachbarschaft", False), ("tausch", True)}


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"name": " x "}, "masterdata.name_too_short"),
        ({"name": "D" * 121}, "masterdata.name_too_long"),
        ({"contact_email": ""}, "masterdata.contact_email_required"),
        ({"contact_email": "rathaus"}, "email.invalid"),
        ({"contact_phone": "call me"}, "masterdata.phone_invalid"),
        ({"contact_address": "A" * 301}, "masterdata.text_too_long"),
        ({"listing_days": "6"}, "masterdata.listing_days_range"),
        ({"listing_days": "366"}, "masterdata.listing_days_range"),
        ({"listing_days": "dreißig"}, "masterdata.listing_days_range"),
        ({"listing_days": "-30"}, "masterdata.listing_days_range"),
        ({"reminder_days": "0"}, "masterdata.reminder_days_range"),
        ({"reminder_days": "31"}, "masterdata.reminder_days_range"),
        ({"listing_days": "7", "reminder_days": "7"}, "masterdata.reminder_not_before_end"),
        ({"listing_days": "10", "reminder_days": "12"}, "masterdata.reminder_not_before_end"),
        ({"enabled_exchanges": frozenset()}, "masterdata.exchange_required"),
        ({"enabled_exchanges": frozenset({"lotto"})}, "masterdata.exchange_required"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_is_saved(
    db: Session, w: dict, change: dict, key: str
) -> None:
    before = (w["here"].name, w["here"].contact_email, w["here"].listing_days)
    with pytest.raises(InvalidInput) as err:
        update_profile(
            db, _as(db, w, "admin"), w["here"].id, _profile(**{"name": "Neuer Name", **change})
        )
    assert err.value.key == key
    db.expire_all()
    kommune = db.get(Kommune, w["here"].id)
    assert kommune is not None
    assert (kommune.name, kommune.contact_email, kommune.listing_days) == before
    assert db.get(Exchange, w["exchange"].id).enabled  # type: ignore[union-attr]
    assert _audit(db, "update_profile") == []


def test_boundaries_of_the_run_time_and_reminder_are_accepted(db: Session, w: dict) -> None:
    admin = _as(db, w, "admin")
    update_profile(db, admin, w["here"].id, _profile(listing_days="7", reminder_days="1"))
    update_profile(db, admin, w["here"].id, _profile(listing_days="365", reminder_days="30"))
    assert (w["here"].listing_days, w["here"].reminder_days) == (365, 30)


@pytest.mark.parametrize(
    "url",
    [
        "www.example.org",
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://",
        "https://user:geheim@example.org/",
        "https://exa mple.org/",
        "data:text/html,hi",
        "http://[::1",
    ],
)
def test_only_http_and_https_addresses_pass(url: str) -> None:
    with pytest.raises(InvalidInput) as err:
        clean_url(url, "url", required=True)
    assert err.value.key == "masterdata.url_invalid"


def test_good_addresses_pass_and_an_optional_one_may_be_empty() -> None:
    assert clean_url(" https://www.volksbank.de/a?b=1 ", "url", required=True) == (
        "https://www.volksbank.de/a?b=1"
    )
    assert clean_url("HTTP://example.org", "url", required=True) == "HTTP://example.org"
    assert clean_url("", "url", required=False) == ""
    with pytest.raises(InvalidInput) as err:
        clean_url("  ", "url", required=True)
    assert err.value.key == "masterdata.url_required"


# --- the wrong person -------------------------------------------------------------------------

Call = Callable[[Session, Actor, int, dict[str, Any]], object]

# Every service of the master data, aimed at Delbrück's records (ids of "here").
CALLS: dict[str, Call] = {
    "get_profile": lambda db, a, k, w: get_profile(db, a, k),
    "update_profile": lambda db, a, k, w: update_profile(db, a, k, _profile()),
    "exchange_choices": lambda db, a, k, w: exchange_choices(db, a, k),
    "list_areas": lambda db, a, k, w: list_areas(db, a, k),
    "district_options": lambda db, a, k, w: district_options(db, a, k),
    "add_village": lambda db, a, k, w: add_area(db, a, k, "Neudorf", w["boke"].id),
    "rename_area": lambda db, a, k, w: rename_area(db, a, k, w["boke"].id, "Bocke"),
    "move_village": lambda db, a, k, w: move_village(db, a, k, w["heide"].id, w["hagen"].id),
    "merge_area": lambda db, a, k, w: merge_area(
        db, a, k, w["hagen"].id, w["boke"].id, confirmed=True
    ),
    "delete_area": lambda db, a, k, w: delete_area(db, a, k, w["hagen"].id),
    "list_social_spaces": lambda db, a, k, w: list_social_spaces(db, a, k),
    "add_social_space": lambda db, a, k, w: add_social_space(
        db, a, k, SocialSpaceInput("club", "Schützenverein", w["boke"].id)
    ),
    "update_social_space": lambda db, a, k, w: update_social_space(
        db, a, k, w["space"].id, SocialSpaceInput("school", "Umbenannt", None)
    ),
    "delete_social_space": lambda db, a, k, w: delete_social_space(db, a, k, w["space"].id),
    "list_categories": lambda db, a, k, w: list_categories(db, a, k),
    "add_category": lambda db, a, k, w: add_category(db, a, k, w["exchange"].id, "Neu"),
    "rename_category": lambda db, a, k, w: rename_category(db, a, k, w["cat"].id, "Anders"),
    "deactivate_category": lambda db, a, k, w: set_category_active(db, a, k, w["cat"].id, False),
    "delete_category": lambda db, a, k, w: delete_category(db, a, k, w["spare_cat"].id),
    "list_sponsors": lambda db, a, k, w: list_sponsors(db, a, k, w["today"]),
    "add_sponsor": lambda db, a, k, w: add_sponsor(
        db, a, k, SponsorInput("Bank", "https://bank.example/")
    ),
    "update_sponsor": lambda db, a, k, w: update_sponsor(
        db, a, k, w["sponsor"].id, SponsorInput("Bank", "https://bank.example/")
    ),
    "move_sponsor": lambda db, a, k, w: move_sponsor(db, a, k, w["sponsor"].id, "down"),
    "delete_sponsor": lambda db, a, k, w: delete_sponsor(db, a, k, w["sponsor"].id),
    "list_info_items": lambda db, a, k, w: list_info_items(db, a, k, w["today"]),
    "add_info_item": lambda db, a, k, w: add_info_item(db, a, k, InfoItemInput("Neu")),
    "update_info_item": lambda db, a, k, w: update_info_item(
        db, a, k, w["info"].id, InfoItemInput("Geändert")
    ),
    "move_info_item": lambda db, a, k, w: move_info_item(db, a, k, w["info"].id, "down"),
    "delete_info_item": lambda db, a, k, w: delete_info_item(db, a, k, w["info"].id),
}


def _snapshot(db: Session, kommune_id: int) -> tuple[Any, ...]:
    """Everything of a Kommune's master data a wrong call might change."""
    db.expire_all()
    k = db.get(Kommune, kommune_id)
    assert k is not None

    def rows(model: Any, *columns: Any) -> list[tuple[Any, ...]]:
        return sorted(
            tuple(getattr(r, c) for c in columns)
            for r in db.exec(select(model).where(model.kommune_id == kommune_id)).all()
        )

    return (
        (k.name, k.contact_email, k.listing_days, k.premoderation),
        rows(Exchange, "id", "enabled"),
        rows(Area, "id", "name", "parent_id"),
        rows(SocialSpace, "id", "name", "kind", "area_id"),
        rows(Category, "id", "name", "active"),
        rows(Sponsor, "id", "name", "position"),
        rows(InfoItem, "id", "title", "position"),
        rows(Listing, "id", "area_id", "district_id"),
        db.exec(select(func.count()).select_from(AuditEvent)).one(),
    )


@pytest.fixture
def targets(db: Session, w: dict) -> dict[str, Any]:
    here = w["here"]
    w = dict(w)
    w["space"] = f.social_space(db, here)
    w["spare_cat"] = w["cat"]  # no listing uses it
    w["sponsor"] = f.sponsor(db, here, "Volksbank", position=1)
    f.sponsor(db, here, "Sparkasse", position=2)
    w["info"] = f.info_item(db, here, "Sprechstunde", position=1)
    f.info_item(db, here, "Markt", position=2)
    w["today"] = date.today()
    return w


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("who", ["anonymous", "maria", "pending", "blocked_admin", "platform"])
def test_only_the_kommunes_own_admin_gets_in(
    db: Session, targets: dict, call: str, who: str
) -> None:
    here = targets["here"].id
    actor = ANONYMOUS if who == "anonymous" else _as(db, targets, who)
    before = _snapshot(db, here)
    with pytest.raises(NotAllowed):
        CALLS[call](db, actor, here, targets)
    assert _snapshot(db, here) == before


# Calls that name no record: for the other admin they act on their own Kommune, rightly.
WITHOUT_IDS = {
    "get_profile",
    "update_profile",
    "exchange_choices",
    "list_areas",
    "district_options",
    "list_social_spaces",
    "list_categories",
    "list_sponsors",
    "add_sponsor",
    "list_info_items",
    "add_info_item",
}


@pytest.mark.parametrize("call", sorted(set(CALLS) - WITHOUT_IDS))
def test_the_other_kommunes_admin_finds_none_of_its_records(
    db: Session, targets: dict, call: str
) -> None:
    """Sent with their own Kommune (as the portal always does) but Delbrück's ids."""
    here = targets["here"].id
    other_admin = _as(db, targets, "other_admin")
    before = _snapshot(db, here)
    other_before = _snapshot(db, targets["other"].id)
    with pytest.raises(NotFound):
        CALLS[call](db, other_admin, targets["other"].id, targets)
    assert _snapshot(db, here) == before
    assert _snapshot(db, targets["other"].id) == other_before


def test_the_other_kommunes_admin_cannot_name_delbrueck_as_the_kommune(
    db: Session, targets: dict
) -> None:
    other_admin = _as(db, targets, "other_admin")
    for name in ("update_profile", "add_village", "delete_sponsor", "list_areas"):
        with pytest.raises(NotAllowed):
            CALLS[name](db, other_admin, targets["here"].id, targets)


def test_the_own_admin_passes_every_call(db: Session, targets: dict) -> None:
    """The refusals above are not an accident of the data: the right person gets through."""
    admin = _as(db, targets, "admin")
    for name in sorted(CALLS):
        attempt = db.begin_nested()
        CALLS[name](db, admin, targets["here"].id, targets)
        attempt.rollback()
