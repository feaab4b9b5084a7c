"""Figures of one Kommune for its admins: the dashboard (/uebersicht).

Every figure is computed by the database with grouped aggregates (COUNT / SUM / AVG with
GROUP BY), never by loading rows into Python, and every query is bound to the admin's
Kommune: three statements in all (people, listings, agreements with ratings); the names of
exchanges, categories and districts come from the Kommune's cached master data. For a
whole Kommune the three are built once per filter shape, the Kommune and the filters' values
bound as parameters (_planned); a coordinator's carry their scope's conditions.
Each figure carries the filters of the list behind it (`target`), the same filters the list
applies, so that the number on the dashboard and the length of the list agree; the admin app
turns them into links.

Filters: a date range (listings, agreements and ratings created within those German
calendar days), a district (listings there; people living there) and an exchange.
The to-do figures (people waiting for approval, open reports) are for the whole Kommune.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, String, and_, bindparam, case, literal, true, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.db import DriverStatement
from dasnez_core.formatting import format_euros, format_number
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Agreement,
    Listing,
    ListingKind,
    ListingReport,
    ListingStatus,
    Rating,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.permissions import Action, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services import filters as vocabulary
from dasnez_core.services.listings_list import ListingFilters
from dasnez_core.services.masterdata_cache import MasterData, master
from dasnez_core.services.people_list import PeopleFilters


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters."""

    date_from: date | None = None
    date_to: date | None = None
    district: int | None = None
    exchange: str = ""

    def listings(self, **more: Any) -> ListingFilters:
        """The listing-list filters that show the listings behind a figure."""
        base: dict[str, Any] = {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "district": self.district,
            "exchange": self.exchange,
        }
        return ListingFilters(**{**base, **more})


def validate_dashboard_filters(filters: DashboardFilters) -> None:
    """InvalidInput if the date range ends before it starts."""
    vocabulary.check_range(filters.date_from, filters.date_to)


# --- read models -----------------------------------------------------------------------------

# The list behind a figure: its filters, or None when there is no list to show.
Target = ListingFilters | PeopleFilters | None


@dataclass(frozen=True)
class Figure:
    """A labelled number and the filters of the list behind it."""

    key: str
    label: str
    count: int
    target: Target = None


@dataclass(frozen=True)
class ExchangeFigures:
    """Listings of one exchange: offers, requests, and how many of them are running."""

    exchange: str
    label: str
    offers: int
    requests: int
    running: int
    total: int
    offers_target: ListingFilters
    requests_target: ListingFilters
    running_target: ListingFilters
    total_target: ListingFilters


@dataclass(frozen=True)
class Dashboard:
    pending_approvals: int
    open_reports: int
    people_total: int
    people_target: PeopleFilters
    people_by_status: list[Figure]
    listings_total: int
    listings_target: ListingFilters
    listings_by_exchange: list[ExchangeFigures]
    listings_by_status: list[Figure]
    listings_by_category: list[Figure]
    listings_by_district: list[Figure]
    agreements_done: int
    hours_donated: str
    pocket_money: str
    ratings_count: int
    ratings_average: str
    filters: DashboardFilters


# --- the filters, resolved once --------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    """The dashboard's filters checked against the Kommune: what is kept, and the area and
    exchange chosen."""

    kommune_id: int
    kept: DashboardFilters
    area: vocabulary.AreaScope | None
    exchange_id: int | None
    master: MasterData
    # What the caller may see (permissions.scope_of): the whole Kommune, or a coordinator's
    # area subtree or social space; every figure counts only rows in it.
    access: Scope

    @property
    def shape(self) -> _Shape:
        area = ""
        if self.area is not None:
            area = "district" if self.area.is_district else "village"
        return _Shape(
            area=area,
            exchange=self.exchange_id is not None,
            date_from=self.kept.date_from is not None,
            date_to=self.kept.date_to is not None,
        )

    def params(self) -> dict[str, Any]:
        """The values of the statements' parameters (_build)."""
        start, end = vocabulary.day_bounds(self.kept.date_from, self.kept.date_to)
        return {
            "kommune_id": self.kommune_id,
            "area_id": self.area.area_id if self.area is not None else None,
            "exchange_id": self.exchange_id,
            "day_from": start,
            "day_after": end,
            "now": utcnow(),
        }


