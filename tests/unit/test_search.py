"""Public search: filters combine, live in the URL, ignore nonsense; detail and reports."""

from __future__ import annotations

import itertools
import warnings
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import SAWarning
from sqlmodel import Session, col, func, select, update

from dasnez_app.routes import parse_search as parse_filters
from dasnez_app.routes import search_query
from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import ExchangeType, Listing, ListingReport, ListingSocialSpace, Role
from dasnez_core.services.listings import (
    ListingDraft,
    close_listing,
    create_listing,
    update_listing,
)
from dasnez_core.services.moderation import block_user, unblock_user
from dasnez_core.services.reports import report_listing
from dasnez_core.services.search import (
    PAGE_SIZE,
    SearchFilters,
    get_listing_detail,
    newest_public,
    search_public,
)
from tests import factories as f


@pytest.fixture
def town(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    heide = f.village(db, boke, "Boker Heide")
    hagen = f.district(db, here, "Hagen")
    _, garden = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    _, visits = f.exchange_with_category(db, here, ExchangeType.ZEITSPENDE, "Besuche")
    parish = f.social_space(db, here, "Pfarrei")
    maria = f.user(db, here, "maria@example.org", name="Maria")
    anna = f.user(db, other, "anna@example.org")
    _, other_cat = f.exchange_with_category(db, other)
    actor = f.actor(db, maria)
    ids = {}
    for key, kind, cat, area, title, spaces in (
        ("mow", "request", garden, heide, "Rasen mähen in der Heide", (parish.id,)),
        ("hedge", "offer", garden, boke, "Hecke schneiden", ()),
        ("visit", "offer", visits, hagen, "Besuche bei Senioren", (parish.id,)),
    ):
        ids[key] = create_listing(
            db,
            actor,
            here.id,
            ListingDraft(
                kind=kind,
                exchange_id=None,
                category_id=cat.id,
                title=title,
                body=f"{title}: gern und zuverlässig.",
                area_id=area.id,
                social_space_ids=spaces,
            ),
        )
    create_listing(
        db,
        f.actor(db, anna),
        other.id,
        ListingDraft(
            kind="request",
            exchange_id=None,
            category_id=other_cat.id,
            title="Rasen mähen anderswo",
            body="Bitte Rasen mähen, danke schön.",
            area_id=f.district(db, other, "Kernstadt").id,
        ),
    )
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "heide": heide,
        "hagen": hagen,
        "garden": garden,
        "parish": parish,
        "maria": maria,
        "ids": ids,
    }


def _post(
    db: Session,
    town: dict,
    title: str,
    body: str,
    area: Any,
    *,
    kind: str = "offer",
    spaces: tuple[int, ...] = (),
) -> int:
    """A listing of Maria's in the garden category, through the listing service."""
    draft = ListingDraft(
        kind=kind,
        exchange_id=None,
        category_id=town["garden"].id,
        title=title,
        body=body,
        area_id=area.id,
        social_space_ids=spaces,
    )
    return create_listing(db, f.actor(db, town["maria"]), town["here"].id, draft)


def _titles(db: Session, town: dict, **filters: object) -> list[str]:
    page = search_public(db, town["here"].id, SearchFilters(**filters))  # type: ignore[arg-type]
    return [c.title for c in page.cards]


def test_filters_combine(db: Session, town: dict) -> None:
    assert len(_titles(db, town)) == 3
    assert _titles(db, town, exchange="taschengeld") == [
        "Hecke schneiden",
        "Rasen mähen in der Heide",
    ]
    assert _titles(db, town, exchange="taschengeld", kind="request") == ["Rasen mähen in der Heide"]
    assert _titles(db, town, category=town["garden"].id, kind="offer") == ["Hecke schneiden"]
    # A district includes its villages; a village is just itself.
    assert len(_titles(db, town, area=town["boke"].id)) == 2
    assert _titles(db, town, area=town["heide"].id) == ["Rasen mähen in der Heide"]
    assert _titles(db, town, space=town["parish"].id) == [
        "Besuche bei Senioren",
        "Rasen mähen in der Heide",
    ]
    assert _titles(db, town, space=town["parish"].id, area=town["hagen"].id) == [
        "Besuche bei Senioren"
    ]


def test_full_text_is_per_kommune_and_matches_word_beginnings(db: Session, town: dict) -> None:
    assert _titles(db, town, q="rasen") == ["Rasen mähen in der Heide"]
    assert _titles(db, town, q="Senior") == ["Besuche bei Senioren"]
    assert _titles(db, town, q="hecke zuverlässig") == ["Hecke schneiden"]
    assert _titles(db, town, q="Rasen", exchange="zeitspende") == []
    assert _titles(db, town, q='"; DROP TABLE listing; --') == []
    assert _titles(db, town, q="*") == _titles(db, town)


def test_full_text_stems_german_words_and_folds_umlauts(db: Session, town: dict) -> None:
    assert _titles(db, town, q="Hecken") == ["Hecke schneiden"]
    assert _titles(db, town, q="maehen") == ["Rasen mähen in der Heide"]
    assert _titles(db, town, q="MÄHEN Rasens") == ["Rasen mähen in der Heide"]
    assert _titles(db, town, q="Heckenschere") == []


