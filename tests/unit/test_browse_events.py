"""The browse page's events as the server runs them: a filter change is one event with at
most three SQL statements, its reply carries only what changed (never the Kommune's option
lists), another Kommune's ids are dropped, and a tab whose state was lost still works."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from reflex.istate.data import ReflexURL, RouterData
from reflex.state import State
from sqlalchemy import event
from sqlmodel import Session, select

from dasnez_app.pages.browse import BrowseState
from dasnez_app.pages.detail import DetailState
from dasnez_app.pages.kommune import KommuneState
from dasnez_core.db import get_engine
from dasnez_core.models import Listing, ListingSocialSpace
from tests import factories as f

OPTION_VARS = {
    "exchanges",
    "categories",
    "areas",
    "spaces",
    "institutions",
    "kommune_name",
    "slug",
}


def _world(db: Session) -> dict[str, Any]:
    """Delbrück with two districts, a village, a social space and listings; Bad Lippspringe
    with a listing of its own."""
    here = f.kommune(db)
    _, cat = f.exchange_with_category(db, here)
    boke = f.district(db, here, "Boke")
    f.district(db, here, "Anreppen")
    dorf = f.village(db, boke, "Bentfeld")
    space = f.social_space(db, here)
    author = f.user(db, here, "maria@example.org")
    first = f.listing_with(db, author, cat, title="Rasen mähen", area=dorf)
    db.add(ListingSocialSpace(listing_id=first.id, social_space_id=space.id))
    f.listing_with(db, author, cat, title="Einkauf", kind="request", area=boke)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    _, other_cat = f.exchange_with_category(db, other)
    other_area = f.district(db, other, "Mitte")
    other_author = f.user(db, other, "jonas@example.org")
    f.listing_with(db, other_author, other_cat, title="Fremder Eintrag", area=other_area)
    db.commit()
    return {
        "cat": cat,
        "boke": boke,
        "dorf": dorf,
        "space": space,
        "other_cat": other_cat,
        "other_area": other_area,
    }


def _state(path: str) -> BrowseState:
    """The browse state of a new tab whose address bar shows `path`."""

    async def make() -> BrowseState:
        root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
        browse = await root.get_state(BrowseState)
        root.router = RouterData(url=ReflexURL("http://localhost:3000" + path))
        return browse

    return asyncio.run(make())


def _run(state: BrowseState, handler: str, *args: Any) -> Any:
    """Run one of the state's event handlers as Reflex would, and forget what it changed
    beforehand (so `_sent` shows this event's reply only)."""
    state._clean()
    fn = getattr(BrowseState, handler).fn
    return asyncio.run(fn(state, *args))


def _sent(state: BrowseState) -> set[str]:
    """The vars this event's reply carries."""
    return set(state.dirty_vars)


@contextmanager
def _statements() -> Iterator[list[str]]:
    """The SQL statements run meanwhile (not BEGIN/COMMIT: they are no statements)."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _titles(state: BrowseState) -> list[str]:
    return [c.title for c in state.cards]


def test_a_filter_change_is_one_event_of_at_most_three_statements(db: Session) -> None:
    w = _world(db)
    state = _state("/k/delbrueck/eintraege")
    _run(state, "load")
    assert state.found and sorted(_titles(state)) == ["Einkauf", "Rasen mähen"]
    assert len(state.areas) == 3 and len(state.spaces) == 1

    changes = [
        ("set_filter", "boerse", "nachbarschaft"),
        ("set_filter", "kategorie", str(w["cat"].id)),
        ("set_filter", "ort", str(w["boke"].id)),
        ("set_filter", "sozialraum", str(w["space"].id)),
        ("set_filter", "art", "offer"),
        ("set_filter", "sortierung", "expiry"),
        ("apply", {"q": "Rasen"}),
    ]
    for handler, *args in changes:
        with _statements() as seen:
            reply = _run(state, handler, *args)
        assert len(seen) <= 3, (handler, args, seen)
        # The reply writes the new URL into the address bar: no second round trip.
        assert "history.pushState" in str(reply)
        assert not _sent(state) & OPTION_VARS, (handler, _sent(state))
    assert _titles(state) == ["Rasen mähen"]
    assert state.active_count == 6 and len(state.chips) == 7
    assert "sozialraum=" in str(reply) and "q=Rasen" in str(reply)


def test_an_unchanged_result_is_not_sent_again(db: Session) -> None:
    _world(db)
    state = _state("/k/delbrueck/eintraege")
    _run(state, "load")
    _run(state, "set_filter", "art", "request")
    assert _titles(state) == ["Einkauf"]
    # Sorting a single hit by expiry: only the sort (and its chip) change.
    _run(state, "set_filter", "sortierung", "expiry")
    assert "cards" not in _sent(state) and "total" not in _sent(state)
    assert {"f_sort", "chips", "active_count"} <= _sent(state)
    # A reload of the same Kommune finds the same option lists: they are not sent again.
    _run(state, "load")
    assert not _sent(state) & OPTION_VARS


def test_another_kommunes_ids_and_unknown_parameters_are_dropped(db: Session) -> None:
    w = _world(db)
    state = _state("/k/delbrueck/eintraege")
    _run(state, "load")
    _run(state, "set_filter", "ort", str(w["other_area"].id))
    assert state.f_area == "" and sorted(_titles(state)) == ["Einkauf", "Rasen mähen"]
    _run(state, "set_filter", "kategorie", str(w["other_cat"].id))
    assert state.f_category == "" and "Fremder Eintrag" not in _titles(state)
    assert _run(state, "set_filter", "__class__", "x") is None
    assert _run(state, "clear_filter", "password") is None


def test_a_tab_whose_state_was_lost_starts_from_its_address_bar(db: Session) -> None:
    w = _world(db)
    # No load ran (the state store lost the tab's state): the filter event rebuilds the
    # view from the URL and keeps its filters.
    state = _state(f"/k/delbrueck/eintraege?ort={w['dorf'].id}&seite=3")
    reply = _run(state, "set_filter", "art", "offer")
    assert state.found and state.f_area == str(w["dorf"].id) and state.page == 1
    assert _titles(state) == ["Rasen mähen"] and state.kommune_name == "Delbrück"
    assert "seite" not in str(reply)


def test_an_unknown_or_switched_off_kommune_is_not_found(db: Session) -> None:
    _world(db)
    state = _state("/k/nirgendwo/eintraege")
    _run(state, "load")
    assert state.loaded and not state.found
    assert _run(state, "set_filter", "art", "offer") is None
    assert not state.found and state.cards == []


@pytest.mark.parametrize("page", ["2", "x", "-1", "99999"])
def test_turning_pages_stays_within_range(db: Session, page: str) -> None:
    _world(db)
    state = _state("/k/delbrueck/eintraege")
    _run(state, "load")
    _run(state, "turn_page", page)
    assert state.page == 1 and len(state.cards) == 2


def _page_state(cls: type[Any], path: str) -> Any:
    async def make() -> Any:
        root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
        page = await root.get_state(cls)
        root.router = RouterData(url=ReflexURL("http://localhost:3000" + path))
        return page

    return asyncio.run(make())


def _load(page: Any) -> None:
    page._clean()
    asyncio.run(type(page).load.fn(page))


def test_the_kommune_page_loads_once_and_resends_nothing_unchanged(db: Session) -> None:
    _world(db)
    page = _page_state(KommuneState, "/k/delbrueck")
    _load(page)
    assert page.found and page.name == "Delbrück"
    assert sorted(c.title for c in page.listings) == ["Einkauf", "Rasen mähen"]
    with _statements() as seen:
        _load(page)
    # The Kommune from the cached master data; Info-Box, sponsors and the newest listings.
    assert len(seen) <= 4, seen
    assert page.dirty_vars <= {"here_slug", "login_link", "user_name", "user_status"}, (
        page.dirty_vars
    )
    gone = _page_state(KommuneState, "/k/nirgendwo")
    _load(gone)
    assert gone.loaded and not gone.found


def test_a_listing_is_found_only_under_its_own_kommune(db: Session) -> None:
    _world(db)
    other = db.exec(select(Listing).where(Listing.title == "Fremder Eintrag")).one()
    mine = db.exec(select(Listing).where(Listing.title == "Einkauf")).one()
    page = _page_state(DetailState, f"/k/bad-lippspringe/eintrag/{other.id}")
    _load(page)
    assert page.found and page.title == "Fremder Eintrag"
    # (The Kommune's master data loads once: five statements, then it is cached.)
    # A load then reads the listing with its author, its social spaces, whether a proxy
    # represents the author, the author's ratings and the photos: five statements.
    with _statements() as seen:
        _load(page)
    assert len(seen) <= 5, seen
    # Another Kommune's listing under this Kommune's address is not found.
    page = _page_state(DetailState, f"/k/delbrueck/eintrag/{other.id}")
    _load(page)
    assert page.loaded and not page.found and page.title == ""
    # Nor is a draft, for anybody but its author (this caller is anonymous).
    mine.status = "draft"
    db.add(mine)
    db.commit()
    page = _page_state(DetailState, f"/k/delbrueck/eintrag/{mine.id}")
    _load(page)
    assert page.loaded and not page.found