def _scope(db: Session, access: Scope, filters: DashboardFilters) -> _Scope:
    """Drop a district or exchange that this Kommune does not have (checked against its
    cached master data, not the database)."""
    kommune_id = access.kommune_id
    data = master(db, kommune_id)
    kept = filters
    chosen = data.area_by_id.get(filters.district) if filters.district is not None else None
    area = None
    if chosen is None:
        kept = replace(kept, district=None)
    else:
        area = vocabulary.AreaScope(kommune_id, chosen.id, chosen.is_district)
    exchange_id = data.exchange_id_by_type.get(filters.exchange) if filters.exchange else None
    if exchange_id is None:
        kept = replace(kept, exchange="")
    return _Scope(kommune_id, kept, area, exchange_id, data, access)


# --- the statements, built once per shape ----------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """What decides the dashboard's SQL; the values are parameters (_Scope.params)."""

    area: str  # "", "district" or "village"
    exchange: bool
    date_from: bool
    date_to: bool


_KOMMUNE = bindparam("kommune_id", type_=Integer)
_AREA = bindparam("area_id", type_=Integer)
_EXCHANGE = bindparam("exchange_id", type_=Integer)


# The moments' own column type (SQLModel's UTC datetime): the same conversions as a value.
_MOMENT_TYPE = Listing.__table__.c.created_at.type  # type: ignore[attr-defined]


def _moment(name: str) -> Any:
    return bindparam(name, type_=_MOMENT_TYPE)


_DELETED = ListingStatus.DELETED.value
_BY_EXCHANGE, _BY_CATEGORY, _BY_DISTRICT = 0, 1, 2


@dataclass(frozen=True)
class _Statements:
    """The dashboard's three statements: people (with pending approvals and open reports),
    listings (_listings_statement) and agreements with ratings: Core statements, or their
    DriverStatements (_planned)."""

    people: Any
    listings: Any
    agreements: Any


def _build(shape: _Shape, access: Scope | None) -> _Statements:
    """The statements of a shape: for the whole Kommune (access None) with the Kommune as
    a parameter, for a coordinator with their scope's conditions."""
    if access is None:
        persons = col(User.kommune_id) == _KOMMUNE
        reports = col(ListingReport.kommune_id) == _KOMMUNE
        in_scope = col(Listing.kommune_id) == _KOMMUNE
    else:
        persons, reports, in_scope = access.persons(), access.reports(), access.listings()

    def between(column: Any) -> list[Any]:
        conditions = []
        if shape.date_from:
            conditions.append(column >= _moment("day_from"))
        if shape.date_to:
            conditions.append(column < _moment("day_after"))
        return conditions

    listing_conditions = [in_scope]
    if shape.area:
        listing_conditions.append(vocabulary.listing_in_area(shape.area == "district", _AREA))
    if shape.exchange:
        listing_conditions.append(col(Listing.exchange_id) == _EXCHANGE)
    narrowed = bool(shape.area) or shape.exchange or access is not None
    return _Statements(
        people=_people_statement(shape, persons, reports),
        listings=_listings_statement([*listing_conditions, *between(col(Listing.created_at))]),
        agreements=_agreements_statement(
            listing_conditions if narrowed else [],
            between(col(Agreement.created_at)),
            between(col(Rating.created_at)),
        ),
    )


@lru_cache(maxsize=64)
def _planned(shape: _Shape) -> _Statements:
    """A whole-Kommune shape's statements, compiled once per dialect (DriverStatement)."""
    built = _build(shape, None)
    return _Statements(
        DriverStatement(built.people),
        DriverStatement(built.listings),
        DriverStatement(built.agreements),
    )


class _Runner:
    """Runs a dashboard's statements: a whole Kommune's from their plan (no statement
    building, no SQLAlchemy cache key per call: 5-8 ms of the worker's CPU at 1M
    listings), a coordinator's as built for their scope."""

    def __init__(self, db: Session, scope: _Scope) -> None:
        self._connection = db.connection()
        self._params = scope.params()
        self._planned = _planned(scope.shape) if scope.access.whole_kommune else None
        self._built = None if self._planned else _build(scope.shape, scope.access)

    def rows(self, part: str) -> Sequence[Any]:
        if self._planned is not None:
            planned: DriverStatement = getattr(self._planned, part)
            return planned.rows(self._connection, self._params)
        assert self._built is not None
        return self._connection.execute(getattr(self._built, part), self._params).all()