def test_an_edited_listing_is_found_by_its_new_words(db: Session, town: dict) -> None:
    draft = ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=town["garden"].id,
        title="Straßenfest aufbauen",
        body="Tische tragen und Bänke stellen",
        area_id=town["boke"].id,
    )
    actor = f.actor(db, town["maria"])
    update_listing(db, actor, town["here"].id, town["ids"]["hedge"], draft, publish=True)
    assert _titles(db, town, q="Hecke") == []
    assert _titles(db, town, q="strassenfest") == ["Straßenfest aufbauen"]
    assert _titles(db, town, q="Bank Tisch") == ["Straßenfest aufbauen"]


def test_sort_by_expiry(db: Session, town: dict) -> None:
    assert _titles(db, town, sort="expiry")[0] == "Rasen mähen in der Heide"


def test_nonsense_in_the_url_is_ignored_and_the_rest_kept() -> None:
    filters = parse_filters(
        {
            "boerse": "casino",
            "art": "offer",
            "kategorie": "abc",
            "ort": "-4",
            "seite": "99999999999",
            "sortierung": "random",
            "q": "  Rasen   mähen ",
        }
    )
    assert filters == SearchFilters(kind="offer", q="Rasen mähen", page=1)
    assert parse_filters({"seite": "7"}).page == 7
    assert search_query(SearchFilters(kind="offer", page=2)) == "art=offer&seite=2"


def test_ids_of_another_kommune_are_dropped_not_obeyed(db: Session, town: dict) -> None:
    other_area = f.district(db, town["other"], "Fremd")
    page = search_public(db, town["here"].id, SearchFilters(area=other_area.id, kind="offer"))
    assert page.filters.area is None and page.filters.kind == "offer"
    assert len(page.cards) == 2


def test_page_beyond_the_end_shows_the_last_page(db: Session, town: dict) -> None:
    page = search_public(db, town["here"].id, SearchFilters(page=40))
    assert (page.page, page.pages, page.page_was_clamped, page.total) == (1, 1, True, 3)
    assert PAGE_SIZE == 20


def test_blocked_authors_vanish_from_search_and_detail(db: Session, town: dict) -> None:
    admin = f.user(db, town["here"], "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    block_user(db, f.actor(db, admin), town["here"].id, town["maria"].id, "Beleidigungen")
    page = search_public(db, town["here"].id, SearchFilters())
    assert (page.cards, page.total) == ([], 0)
    with pytest.raises(NotFound):
        get_listing_detail(db, ANONYMOUS, town["here"].id, town["ids"]["mow"])
    unblock_user(db, f.actor(db, admin), town["here"].id, town["maria"].id, "Geklärt im Gespräch")
    assert len(_titles(db, town)) == 3


def test_detail_shows_public_fields_only_in_its_own_kommune(db: Session, town: dict) -> None:
    detail = get_listing_detail(db, ANONYMOUS, town["here"].id, town["ids"]["mow"])
    assert (detail.title, detail.author, detail.area, detail.social_spaces) == (
        "Rasen mähen in der Heide",
        "Maria",
        "Boke › Boker Heide",
        ["Pfarrei"],
    )
    assert "maria@example.org" not in repr(detail)
    with pytest.raises(NotFound):
        get_listing_detail(db, ANONYMOUS, town["other"].id, town["ids"]["mow"])
    maria = f.actor(db, town["maria"])
    close_listing(db, maria, town["here"].id, town["ids"]["mow"])
    with pytest.raises(NotFound):
        get_listing_detail(db, ANONYMOUS, town["here"].id, town["ids"]["mow"])
    own = get_listing_detail(db, maria, town["here"].id, town["ids"]["mow"])
    assert own.is_own and not own.is_public


def _reports(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(ListingReport)).one())


def test_report_goes_to_the_kommunes_queue(db: Session, town: dict) -> None:
    jonas = f.actor(db, f.user(db, town["here"], "jonas@example.org"))
    report_listing(
        db, jonas, town["here"].id, town["ids"]["mow"], "Das ist kein Rasen, sondern Werbung."
    )
    report = db.exec(select(ListingReport)).one()
    assert (report.kommune_id, report.listing_id, report.reporter_id) == (
        town["here"].id,
        town["ids"]["mow"],
        jonas.user_id,
    )
    with pytest.raises(InvalidInput) as err:
        report_listing(db, jonas, town["here"].id, town["ids"]["mow"], "Noch einmal gemeldet.")
    assert err.value.key == "report.already_reported"
    report_listing(db, ANONYMOUS, town["here"].id, town["ids"]["mow"], "Anonym: bitte prüfen!")
    assert _reports(db) == 2


def test_bad_reports_are_refused(db: Session, town: dict) -> None:
    with pytest.raises(InvalidInput):
        report_listing(db, ANONYMOUS, town["here"].id, town["ids"]["mow"], "doof")
    with pytest.raises(NotFound):
        report_listing(db, ANONYMOUS, town["other"].id, town["ids"]["mow"], "Falsche Kommune hier.")
    assert _reports(db) == 0


