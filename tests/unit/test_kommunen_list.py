"""Platform staff's list of all Kommunen: 25 a page by name, a search by name, slug,
postcode or Kreis (umlauts folded), a filter by state, each row's figures, and a fixed
number of statements a page however many Kommunen there are; nobody else reads it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session

from admin_portal.routes import kommunen_query, outbox_query, parse_kommunen, parse_outbox
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import ListingStatus, Role, UserStatus, utcnow
from dasnez_core.services.kommunen_list import PAGE_SIZE, KommunenFilters, list_managed_kommunen
from tests import factories as f


@pytest.fixture
def land(db: Session) -> dict[str, Any]:
    """60 numbered Kommunen plus three named ones in every state, with figures."""
    delbrueck = f.kommune(db, kreis="Kreis Paderborn", postcodes="33129")
    hoexter = f.kommune(db, slug="hoexter", name="Höxter", kreis="Kreis Höxter", postcodes="37671")
    hoexter.live_since = None  # being set up
    weg = f.kommune(db, slug="weg", name="Wegberg", kreis="Kreis Heinsberg", active=False)
    for n in range(60):
        f.kommune(db, slug=f"ort-{n:02d}", name=f"Ort {n:02d}", kreis="Kreis Lippe")
    staff = f.user(db, delbrueck, "betrieb@dasnez.example", roles=(Role.PLATFORM_ADMIN,))
    f.user(db, delbrueck, "a1@delbrueck.example", roles=(Role.KOMMUNE_ADMIN,))
    f.user(db, delbrueck, "a2@delbrueck.example", roles=(Role.KOMMUNE_ADMIN,))
    maria = f.user(db, delbrueck, "maria@example.org")
    f.user(db, delbrueck, "neu@example.org", status=UserStatus.PENDING)
    f.user(db, hoexter, "neu@hoexter.example", status=UserStatus.PENDING)
    f.user(db, delbrueck, "weg@example.org", status=UserStatus.BLOCKED)
    _, category = f.exchange_with_category(db, delbrueck)
    f.listing_of(db, maria, category)
    f.listing_of(db, maria, category, title="Einkaufen")
    f.listing_of(db, maria, category, title="Entwurf").status = ListingStatus.DRAFT
    kommune_admin = f.user(db, weg, "admin@weg.example", roles=(Role.KOMMUNE_ADMIN,))
    db.commit()
    return {
        "staff": f.actor(db, staff),
        "kommune_admin": f.actor(db, kommune_admin),
        "delbrueck": delbrueck,
        "hoexter": hoexter,
        "weg": weg,
    }


def _names(db: Session, actor: Actor, **filters: Any) -> list[str]:
    return [r.name for r in list_managed_kommunen(db, actor, KommunenFilters(**filters)).rows]


def test_kommunen_come_25_a_page_by_name_and_a_page_past_the_end_shows_the_last(
    db: Session, land: dict[str, Any]
) -> None:
    staff = land["staff"]
    first = list_managed_kommunen(db, staff, KommunenFilters())
    assert (first.total, first.pages, len(first.rows)) == (63, 3, PAGE_SIZE)
    assert [r.name for r in first.rows[:3]] == ["Delbrück", "Höxter", "Ort 00"]
    last = list_managed_kommunen(db, staff, KommunenFilters(page=3))
    assert len(last.rows) == 13 and last.rows[-1].name == "Wegberg"
    beyond = list_managed_kommunen(db, staff, KommunenFilters(page=999_999))
    assert (beyond.page, beyond.filters.page, [r.name for r in beyond.rows]) == (
        3,
        3,
        [r.name for r in last.rows],
    )
    every = [n for page in (1, 2, 3) for n in _names(db, staff, page=page)]
    assert len(set(every)) == 63


def test_each_row_has_its_state_and_figures(db: Session, land: dict[str, Any]) -> None:
    rows = {r.slug: r for r in list_managed_kommunen(db, land["staff"], KommunenFilters()).rows}
    here = rows["delbrueck"]
    assert (here.state, here.admins, here.approved_users, here.pending_users) == (
        "live",
        2,
        4,  # staff, both admins and Maria; the blocked one is not counted
        1,
    )
    assert here.published_listings == 2 and here.live_since
    hoexter = rows["hoexter"]
    assert (hoexter.state, hoexter.pending_users, hoexter.live_since) == ("setup", 1, "")
    assert (rows["ort-00"].admins, rows["ort-00"].published_listings) == (0, 0)
    [weg] = list_managed_kommunen(db, land["staff"], KommunenFilters(q="wegberg")).rows
    assert (weg.state, weg.admins) == ("inactive", 1)


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("Delbrück", ["Delbrück"]),
        ("DELBRUECK", ["Delbrück"]),
        ("delbruck", ["Delbrück"]),
        ("hoexter", ["Höxter"]),  # the slug, and the name folded
        ("HÖXTER", ["Höxter"]),
        ("3767", ["Höxter"]),  # a postcode's beginning
        ("Kreis Hoexter", ["Höxter"]),  # the Kreis, folded
        ("heinsberg", ["Wegberg"]),
        ("ort-5", [f"Ort 5{n}" for n in range(10)]),
        ("100%", []),  # % and _ are searched as characters
        ("o_t", []),
    ],
)
def test_the_search_finds_name_slug_postcode_and_kreis_in_any_spelling(
    db: Session, land: dict[str, Any], q: str, found: list[str]
) -> None:
    assert _names(db, land["staff"], q=q) == found


def test_the_state_filter_and_the_totals_per_state_under_the_search(
    db: Session, land: dict[str, Any]
) -> None:
    staff = land["staff"]
    assert _names(db, staff, state="setup") == ["Höxter"]
    assert _names(db, staff, state="inactive") == ["Wegberg"]
    live = list_managed_kommunen(db, staff, KommunenFilters(state="live"))
    assert live.total == 61 and live.by_state == {"setup": 1, "live": 61, "inactive": 1}
    searched = list_managed_kommunen(db, staff, KommunenFilters(q="kreis h", state="live"))
    assert searched.by_state == {"setup": 1, "live": 0, "inactive": 1}
    assert (searched.total, searched.rows, searched.page, searched.pages) == (0, [], 1, 1)


def test_nonsense_filters_are_refused_and_the_url_drops_them(
    db: Session, land: dict[str, Any]
) -> None:
    staff = land["staff"]
    for filters in (
        KommunenFilters(state="deleted"),
        KommunenFilters(state="LIVE"),
        KommunenFilters(page=0),
        KommunenFilters(page=-1),
        KommunenFilters(page="2"),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInput):
            list_managed_kommunen(db, staff, filters)
    forged = parse_kommunen({"q": "  Del   brück " + "x" * 200, "status": "x", "seite": "-3"})
    assert (forged.q[:10], len(forged.q), forged.state, forged.page) == ("Del brück ", 60, "", 1)
    assert parse_kommunen({"seite": "9" * 20}).page == 1
    kept = parse_kommunen({"q": "Höxter", "status": "setup", "seite": "2"})
    assert kept == KommunenFilters(q="Höxter", state="setup", page=2)
    assert parse_kommunen(dict(_pairs(kommunen_query(kept)))) == kept
    assert kommunen_query(KommunenFilters()) == ""
    assert parse_outbox({"status": "deleted", "seite": "abc"}) == parse_outbox({})
    view = parse_outbox({"status": "sent", "seite": "4"})
    assert (view.state, view.page) == ("sent", 4)
    assert parse_outbox(dict(_pairs(outbox_query(view)))) == view
    assert outbox_query(parse_outbox({})) == ""


def _pairs(query: str) -> Iterator[tuple[str, str]]:
    from urllib.parse import parse_qsl

    yield from parse_qsl(query)


@pytest.mark.parametrize("who", ["anonymous", "kommune_admin"])
def test_only_platform_staff_read_the_list(db: Session, land: dict[str, Any], who: str) -> None:
    actor = ANONYMOUS if who == "anonymous" else land[who]
    with pytest.raises(NotAllowed):
        list_managed_kommunen(db, actor, KommunenFilters())


def test_a_page_is_a_fixed_number_of_statements_however_many_kommunen(
    db: Session, land: dict[str, Any]
) -> None:
    """The totals per state, the page's Kommunen, one grouped statement for their figures
    (and with a search one for the Kreise): never a statement per row."""
    staff = land["staff"]
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    def cost(filters: KommunenFilters) -> int:
        statements.clear()
        list_managed_kommunen(db, staff, filters)
        return len(statements)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        before = (cost(KommunenFilters()), cost(KommunenFilters(q="ort", page=2)))
        for n in range(40):
            k = f.kommune(db, slug=f"neu-{n:02d}", name=f"Neu {n:02d}", live_since=utcnow())
            f.user(db, k, f"a{n}@neu.example", roles=(Role.KOMMUNE_ADMIN,))
        db.commit()
        after = (cost(KommunenFilters()), cost(KommunenFilters(q="ort", page=2)))
        nothing = cost(KommunenFilters(q="gibt es nicht"))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert before == after == (3, 4)
    assert nothing == 2  # the Kreise and the totals; no page to read
