"""The Kommune dashboard and the ratings view: every figure against known data, filters,
the links behind the figures, and that another Kommune's data never counts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import event
from sqlmodel import Session

from admin_portal.routes import dashboard_query, listings_href, people_href, target_href
from admin_portal.routes import parse_dashboard as parse_dashboard_filters
from admin_portal.routes import parse_listings as parse_listing_filters
from admin_portal.routes import parse_people as parse_people_filters
from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import ExchangeType, Role, UserStatus, utcnow
from dasnez_core.services.dashboard import DashboardFilters, dashboard
from dasnez_core.services.listings_list import list_listings
from dasnez_core.services.people_list import list_people
from dasnez_core.services.ratings_overview import ratings_overview
from tests import factories as f


def _at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    hamlet = f.village(db, boke, "Boker Heide")
    west = f.district(db, here, "Westenholz")
    kern = f.district(db, other, "Kernstadt")
    _, garten = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    _, vorlesen = f.exchange_with_category(db, here, ExchangeType.ZEITSPENDE, "Vorlesen")
    _, other_cat = f.exchange_with_category(db, other, ExchangeType.TASCHENGELD, "Garten")
    admin = f.user(db, here, "admin@here.example", roles=(Role.KOMMUNE_ADMIN,), name="Admin")
    maria = f.user(db, here, "maria@example.org", area=hamlet, name="Maria")
    jonas = f.user(db, here, "jonas@example.org", area=west, name="Jonas")
    f.user(db, here, "neu@example.org", status=UserStatus.PENDING, area=boke, name="Neu")
    f.user(db, here, "weg@example.org", status=UserStatus.BLOCKED, area=west, name="Weg")
    other_admin = f.user(db, other, "admin@other.example", roles=(Role.KOMMUNE_ADMIN,))
    anna = f.user(db, other, "anna@example.org", area=kern, name="Anna")
    f.user(db, other, "karl@example.org", status=UserStatus.PENDING, area=kern)
    listing = f.listing_with
    l1 = listing(db, maria, garten, title="L1", area=hamlet, created_at=_at("2026-01-10"))
    l2 = listing(
        db, jonas, garten, title="L2", kind="request", area=west, created_at=_at("2026-01-20")
    )
    l3 = listing(
        db,
        maria,
        vorlesen,
        title="L3 abgelaufen",
        area=boke,
        created_at=_at("2025-12-01"),
        expires_at=_at("2025-12-31"),
    )
    listing(
        db, jonas, vorlesen, title="L4", status="closed", created_at=_at("2026-02-05")
    )  # no area
    listing(
        db, maria, garten, title="L5", status="deleted", area=boke, created_at=_at("2026-01-15")
    )
    listing(
        db,
        jonas,
        garten,
        title="L6",
        kind="request",
        status="draft",
        area=west,
        created_at=_at("2026-01-16"),
    )
    for i in range(3):
        listing(db, anna, other_cat, title=f"Fremd {i}", area=kern, created_at=_at("2026-01-11"))

    def done(lst: Any, starter: Any, hours: float, cents: int | None, day: str, both=True):
        a = f.agreement_on(db, f.conversation_about(db, lst, starter), helper=starter, seeker=None)
        a.seeker_id = lst.author_id
        a.hours, a.amount_cents, a.created_at = hours, cents, _at(day)
        a.helper_done_at = utcnow()
        a.seeker_done_at = utcnow() if both else None
        db.add(a)
        db.flush()
        return a

    a1 = done(l1, jonas, 2.5, 1000, "2026-01-12")
    a2 = done(l2, maria, 1.0, None, "2026-01-22")
    done(l3, jonas, 5.0, 700, "2026-01-05", both=False)  # only one side confirmed
    fremd = f.listing_with(db, anna, other_cat, title="Fremd done")
    a4 = done(fremd, other_admin, 10.0, 5000, "2026-01-12")
    for rating in (
        f.rating_for(db, a1, jonas, maria, stars=5, comment="Sehr nett"),
        f.rating_for(db, a1, maria, jonas, stars=4, comment="Intern", admin_only=True),
        f.rating_for(db, a2, jonas, maria, stars=2, comment=""),
        f.rating_for(db, a4, other_admin, anna, stars=1, comment="Fremd"),
    ):
        rating.created_at = _at("2026-01-25")
        db.add(rating)
    f.report_on(db, l1, jonas)
    f.report_on(db, l2, maria, resolved_by=admin)
    f.report_on(db, fremd, None)
    db.flush()
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "hamlet": hamlet,
        "west": west,
        "kern": kern,
        "garten": garten,
        "admin": f.actor(db, admin),
        "other_admin": f.actor(db, other_admin),
        "citizen": f.actor(db, maria),
    }


def _board(db: Session, w: dict[str, Any], **filters: Any) -> Any:
    return dashboard(db, w["admin"], w["here"].id, DashboardFilters(**filters))


def _counts(figures: list[Any]) -> dict[str, int]:
    return {fig.key: fig.count for fig in figures}


def test_every_figure_counts_only_this_kommune(db: Session, world: dict[str, Any]) -> None:
    d = _board(db, world)
    assert (d.pending_approvals, d.open_reports) == (1, 1)
    assert _counts(d.people_by_status) == {
        "pending": 1,
        "approved": 3,
        "blocked": 1,
        "awaiting_parent": 0,
        "deactivated": 0,
    }
    assert d.people_total == 5
    # L1–L4 and the draft L6; the deleted L5 is counted only under its status.
    assert d.listings_total == 5
    rows = {r.exchange: (r.offers, r.requests, r.running, r.total) for r in d.listings_by_exchange}
    assert rows == {"taschengeld": (1, 2, 2, 3), "zeitspende": (2, 0, 0, 2)}
    assert _counts(d.listings_by_status) == {
        "draft": 1,
        "published": 2,
        "closed": 1,
        "expired": 1,  # published, but past its end date
        "deleted": 1,
    }
    assert {fig.label: fig.count for fig in d.listings_by_category} == {
        "Taschengeldbörse – Garten": 3,
        "Zeitspende – Vorlesen": 2,
    }
    assert {fig.label: fig.count for fig in d.listings_by_district} == {
        "Boke": 2,
        "Westenholz": 2,
        "ohne Ortsteil": 1,
    }
    assert d.agreements_done == 2  # the one confirmed by one side only does not count
    assert d.hours_donated == "3,5"
    assert d.pocket_money == "10,00 €"
    assert d.ratings_count == 3
    assert d.ratings_average == "3,7"  # (5 + 4 + 2) / 3, admin-only included


def test_numbers_follow_the_pages_language(db: Session, world: dict[str, Any]) -> None:
    """English pages read "1.5" and "€10.00", German ones "1,5" and "10,00 €"."""
    filters = DashboardFilters(district=world["west"].id)  # L2: 1.0 h, no pocket money
    german = dashboard(db, world["admin"], world["here"].id, DashboardFilters(), "de")
    english = dashboard(db, world["admin"], world["here"].id, DashboardFilters(), "en")
    assert (german.hours_donated, english.hours_donated) == ("3,5", "3.5")
    assert (german.pocket_money, english.pocket_money) == ("10,00 €", "€10.00")
    assert (german.ratings_average, english.ratings_average) == ("3,7", "3.7")
    one = dashboard(db, world["admin"], world["here"].id, filters, "en")
    assert one.hours_donated == "1.0"


def test_the_other_kommune_sees_only_its_own(db: Session, world: dict[str, Any]) -> None:
    d = dashboard(db, world["other_admin"], world["other"].id, DashboardFilters())
    assert (d.pending_approvals, d.open_reports, d.people_total) == (1, 1, 3)
    assert d.listings_total == 4
    assert d.agreements_done == 1 and d.hours_donated == "10,0" and d.pocket_money == "50,00 €"
    assert (d.ratings_count, d.ratings_average) == (1, "1,0")
    assert {fig.label for fig in d.listings_by_district} == {"Kernstadt", "ohne Ortsteil"}


def test_date_range_counts_what_was_created_on_those_days(
    db: Session, world: dict[str, Any]
) -> None:
    d = _board(db, world, date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))
    assert d.listings_total == 3  # L1, L2, L6
    assert _counts(d.listings_by_status) == {"published": 2, "draft": 1, "deleted": 1}
    assert d.agreements_done == 2 and d.hours_donated == "3,5"
    assert d.ratings_count == 3
    # To-do figures and people are for the whole Kommune, whatever the period.
    assert (d.pending_approvals, d.people_total) == (1, 5)
    d = _board(db, world, date_from=date(2026, 2, 1))
    assert (d.listings_total, d.agreements_done, d.ratings_count) == (1, 0, 0)


def test_a_day_is_a_german_calendar_day(db: Session, world: dict[str, Any]) -> None:
    maria = f.user(db, world["here"], "spaet@example.org")
    # 23:30 in Delbrück on 31 January is 22:30 UTC; 00:30 on 1 February is 23:30 UTC.
    f.listing_with(db, maria, world["garten"], created_at=datetime(2026, 1, 31, 22, 30, tzinfo=UTC))
    f.listing_with(db, maria, world["garten"], created_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    d = _board(db, world, date_from=date(2026, 1, 31), date_to=date(2026, 1, 31))
    assert d.listings_total == 1
    d = _board(db, world, date_from=date(2026, 2, 1), date_to=date(2026, 2, 1))
    assert d.listings_total == 1


def test_district_and_exchange_filters(db: Session, world: dict[str, Any]) -> None:
    d = _board(db, world, district=world["boke"].id)
    assert d.listings_total == 2  # L1 (in a village of Boke) and L3
    assert _counts(d.people_by_status) == {
        "pending": 1,
        "approved": 1,
        "blocked": 0,
        "awaiting_parent": 0,
        "deactivated": 0,
    }
    assert d.agreements_done == 1 and d.hours_donated == "2,5"  # on L1
    assert d.ratings_count == 2
    d = _board(db, world, district=world["hamlet"].id)
    assert d.listings_total == 1 and d.people_total == 1
    d = _board(db, world, exchange="zeitspende")
    assert d.listings_total == 2
    assert [r.exchange for r in d.listings_by_exchange] == ["zeitspende"]
    assert (d.agreements_done, d.ratings_count) == (0, 0)


def test_another_kommunes_district_or_a_missing_exchange_is_dropped(
    db: Session, world: dict[str, Any]
) -> None:
    d = _board(db, world, district=world["kern"].id, exchange="tausch")
    assert d.filters == DashboardFilters()
    assert d.listings_total == 5


def test_an_end_before_the_start_is_refused(db: Session, world: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as err:
        _board(db, world, date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))
    assert err.value.key == "adminlist.range_reversed"


def test_url_filters_are_parsed_and_nonsense_dropped() -> None:
    filters = parse_dashboard_filters(
        {"von": "2026-01-01", "bis": "31.01.2026", "ortsteil": "7", "boerse": "taschengeld"}
    )
    assert filters == DashboardFilters(date(2026, 1, 1), date(2026, 1, 31), 7, "taschengeld")
    assert dashboard_query(filters) == "von=2026-01-01&bis=2026-01-31&ortsteil=7&boerse=taschengeld"
    junk = parse_dashboard_filters(
        {"von": "gestern", "bis": "1900-01-01", "ortsteil": "-1", "boerse": "casino"}
    )
    assert junk == DashboardFilters()


def _list_total(db: Session, w: dict[str, Any], href: str) -> int:
    url = urlsplit(href)
    params = dict(parse_qsl(url.query))
    if url.path == "/personen":
        return list_people(db, w["admin"], w["here"].id, parse_people_filters(params)).total
    assert url.path == "/eintraege", href
    return list_listings(db, w["admin"], w["here"].id, parse_listing_filters(params)).total


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)},
        {"exchange": "taschengeld"},
    ],
)
def test_every_figure_links_to_a_list_of_exactly_that_many(
    db: Session, world: dict[str, Any], filters: dict[str, Any]
) -> None:
    d = _board(db, world, **filters)
    figures = [*d.people_by_status, *d.listings_by_status, *d.listings_by_category]
    figures += [fig for fig in d.listings_by_district if target_href(fig.target)]
    checked = 0
    for fig in figures:
        assert _list_total(db, world, target_href(fig.target)) == fig.count, fig
        checked += 1
    for row in d.listings_by_exchange:
        assert _list_total(db, world, listings_href(row.offers_target)) == row.offers
        assert _list_total(db, world, listings_href(row.requests_target)) == row.requests
        assert _list_total(db, world, listings_href(row.running_target)) == row.running
        assert _list_total(db, world, listings_href(row.total_target)) == row.total
    assert _list_total(db, world, listings_href(d.listings_target)) == d.listings_total
    assert _list_total(db, world, people_href(d.people_target)) == d.people_total
    assert checked >= 8


def test_figures_link_with_the_dashboards_filters(db: Session, world: dict[str, Any]) -> None:
    d = _board(db, world, date_from=date(2026, 1, 1), district=world["boke"].id)
    boke = world["boke"].id
    [taschengeld] = [r for r in d.listings_by_exchange if r.exchange == "taschengeld"]
    assert listings_href(taschengeld.running_target) == (
        f"/eintraege?status=published&ortsteil={boke}&boerse=taschengeld&von=2026-01-01"
    )
    pending = next(fig for fig in d.people_by_status if fig.key == "pending")
    assert target_href(pending.target) == f"/personen?status=pending&ortsteil={boke}"


def test_figures_are_grouped_aggregates_in_the_database(db: Session, world: dict[str, Any]) -> None:
    statements: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.lower().split()))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        _board(db, world, district=world["boke"].id, exchange="taschengeld")
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    reads = [s for s in statements if s.startswith("select") and "from listing" in s]
    assert reads
    for statement in reads:
        assert "count(" in statement or "sum(" in statement or "avg(" in statement, statement
    assert len(statements) <= 20


@pytest.mark.parametrize("filters", [{}, {"district": "boke", "exchange": "taschengeld"}])
def test_the_dashboard_is_three_statements(
    db: Session, world: dict[str, Any], filters: dict[str, str]
) -> None:
    """People with the to-dos, listings, agreements with ratings; names and filter ids come
    from the Kommune's cached master data."""
    values = {k: world[v].id if k == "district" else v for k, v in filters.items()}
    db.commit()
    expected = _board(db, world, **values)
    statements: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        again = _board(db, world, **values)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert again == expected
    assert len(statements) == 3, statements