def test_a_page_is_one_query_for_the_rows_whatever_its_size(db: Session, town: dict) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = db.get_bind()
    filters = SearchFilters(area=town["boke"].id, q="gern")
    db.commit()
    search_public(db, town["here"].id, filters)  # the Kommune's master data is cached now
    event.listen(engine, "before_cursor_execute", count)
    try:
        found = search_public(db, town["here"].id, filters).total
        few = len(statements)
        for i in range(25):
            _post(db, town, f"Hilfe Nummer {i}", "Ich helfe gern im Garten.", town["heide"])
        statements.clear()
        page = search_public(db, town["here"].id, filters)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    total = found + 25
    assert (len(page.cards), page.total, page.pages) == (20, total, 2)
    # One statement, full or not: the count rides on the page's cards.
    assert (few, len(statements)) == (1, 1)
    # Beyond the last page: the count, then the last page (the page asked for had no card
    # to carry the count).
    statements.clear()
    event.listen(engine, "before_cursor_execute", count)
    try:
        beyond = search_public(db, town["here"].id, replace(filters, page=7))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert (beyond.page, len(beyond.cards), beyond.page_was_clamped) == (2, total - 20, True)
    assert len(statements) == 3
    second = search_public(db, town["here"].id, replace(filters, page=2))
    assert (second.total, len(second.cards)) == (total, total - 20)
    # Full text alone counts first, whatever the size: the count decides how the page is
    # read.
    statements.clear()
    event.listen(engine, "before_cursor_execute", count)
    try:
        search_public(db, town["here"].id, SearchFilters(q="hecke"))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 2


def test_a_listing_posted_after_midnight_in_germany_shows_that_day(db: Session, town: dict) -> None:
    """23:30 UTC on 31 January is 00:30 on 1 February in Delbrück: the card says 01.02."""
    late = f.listing_with(
        db,
        town["maria"],
        town["garden"],
        title="Nachts eingestellt",
        created_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
        expires_at=datetime(2099, 1, 1, 12, 0, tzinfo=UTC),
    )
    cards = {c.id: c for c in newest_public(db, town["here"].id, limit=50)}
    assert cards[late.id].created_at == "01.02.2026"
    assert {c.id: c for c in newest_public(db, town["here"].id, 50, "en")}[
        late.id
    ].created_at == "01/02/2026"
    detail = get_listing_detail(db, ANONYMOUS, town["here"].id, late.id)
    assert (detail.created_at, detail.updated_at) == ("01.02.2026", "01.02.2026")
    # Summer time (UTC+2), through a search (the driver's cursor): 22:30 UTC on 30 June
    # is 00:30 on 1 July; the end 21:59 UTC on 1 July 2099 is still that day.
    summer = f.listing_with(
        db,
        town["maria"],
        town["garden"],
        title="Sommernacht",
        created_at=datetime(2026, 6, 30, 22, 30, tzinfo=UTC),
        expires_at=datetime(2099, 7, 1, 21, 59, tzinfo=UTC),
    )
    found = search_public(db, town["here"].id, SearchFilters(q="sommernacht"))
    assert [(c.id, c.created_at, c.expires_on) for c in found.cards] == [
        (summer.id, "01.07.2026", "01.07.2099")
    ]


# The link's copies of its listing's columns (migration 0024), by the model: a copy the
# triggers left out would fail the comparison below.
_COPIED = {
    name: name.removeprefix("listing_")
    for name in ListingSocialSpace.model_fields
    if name.startswith("listing_") and name not in ("listing_id", "listing_created_at")
}


def _links_match_their_listings(db: Session) -> None:
    db.expire_all()
    links = db.exec(select(ListingSocialSpace, Listing).join(Listing)).all()
    assert links and len(_COPIED) == 7
    for link, listing in links:
        for copy, own in _COPIED.items():
            assert getattr(link, copy) == getattr(listing, own), (copy, listing.id)