# --- one function per figure group -----------------------------------------------------------


def _people_statement(shape: _Shape, persons: Any, reports: Any) -> Any:
    """People by status (of the area, if one is chosen), people waiting for approval and
    open reports in the whole Kommune: one statement."""
    by_status = sa_select(
        literal("people").label("part"), col(User.status), func.count(col(User.id))
    ).where(persons)
    in_area = None
    if shape.area:
        in_area = col(User.area_id).in_(
            vocabulary.area_subtree_of(shape.area == "district", _KOMMUNE, _AREA)
        )
        by_status = by_status.where(in_area)
    parts = [by_status.group_by(col(User.status))]
    parts.append(
        sa_select(literal("reports"), literal(""), func.count(col(ListingReport.id))).where(
            reports, col(ListingReport.resolved_at).is_(None)
        )
    )
    if in_area is not None:
        parts.append(
            sa_select(literal("pending"), literal(""), func.count(col(User.id))).where(
                persons, col(User.status) == UserStatus.PENDING
            )
        )
    return union_all(*parts)


def _people(rows: Iterable[Sequence[Any]], scope: _Scope) -> tuple[dict[str, int], int, int]:
    counts: dict[str, int] = {}
    pending = open_reports = 0
    for part, status, n in rows:
        if part == "people":
            counts[status] = int(n)
        elif part == "reports":
            open_reports = int(n)
        else:
            pending = int(n)
    if scope.area is None:
        pending = counts.get(UserStatus.PENDING.value, 0)
    return counts, pending, open_reports


def _people_figures(
    counts: dict[str, int], scope: _Scope, t: Callable[[str], str]
) -> tuple[list[Figure], PeopleFilters]:
    people = PeopleFilters(district=scope.kept.district)
    figures = [
        Figure(
            key=status.value,
            label=t(f"adminlist.user_status.{status.value}"),
            count=counts.get(status.value, 0),
            target=replace(people, status=status.value),
        )
        for status in UserStatus
    ]
    return figures, people


@dataclass(frozen=True)
class _ListingCounts:
    """Listings counted by exchange, kind and shown status, and (those not deleted) by
    category and by district."""

    by_exchange: dict[tuple[int, str, str], int]
    by_category: dict[Any, int]
    by_district: dict[Any, int]

    @classmethod
    def of(cls, rows: Iterable[tuple[Any, ...]]) -> _ListingCounts:
        """From the rows of _listings_statement: (part, key, kind, status, count)."""
        by_exchange: dict[tuple[int, str, str], int] = {}
        by_category: dict[Any, int] = {}
        by_district: dict[Any, int] = {}
        for part, key, kind, status, count in rows:
            if part == _BY_EXCHANGE:
                by_exchange[key, kind, status] = int(count)
            elif part == _BY_CATEGORY:
                by_category[key] = int(count)
            else:
                by_district[key] = int(count)
        return cls(by_exchange, by_category, by_district)