def test_a_shapes_statements_are_built_once_and_serve_every_kommune(
    db: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole Kommune's dashboard runs its shape's statements, built and compiled once
    (dasnez_core.db.DriverStatement): the Kommune, district, exchange and days are
    parameters. Two Kommunen and two districts of the same shape each get their own
    figures, the same as through SQLAlchemy's `execute`."""
    from dasnez_core import db as database
    from dasnez_core.services import dashboard as module

    def boards() -> list[Any]:
        here, other = world["here"].id, world["other"].id
        days = {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
        return [
            dashboard(db, world["admin"], here, DashboardFilters(district=world["boke"].id)),
            dashboard(db, world["admin"], here, DashboardFilters(district=world["west"].id)),
            dashboard(db, world["other_admin"], other, DashboardFilters(district=world["kern"].id)),
            dashboard(db, world["admin"], here, DashboardFilters(**days)),
            dashboard(db, world["other_admin"], other, DashboardFilters(**days)),
            dashboard(db, world["admin"], here, DashboardFilters(exchange="zeitspende")),
            dashboard(db, world["other_admin"], other, DashboardFilters(exchange="zeitspende")),
        ]

    module._planned.cache_clear()
    planned = boards()
    # district, days, exchange, and none: the other Kommune has no "zeitspende" (dropped)
    assert module._planned.cache_info().currsize == 4
    boke, west, kern = planned[:3]
    assert (boke.listings_total, west.listings_total, kern.listings_total) == (2, 2, 3)
    assert (boke.agreements_done, west.agreements_done, kern.agreements_done) == (1, 1, 0)
    assert {f.label for f in kern.listings_by_district} == {"Kernstadt"}
    assert planned[3].listings_total == 3 and planned[4].ratings_count == 1
    monkeypatch.setattr(database, "_watched", lambda _connection: True)
    assert boards() == planned


@pytest.mark.parametrize(
    "who", ["anonymous", "citizen", "other_admin", "platform", "pending", "blocked"]
)
def test_the_wrong_people_get_no_figures(db: Session, world: dict[str, Any], who: str) -> None:
    people = {
        "anonymous": ANONYMOUS,
        "citizen": world["citizen"],
        "other_admin": world["other_admin"],
        "platform": f.actor(
            db, f.user(db, world["here"], "betrieb@example.org", roles=(Role.PLATFORM_ADMIN,))
        ),
        "pending": f.actor(
            db,
            f.user(
                db,
                world["here"],
                "wartend-admin@example.org",
                status=UserStatus.PENDING,
                roles=(Role.KOMMUNE_ADMIN,),
            ),
        ),
        "blocked": f.actor(
            db,
            f.user(
                db,
                world["here"],
                "gesperrt-admin@example.org",
                status=UserStatus.BLOCKED,
                roles=(Role.KOMMUNE_ADMIN,),
            ),
        ),
    }
    with pytest.raises(NotAllowed):
        dashboard(db, people[who], world["here"].id, DashboardFilters())
    with pytest.raises(NotAllowed):
        ratings_overview(db, people[who], world["here"].id)


# --- ratings ---------------------------------------------------------------------------------


def test_ratings_overview_counts_stars_and_marks_admin_only(
    db: Session, world: dict[str, Any]
) -> None:
    view = ratings_overview(db, world["admin"], world["here"].id)
    assert [(fig.label, fig.count) for fig in view.distribution] == [
        ("1 Stern", 0),
        ("2 Sterne", 1),
        ("3 Sterne", 0),
        ("4 Sterne", 1),
        ("5 Sterne", 1),
    ]
    assert (view.total, view.average, view.admin_only_total) == (3, "3,7", 1)
    shown = {(r.stars, r.comment, r.rater, r.ratee, r.admin_only, r.date) for r in view.rows}
    assert shown == {
        (5, "Sehr nett", "Jonas", "Maria", False, "25.01.2026"),
        (4, "Intern", "Maria", "Jonas", True, "25.01.2026"),
        (2, "", "Jonas", "Maria", False, "25.01.2026"),
    }
    assert all("Fremd" not in r.comment for r in view.rows)
    only = ratings_overview(db, world["admin"], world["here"].id, only_admin=True)
    assert [(r.comment, r.stars_text) for r in only.rows] == [("Intern", "★★★★☆")]
    other = ratings_overview(db, world["other_admin"], world["other"].id)
    assert [r.comment for r in other.rows] == ["Fremd"] and other.total == 1


def test_ratings_are_paged_fifty_at_a_time(db: Session, world: dict[str, Any]) -> None:
    here = world["here"]
    helper = f.user(db, here, "helfer@example.org", name="Helfer")
    for i in range(55):
        lst = f.listing_with(db, helper, world["garten"], title=f"R{i}")
        seeker = f.user(db, here, f"s{i}@example.org", name=f"S{i}")
        a = f.agreement_on(db, f.conversation_about(db, lst, seeker), helper=helper, seeker=seeker)
        f.rating_for(db, a, seeker, helper, stars=3, comment=f"c{i}")
    first = ratings_overview(db, world["admin"], here.id)
    second = ratings_overview(db, world["admin"], here.id, page=2)
    assert (len(first.rows), len(second.rows), first.pages) == (50, 8, 2)
    assert ratings_overview(db, world["admin"], here.id, page=99).page == 2