def test_a_space_link_follows_every_change_of_its_listing(db: Session, town: dict) -> None:
    """A space's search reads its links alone (migration 0024): the database copies the
    filtered columns to the links on every write, by the service, in bulk or by hand."""
    admin = f.user(db, town["here"], "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    actor = f.actor(db, town["maria"])
    here, parish = town["here"].id, town["parish"].id
    _links_match_their_listings(db)
    visits = db.get(Listing, town["ids"]["visit"])
    assert visits is not None

    def in_parish(**filters: Any) -> list[str]:
        return _titles(db, town, space=parish, **filters)

    # An edit: another kind, category (of another exchange) and village.
    lid = _post(db, town, "Laub harken", "Laub harken im Herbst.", town["hagen"], spaces=(parish,))
    assert "Laub harken" in in_parish(kind="offer", area=town["hagen"].id)
    update_listing(
        db,
        actor,
        here,
        lid,
        ListingDraft(
            kind="request",
            exchange_id=None,
            category_id=visits.category_id,
            title="Laub harken",
            body="Laub harken im Herbst.",
            area_id=town["heide"].id,
            social_space_ids=(parish,),
        ),
        publish=True,
    )
    _links_match_their_listings(db)
    assert "Laub harken" not in in_parish(kind="offer") + in_parish(area=town["hagen"].id)
    assert "Laub harken" not in in_parish(exchange="taschengeld")
    assert in_parish(
        exchange="zeitspende", kind="request", category=visits.category_id, area=town["boke"].id
    ) == ["Laub harken"]
    assert in_parish(area=town["heide"].id, sort="expiry")[:1] == ["Rasen mähen in der Heide"]
    # Closed by its author.
    close_listing(db, actor, here, lid)
    _links_match_their_listings(db)
    assert "Laub harken" not in in_parish()
    # Blocking the author suspends every listing in one statement; unblocking restores them.
    block_user(db, f.actor(db, admin), here, town["maria"].id, "Beleidigungen")
    _links_match_their_listings(db)
    page = search_public(db, here, SearchFilters(space=parish))
    assert (page.cards, page.total) == ([], 0)
    unblock_user(db, f.actor(db, admin), here, town["maria"].id, "Geklärt im Gespräch")
    _links_match_their_listings(db)
    assert in_parish() == ["Besuche bei Senioren", "Rasen mähen in der Heide"]
    # Expired by hand (a bulk UPDATE, as a job would): gone from the space at once.
    db.execute(
        update(Listing)
        .where(col(Listing.id) == town["ids"]["mow"])
        .values(expires_at=datetime.now(UTC) - timedelta(days=1))
    )
    db.commit()
    _links_match_their_listings(db)
    assert in_parish() == ["Besuche bei Senioren"]
    assert search_public(db, here, SearchFilters(space=parish, kind="request")).total == 0


def test_conditions_beside_a_space_read_the_listing_not_a_cross_product(
    db: Session, town: dict
) -> None:
    """A condition that is not part of a search's shape (published after a moment: the
    mails of saved searches) joins the space's links to their listings."""
    here, parish = town["here"].id, town["parish"].id
    later = datetime.now(UTC) + timedelta(seconds=1)
    lid = _post(db, town, "Zaun streichen", "Zaun streichen.", town["hagen"], spaces=(parish,))
    db.execute(update(Listing).where(col(Listing.id) == lid).values(published_at=later))
    db.commit()
    after = later - timedelta(seconds=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SAWarning)  # SQLAlchemy's "cartesian product"
        for sort, page in itertools.product(("newest", "expiry"), (1, 3)):
            # Page 3 lies beyond the end: the count is read on its own.
            found = search_public(
                db, here, SearchFilters(space=parish, published_after=after, sort=sort, page=page)
            )
            assert [c.title for c in found.cards] == ["Zaun streichen"]
            assert (found.total, found.page) == (1, 1)
            assert search_public(db, here, SearchFilters(space=parish, sort=sort)).total == 3


def test_a_social_space_pages_and_counts_through_its_links(db: Session, town: dict) -> None:
    """The space filter reads the space's links newest first (migration 0021): the same
    public listings, order and count as filtering the Kommune's listings would give."""
    actor = f.actor(db, town["maria"])
    parish = town["parish"].id
    for i in range(43):
        lid = _post(
            db,
            town,
            f"Gemeindehilfe {i}",
            "Ich helfe gern in der Gemeinde.",
            town["hagen"],
            spaces=(parish,) if i % 3 else (),
        )
        if i % 10 == 1:
            close_listing(db, actor, town["here"].id, lid)
    links = db.exec(select(ListingSocialSpace, Listing).join(Listing)).all()
    assert links and all(link.listing_created_at == row.created_at for link, row in links)

    everything = search_public(db, town["here"].id, SearchFilters(page=1))
    expected = [
        c.title
        for page in range(1, everything.pages + 1)
        for c in search_public(db, town["here"].id, SearchFilters(page=page)).cards
        if "Gemeindehilfe" not in c.title or int(c.title.split()[-1]) % 3
    ]
    expected.remove("Hecke schneiden")  # not in the parish
    first = search_public(db, town["here"].id, SearchFilters(space=parish))
    assert (first.total, first.pages) == (len(expected), 2)
    second = search_public(db, town["here"].id, SearchFilters(space=parish, page=2))
    assert [c.title for c in first.cards + second.cards] == expected
    assert _titles(db, town, space=parish, q="senioren") == ["Besuche bei Senioren"]

    def all_titles(**filters: Any) -> list[str]:
        found = search_public(db, town["here"].id, SearchFilters(**filters))
        return [
            c.title
            for page in range(1, found.pages + 1)
            for c in search_public(db, town["here"].id, SearchFilters(**filters, page=page)).cards
        ]

    # With a category, district or village beside the space, that filter's own index is
    # matched with the space's links instead of walking them: the same listings and order.
    in_space = set(expected)
    for narrower in (
        {"category": town["garden"].id},
        {"area": town["hagen"].id},
        {"area": town["heide"].id},
        {"category": town["garden"].id, "kind": "offer", "q": "gemeinde"},
    ):
        want = [t for t in all_titles(**narrower) if t in in_space]
        assert want and all_titles(space=parish, **narrower) == want, narrower
    # Newest first by the listing's own time, also after an edit rewrote the links.
    update_listing(
        db,
        actor,
        town["here"].id,
        town["ids"]["hedge"],
        ListingDraft(
            kind="offer",
            exchange_id=None,
            category_id=town["garden"].id,
            title="Hecke schneiden",
            body="Hecke schneiden: gern und zuverlässig.",
            area_id=town["boke"].id,
            social_space_ids=(parish,),
        ),
        publish=True,
    )
    titles = [
        c.title
        for page in (1, 2)
        for c in search_public(db, town["here"].id, SearchFilters(space=parish, page=page)).cards
    ]
    assert titles[-3:] == ["Besuche bei Senioren", "Hecke schneiden", "Rasen mähen in der Heide"]
    # Another Kommune's space is dropped, not obeyed.
    foreign = f.social_space(db, town["other"], "Fremde Pfarrei")
    page = search_public(db, town["here"].id, SearchFilters(space=foreign.id))
    assert page.filters.space is None and page.total == everything.total


def test_full_text_reads_the_same_listings_walked_or_from_the_index(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word that many listings hold is paged by walking the Kommune's listings in order,
    a rarer one from the full-text index, every match read and sorted (PostgreSQL): all
    find the same cards, counts and order, with every other filter beside them, and never
    another Kommune's."""
    from dasnez_core.services import search

    for i in range(23):
        _post(
            db,
            town,
            f"Rasen mähen {i}",
            "Ich mähe gern den Rasen.",
            town["heide"] if i % 3 else town["hagen"],
            kind="offer" if i % 2 else "request",
            spaces=(town["parish"].id,) if i % 4 == 0 else (),
        )
    cases = [
        {"q": "rasen"},
        {"q": "ras"},
        {"q": "rasen gern", "kind": "offer"},
        {"q": "rasen", "area": town["boke"].id},
        {"q": "rasen", "area": town["heide"].id, "sort": "expiry"},
        {"q": "rasen", "category": town["garden"].id, "exchange": "taschengeld"},
        {"q": "rasen", "space": town["parish"].id},
        {"q": "rasen", "page": 2},
        {"q": "rasen", "sort": "expiry"},
        {"q": "rasen", "kind": "request", "area": town["heide"].id, "page": 2},
        {"q": "rasen", "space": town["parish"].id, "sort": "expiry"},
        {"q": "anderswo"},
    ]

    def pages() -> list[tuple[int, list[str]]]:
        found = []
        for case in cases:
            page = search_public(db, town["here"].id, SearchFilters(**case), prefix_last=True)  # type: ignore[arg-type]
            found.append((page.total, [c.title for c in page.cards]))
        return found

    from_index = pages()
    assert from_index[0][0] == 24 and from_index[-1] == (0, [])
    # Every word counts as frequent: the pages are walked. From 10: the word is frequent
    # in the Kommune, and a narrower filter's few matches are read and sorted.
    # (WALK_WITHIN: beside a filter, the same from its own number of matches.)
    for walk_from, walk_within in ((0, 0), (10, 0), (10, 10), (0, 1000)):
        monkeypatch.setattr(search, "WALK_FROM", walk_from)
        monkeypatch.setattr(search, "WALK_WITHIN", walk_within)
        assert pages() == from_index, (walk_from, walk_within)


def test_conditions_beside_the_shape_hold_on_every_way_of_reading_full_text(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A condition that is not part of a search's shape (published after a moment, as a
    saved search's digest asks; an institution; a minor's age) holds on the page as on its
    count, whichever way full text is read: the few matches read and sorted (PostgreSQL),
    walked, or counted first. Here only the 5 oldest of 25 matches were published after
    the moment (and the town's own, newer one): a page taken from all matches and filtered
    afterwards would hold only that one."""
    from dasnez_core.services import search

    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    cutoff = start + timedelta(days=40)
    for i in range(25):
        listing = db.get(
            Listing, _post(db, town, f"Rasen mähen {i}", "Ich mähe gern den Rasen.", town["heide"])
        )
        assert listing is not None
        listing.created_at = start + timedelta(days=i)
        listing.published_at = cutoff + timedelta(days=1) if i < 5 else start + timedelta(days=i)
        db.add(listing)
    db.commit()
    expected = ["Rasen mähen in der Heide", *(f"Rasen mähen {i}" for i in (4, 3, 2, 1, 0))]
    for walk_from in (1000, 0):
        monkeypatch.setattr(search, "WALK_FROM", walk_from)
        for sort in ("newest", "expiry"):
            found = search_public(
                db,
                town["here"].id,
                SearchFilters(q="rasen", published_after=cutoff, sort=sort),
                prefix_last=True,
            )
            assert found.total == 6, (walk_from, sort)
            titles = [c.title for c in found.cards]
            assert sorted(titles) == sorted(expected), (walk_from, sort)
            if sort == "newest":
                assert titles == expected


def test_indexed_words_carry_their_kommune(db: Session) -> None:
    """PostgreSQL stores each word as k<kommune>x<word> (migration 0022): a prefix typed in
    Kommune 1 cannot reach Kommune 11's words."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("PostgreSQL's stored words")
    from sqlalchemy import text as sql

    from dasnez_core.services.search import _text_value

    one = _text_value("postgresql", 1, "Rasen mä", prefix_last=True)
    assert one == "k1xras & k1xma:*"  # stems; the last word as typed
    match = "SELECT to_tsvector('simple', :doc) @@ to_tsquery('simple', :q)"
    assert db.execute(sql(match), {"doc": "k1xras k1xmah", "q": one}).scalar() is True
    assert db.execute(sql(match), {"doc": "k11xras k11xmah", "q": one}).scalar() is False


def test_sqlite_indexes_each_word_with_its_kommune(db: Session, town: dict) -> None:
    """SQLite's FTS5 index holds each word as k<kommune>x<word> (migration 0025), as
    PostgreSQL does: a prefix typed in Kommune 1 cannot reach Kommune 11's words, and the
    index follows a listing's edit and deletion (its triggers remove the words they wrote)."""
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's FTS5 index")
    from sqlalchemy import text as sql

    from dasnez_core.services.search import _text_value

    assert _text_value("sqlite", 1, "Rasen mä", prefix_last=True) == '"k1xras" "k1xma"*'
    here = town["here"].id
    lid = _post(db, town, "Dachrinne reinigen", "Laub aus der Regenrinne", town["heide"])
    db.commit()

    def matches(query: str) -> list[int]:
        found = sql("SELECT rowid FROM listing_fts WHERE listing_fts MATCH :q")
        return sorted(db.execute(found, {"q": query}).scalars())

    assert matches(f'"k{here}xdachrinn"') == [lid]
    assert matches(f'"k{here}xdach"*') == [lid]
    assert matches('"dachrinn"') == []  # no word without its Kommune
    # The Kommune whose id is this one's with a 1 behind it (11 for 1) is another Kommune.
    assert matches(f'"k{here}1xdach"*') == []
    assert _titles(db, town, q="Dachrinne") == ["Dachrinne reinigen"]

    draft = ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=town["garden"].id,
        title="Fenster putzen",
        body="Innen und außen",
        area_id=town["heide"].id,
    )
    update_listing(db, f.actor(db, town["maria"]), here, lid, draft, publish=True)
    db.commit()
    assert matches(f'"k{here}xdach"*') == [] and matches(f'"k{here}xfenst"') == [lid]
    listing = db.get(Listing, lid)
    db.delete(listing)
    db.commit()
    assert matches(f'"k{here}xfenst"') == []
    db.execute(sql("INSERT INTO listing_fts(listing_fts, rank) VALUES ('integrity-check', 0)"))


def test_a_category_of_another_exchange_finds_nothing_without_asking_the_database(
    db: Session, town: dict
) -> None:
    """A listing's exchange is its category's: an exchange filter beside a category of
    another exchange matches nothing (no statement), beside its own category it changes
    nothing."""
    here, garden = town["here"].id, town["garden"].id
    db.commit()
    search_public(db, here, SearchFilters())  # master data cached
    assert _titles(db, town, category=garden, exchange="taschengeld") == _titles(
        db, town, category=garden
    )
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(db.get_bind(), "before_cursor_execute", count)
    try:
        mixed = SearchFilters(category=garden, exchange="zeitspende", page=3)
        page = search_public(db, here, mixed)
        unknown = search_public(db, here, SearchFilters(exchange="tauschboerse"))
    finally:
        event.remove(db.get_bind(), "before_cursor_execute", count)
    assert statements == []
    assert (page.cards, page.total, page.page, page.page_was_clamped) == ([], 0, 1, True)
    # The choices stay as the person made them.
    assert (page.filters.category, page.filters.exchange) == (garden, "zeitspende")
    assert (unknown.cards, unknown.total) == ([], 0)


def test_a_word_beside_a_narrower_filter_is_read_by_how_often_it_occurs(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside a category, district or village, a rare word's listings come from the
    full-text index alone (the other filters checked on its rows) and a frequent word walks
    the filter's ordered index; how often the word occurs is asked once, then remembered.
    Both find the same cards (test_full_text_reads_the_same_listings_walked_or_from_the_index)."""
    from dasnez_core.services import search

    engine = db.get_bind()
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    def pages(filters: SearchFilters) -> list[str]:
        statements.clear()
        event.listen(engine, "before_cursor_execute", seen)
        try:
            found = search_public(db, town["here"].id, filters)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        assert [c.title for c in found.cards] == ["Rasen mähen in der Heide"]
        return list(statements)

    db.commit()
    search_public(db, town["here"].id, SearchFilters())  # the master data is cached now
    search._word_counts.clear()
    filters = SearchFilters(q="rasen", category=town["garden"].id)
    first = pages(filters)
    # How often "rasen" occurs, then the page (not full: no count).
    assert len(first) == 2 and "count(" in first[0]
    assert "listing.category_id +" in first[1]  # checked on the word's rows, not intersected
    assert pages(filters) == first[1:]
    monkeypatch.setattr(search, "WALK_FROM", 0)
    monkeypatch.setattr(search, "WALK_WITHIN", 0)
    walked = pages(filters)
    walk = "coalesce(listing.tsv" if engine.dialect.name == "postgresql" else "listing.id +"
    # A frequent word: counted first beside the filter, then the page walked. SQLite counts
    # it by walking the category's own index too (_counts_by_walking).
    assert len(walked) == 2 and "count(" in walked[0] and "listing.category_id =" in walked[0]
    assert walk in walked[1] and "listing.category_id +" not in walked[1]
    assert (walk in walked[0]) == (engine.dialect.name == "sqlite")


def test_a_frequent_word_that_the_filter_does_not_hold_reads_no_page(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word that many listings hold, beside a filter none of them is in: the count comes
    first and finds none, so no page is read (a walk through the filter's listings would
    have read every one of them: 130 ms in the largest Kommune at 1M listings)."""
    from dasnez_core.services import search

    engine = db.get_bind()
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    db.commit()
    search_public(db, town["here"].id, SearchFilters())  # the master data is cached now
    monkeypatch.setattr(search, "WALK_FROM", 0)
    search._word_counts.clear()
    search_public(db, town["here"].id, SearchFilters(q="rasen", category=town["garden"].id))
    event.listen(engine, "before_cursor_execute", seen)
    try:
        for page in (1, 3):
            found = search_public(
                db, town["here"].id, SearchFilters(q="rasen", area=town["hagen"].id, page=page)
            )
            assert (found.total, found.cards, found.page, found.pages) == (0, [], 1, 1)
            assert found.page_was_clamped == (page != 1)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(statements) == 2 and all("count(" in s for s in statements), statements


def test_soonest_ending_first_beside_a_narrower_filter(db: Session, town: dict) -> None:
    """Sorted by expiry beside a category, district, village or space, every page holds the
    listings in the order of their end dates (SQLite reads a village's or space's own
    index and sorts its listings instead of walking the Kommune's expiry index), and the
    count is the same as newest first."""
    parish = town["parish"].id
    for i in range(25):
        lid = _post(
            db,
            town,
            f"Bald vorbei {i}",
            "Nur noch kurz.",
            town["heide"],
            spaces=(parish,) * (i % 2),
        )
        listing = db.get(Listing, lid)
        assert listing is not None
        listing.expires_at = datetime.now(UTC) + timedelta(days=1 + i * 7 % 25)
        db.add(listing)
    db.commit()
    ends = {row.title: (row.expires_at, row.id) for row in db.exec(select(Listing)).all()}

    def titles(**filters: Any) -> tuple[int, list[str]]:
        first = search_public(db, town["here"].id, SearchFilters(**filters))
        return first.total, [
            c.title
            for page in range(1, first.pages + 1)
            for c in search_public(db, town["here"].id, SearchFilters(**filters, page=page)).cards
        ]

    for narrower in (
        {"category": town["garden"].id},
        {"area": town["boke"].id},
        {"area": town["heide"].id},
        {"space": parish},
        {"space": parish, "area": town["heide"].id},
    ):
        total, newest = titles(**narrower)
        assert total == len(newest) > 12, narrower
        assert titles(**narrower, sort="expiry") == (total, sorted(newest, key=ends.__getitem__))


def test_the_drivers_cursor_reads_what_sqlalchemy_reads(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shape's plan runs on the driver's cursor (dasnez_core.db.DriverStatement): every
    shape finds the same cards, counts, dates and order as through SQLAlchemy's
    `execute`, on SQLite (stored dates are text there) and on PostgreSQL."""
    from dasnez_core import db as database

    for i in range(25):
        _post(
            db,
            town,
            f"Hecke {i}",
            "Ich schneide gern Hecken.",
            town["heide"] if i % 2 else town["hagen"],
            spaces=(town["parish"].id,) if i % 3 == 0 else (),
        )
    cases: list[dict[str, Any]] = [
        {},
        {"page": 2},
        {"page": 9},
        {"sort": "expiry"},
        {"kind": "request"},
        {"exchange": "taschengeld", "category": town["garden"].id},
        {"area": town["boke"].id},
        {"area": town["heide"].id, "sort": "expiry"},
        {"space": town["parish"].id},
        {"space": town["parish"].id, "area": town["heide"].id},
        {"q": "hecke"},
        {"q": "hecke", "area": town["hagen"].id},
        {"q": "nirgends"},
    ]

    def pages() -> list[Any]:
        return [search_public(db, town["here"].id, SearchFilters(**case)) for case in cases]

    on_driver = pages()
    monkeypatch.setattr(database, "_watched", lambda _connection: True)
    through_execute = pages()
    assert on_driver == through_execute
    assert on_driver[0].total == 28 and on_driver[0].cards[0].created_at != ""


def test_a_driver_error_is_sqlalchemys(db: Session) -> None:
    """An error on the driver's cursor arrives as through `execute` (is_outage reads
    SQLAlchemy's errors), and the session can go on."""
    from sqlalchemy import column, exc, table
    from sqlalchemy import select as sa_select

    from dasnez_core.db import DriverStatement

    missing = DriverStatement(sa_select(column("id")).select_from(table("no_such_table")))
    with pytest.raises(exc.DBAPIError):
        missing.rows(db.connection(), {})
    db.rollback()
    assert db.execute(select(func.count()).select_from(Listing)).scalar_one() == 0


def test_a_shape_planned_alike_keeps_one_generic_plan_on_postgresql(
    db: Session, town: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Kommune's newest listings, or one category's, district's or village's, or a
    social space's without a word (read from its links), keep one generic plan on
    PostgreSQL (dasnez_core.db._run_generic); every other shape is planned for its values.
    The cards are the same either way, and the connection is back to custom plans
    afterwards, also after a failed statement and inside a transaction."""
    from sqlalchemy import column, exc, table, text
    from sqlalchemy import select as sa_select

    from dasnez_core import db as database
    from dasnez_core.db import DriverStatement, get_engine, read_scope
    from dasnez_core.services.search import _Shape

    postgres = _Shape("postgresql")
    assert postgres.planned_alike and replace(postgres, category=True).planned_alike
    assert replace(postgres, sort="expiry").planned_alike
    in_space = replace(postgres, space=True)
    assert in_space.planned_alike and replace(in_space, sort="expiry", kind=True).planned_alike
    assert replace(in_space, exchange=True, village=True).planned_alike
    for other in (
        {"exchange": True},
        {"kind": True},
        {"space": True, "text": "walk"},
        {"space": True, "text": "alone"},
        {"space": True, "institutions_only": True},
        {"text": "indexed"},
        {"institutions_only": True},
        {"category": True, "district": True},
        {"village": True, "sort": "expiry"},
    ):
        assert not replace(postgres, **other).planned_alike, other
    assert not _Shape("sqlite").planned_alike
    if db.get_bind().dialect.name != "postgresql":
        return

    for i in range(25):
        place = town["heide"] if i % 2 else town["boke"]
        _post(db, town, f"Rasen {i}", "Ich mähe gern.", place, spaces=(town["parish"].id,))
    db.commit()
    # Fresh connections: psycopg's prepared statements and their plans belong to one
    # connection, and earlier tests ran some of these statements.
    get_engine().dispose()
    here = town["here"].id
    cases = [
        {},
        {"area": town["boke"].id},
        {"area": town["heide"].id},
        {"category": town["garden"].id, "page": 2},
        {"space": town["parish"].id, "kind": "offer"},
        {"q": "rasen"},
    ]

    def mode(connection: Any) -> str:
        return str(connection.execute(text("SHOW plan_cache_mode")).scalar_one())

    with read_scope() as reading:
        pages = [
            [search_public(reading, here, SearchFilters(**case)) for case in cases]
            for _ in range(7)  # psycopg prepares a statement on its 5th run
        ]
        plans = reading.connection().execute(
            text("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        )
        # Planned so far (generic, for values) by statement; psycopg's switch itself aside.
        planned = {
            statement: (generic, custom)
            for statement, generic, custom in plans
            if "plan_cache_mode" not in statement
        }
        assert mode(reading.connection()) == "force_custom_plan"
        missing = DriverStatement(
            sa_select(column("id")).select_from(table("no_such_table")), generic=True
        )
        with pytest.raises(exc.DBAPIError):
            missing.rows(reading.connection(), {})
        assert mode(reading.connection()) == "force_custom_plan"
        # A value the driver cannot send never reaches the database.
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
            database._run_generic(
                reading.connection().connection.cursor(), "SELECT %(n)s", {"n": object()}
            )
        assert mode(reading.connection()) == "force_custom_plan"
    # Newest, the district, the village, the category and the space: generic plans only,
    # made once and kept (a new one only when the table's statistics change); full text is
    # planned for its values every time (its best plan depends on the word).
    generic = {statement: plans for statement, plans in planned.items() if plans[0]}
    assert len(generic) == 5 and all(custom == 0 for _g, custom in generic.values()), planned
    words = [plans for statement, plans in planned.items() if "tsv" in statement]
    assert words and all(generic == 0 and custom >= 2 for generic, custom in words), planned
    # Inside a transaction the statement is planned for its values, as any other.
    in_transaction = [search_public(db, here, SearchFilters(**case)) for case in cases]
    assert mode(db.connection()) == "force_custom_plan"
    monkeypatch.setattr(database, "_watched", lambda _connection: True)
    through_execute = [search_public(db, here, SearchFilters(**case)) for case in cases]
    assert all(page == through_execute for page in pages)
    assert in_transaction == through_execute
    assert all(page.cards for page in through_execute)
    assert through_execute[3].page == 2 and through_execute[0].total >= 25
    assert through_execute[4].total >= 25  # the space's, counted from its links