def _listings_statement(conditions: list[Any]) -> Any:
    """All listing figures (_ListingCounts) from one statement over the dashboard's
    covering index. A published listing past its end date counts as expired, as in the list.

    The listings are grouped once by every key (about 3,500 groups in the largest Kommune
    at 1M listings), and the database sums those groups per figure: about 100 rows come
    back instead of 3,500, whose fetching and summing in Python cost 6-8 ms of the
    worker's CPU (issue 15)."""
    shown_status = case(
        (
            and_(
                col(Listing.status) == ListingStatus.PUBLISHED.value,
                col(Listing.expires_at) <= _moment("now"),
            ),
            literal(ListingStatus.EXPIRED.value),
        ),
        else_=col(Listing.status),
    ).label("shown_status")
    keys: tuple[Any, ...] = (
        col(Listing.exchange_id).label("exchange_id"),
        col(Listing.kind).label("kind"),
        shown_status,
        col(Listing.category_id).label("category_id"),
        col(Listing.district_id).label("district_id"),
    )
    groups = (
        sa_select(*keys, func.count().label("n")).where(*conditions).group_by(*keys).cte("groups")
    )
    kept = groups.c.shown_status != _DELETED
    no_text = literal(None, String)
    by_exchange = sa_select(
        literal(_BY_EXCHANGE),
        groups.c.exchange_id,
        groups.c.kind,
        groups.c.shown_status,
        func.sum(groups.c.n),
    ).group_by(groups.c.exchange_id, groups.c.kind, groups.c.shown_status)
    by_category = (
        sa_select(
            literal(_BY_CATEGORY), groups.c.category_id, no_text, no_text, func.sum(groups.c.n)
        )
        .where(kept)
        .group_by(groups.c.category_id)
    )
    by_district = (
        sa_select(
            literal(_BY_DISTRICT), groups.c.district_id, no_text, no_text, func.sum(groups.c.n)
        )
        .where(kept)
        .group_by(groups.c.district_id)
    )
    return union_all(by_exchange, by_category, by_district)


def _listings_by_exchange_kind_status(
    counts: _ListingCounts, scope: _Scope, t: Callable[[str], str]
) -> tuple[int, list[ExchangeFigures], list[Figure]]:
    """The total, one row per exchange, and the figures by status."""
    kept = scope.kept
    rows = counts.by_exchange.items()
    total = sum(n for (_e, _k, status), n in rows if status != _DELETED)
    by_exchange = []
    for exchange in scope.master.exchanges:
        if kept.exchange and exchange.type != kept.exchange:
            continue
        mine = [(k, s, n) for (e, k, s), n in rows if e == exchange.id]
        base = replace(kept, exchange=exchange.type)
        by_exchange.append(
            ExchangeFigures(
                exchange=exchange.type,
                label=t(f"exchange.{exchange.type}"),
                offers=sum(n for k, s, n in mine if k == ListingKind.OFFER and s != _DELETED),
                requests=sum(n for k, s, n in mine if k == ListingKind.REQUEST and s != _DELETED),
                running=sum(n for _, s, n in mine if s == ListingStatus.PUBLISHED),
                total=sum(n for _, s, n in mine if s != _DELETED),
                offers_target=base.listings(kind=ListingKind.OFFER.value),
                requests_target=base.listings(kind=ListingKind.REQUEST.value),
                running_target=base.listings(status=ListingStatus.PUBLISHED.value),
                total_target=base.listings(),
            )
        )
    by_status: dict[str, int] = {}
    for (_e, _k, status), n in rows:
        by_status[status] = by_status.get(status, 0) + n
    status_figures = [
        Figure(
            key=status.value,
            label=t(f"adminlist.listing_status.{status.value}"),
            count=by_status.get(status.value, 0),
            target=kept.listings(status=status.value),
        )
        for status in ListingStatus
        if by_status.get(status.value, 0) or status == ListingStatus.PUBLISHED
    ]
    return total, by_exchange, status_figures


def _listings_by_category(
    counts: _ListingCounts, scope: _Scope, t: Callable[[str], str]
) -> list[Figure]:
    data = scope.master
    figures = []
    for category_id, n in counts.by_category.items():
        category = data.category_by_id.get(category_id)
        if category is None:
            continue
        ex_type = data.exchange_type(category.exchange_id)
        figures.append(
            (
                category.name,
                Figure(
                    key=str(category_id),
                    label=f"{t(f'exchange.{ex_type}')} – {category.name}",
                    count=n,
                    target=scope.kept.listings(category=category_id),
                ),
            )
        )
    figures.sort(key=lambda pair: (-pair[1].count, pair[0]))
    return [figure for _, figure in figures]


def _listings_by_district(
    counts: _ListingCounts, scope: _Scope, t: Callable[[str], str]
) -> list[Figure]:
    data, kept = scope.master, scope.kept
    figures = []
    for district_id, n in counts.by_district.items():
        area = data.area_by_id.get(district_id) if district_id is not None else None
        name = area.name if area is not None else ""
        figures.append(
            (
                name,
                Figure(
                    key=str(district_id or ""),
                    label=name or t("dash.no_district"),
                    count=n,
                    # With a village chosen, its listings are all the district holds here.
                    target=kept.listings(district=kept.district or district_id)
                    if district_id
                    else None,
                ),
            )
        )
    figures.sort(key=lambda pair: (-pair[1].count, pair[0]))
    return [figure for _, figure in figures]


def _agreements_statement(
    listing_conditions: list[Any], agreements_between: list[Any], ratings_between: list[Any]
) -> Any:
    """Agreements both sides confirmed (count, hours donated, pocket money in cents), and
    count and average of the ratings (admin-only ones included: this is the
    administration's view), in one statement; with `listing_conditions` only those on
    such listings."""
    agreements = sa_select(
        func.count(col(Agreement.id)).label("done"),
        func.coalesce(func.sum(col(Agreement.hours)), 0).label("hours"),
        func.coalesce(func.sum(col(Agreement.amount_cents)), 0).label("cents"),
    ).where(
        col(Agreement.kommune_id) == _KOMMUNE,
        col(Agreement.helper_done_at).is_not(None),
        col(Agreement.seeker_done_at).is_not(None),
        *agreements_between,
    )
    ratings = sa_select(
        func.count(col(Rating.id)).label("ratings"), func.avg(col(Rating.stars)).label("stars")
    ).where(col(Rating.kommune_id) == _KOMMUNE, *ratings_between)
    if listing_conditions:
        agreements = agreements.join(Listing, col(Listing.id) == Agreement.listing_id).where(
            *listing_conditions
        )
        ratings = (
            ratings.join(Agreement, col(Agreement.id) == Rating.agreement_id)
            .join(Listing, col(Listing.id) == Agreement.listing_id)
            .where(*listing_conditions)
        )
    a, r = agreements.subquery(), ratings.subquery()
    # Two one-row aggregates side by side.
    return sa_select(a.c.done, a.c.hours, a.c.cents, r.c.ratings, r.c.stars).select_from(
        a.join(r, true())
    )


def _agreements_and_ratings(row: Sequence[Any]) -> tuple[int, float, int, int, float | None]:
    done, hours, cents, count, average = row
    count = int(count or 0)
    return (
        int(done),
        float(hours or 0),
        int(cents or 0),
        count,
        float(average) if count else None,
    )


# --- the dashboard ---------------------------------------------------------------------------


def dashboard(
    db: Session, actor: Actor, kommune_id: int, filters: DashboardFilters, lang: str = "de"
) -> Dashboard:
    """All figures of the dashboard for the admin's Kommune (InvalidInput for a date range
    that ends before it starts)."""
    access = require_scope(actor, Action.VIEW_KOMMUNE_DASHBOARD, kommune_id)
    validate_dashboard_filters(filters)
    scope = _scope(db, access, filters)
    kept = scope.kept

    def t(key: str) -> str:
        return translate(key, lang)

    run = _Runner(db, scope)
    counts, pending, open_reports = _people(run.rows("people"), scope)
    people_by_status, people = _people_figures(counts, scope, t)
    listing_counts = _ListingCounts.of(run.rows("listings"))
    listings_total, by_exchange, by_status = _listings_by_exchange_kind_status(
        listing_counts, scope, t
    )
    by_category = _listings_by_category(listing_counts, scope, t)
    by_district = _listings_by_district(listing_counts, scope, t)
    done, hours, cents, rating_count, rating_average = _agreements_and_ratings(
        run.rows("agreements")[0]
    )
    return Dashboard(
        pending_approvals=pending,
        open_reports=open_reports,
        people_total=sum(f.count for f in people_by_status),
        people_target=people,
        people_by_status=people_by_status,
        listings_total=listings_total,
        listings_target=kept.listings(),
        listings_by_exchange=by_exchange,
        listings_by_status=by_status,
        listings_by_category=by_category,
        listings_by_district=by_district,
        agreements_done=done,
        hours_donated=format_number(hours, lang, decimals=1),
        pocket_money=format_euros(cents, lang),
        ratings_count=rating_count,
        ratings_average="–" if rating_average is None else format_number(rating_average, lang, 1),
        filters=kept,
    )
