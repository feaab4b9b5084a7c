"""Figures of one Kommune for its admins: the dashboard (/uebersicht).

Every figure is computed by the database with grouped aggregates (COUNT / SUM / AVG with
GROUP BY), never by loading rows into Python, and every query is bound to the admin's
Kommune: three statements in all (people, listings, agreements with ratings); the names of
exchanges, categories and districts come from the Kommune's cached master data.
Each figure carries the filters of the list behind it (`target`), the same filters the list
applies, so that the number on the dashboard and the length of the list agree; the admin app
turns them into links.

Filters: a date range (listings, agreements and ratings created within those German
calendar days), a district (listings there; people living there) and an exchange.
The to-do figures (people waiting for approval, open reports) are for the whole Kommune.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import and_, case, literal, true, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
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
    """The dashboard's filters checked against the Kommune: what is kept, and the
    conditions on a listing (for listings and what hangs on them)."""

    kommune_id: int
    kept: DashboardFilters
    area: vocabulary.AreaScope | None
    listing_conditions: list[Any]
    master: MasterData
    # What the caller may see (permissions.scope_of): the whole Kommune, or a coordinator's
    # area subtree or social space; every figure counts only rows in it.
    access: Scope

    @property
    def narrowed(self) -> bool:
        """Whether a district, an exchange or a coordinator's scope narrows what hangs on
        a listing."""
        return (
            self.kept.district is not None
            or bool(self.kept.exchange)
            or not self.access.whole_kommune
        )


def _scope(db: Session, access: Scope, filters: DashboardFilters) -> _Scope:
    """Drop a district or exchange that this Kommune does not have (checked against its
    cached master data, not the database)."""
    kommune_id = access.kommune_id
    data = master(db, kommune_id)
    kept = filters
    conditions: list[Any] = [access.listings()]
    chosen = data.area_by_id.get(filters.district) if filters.district is not None else None
    area = None
    if chosen is None:
        kept = replace(kept, district=None)
    else:
        area = vocabulary.AreaScope(kommune_id, chosen.id, chosen.is_district)
        conditions.append(vocabulary.listing_area_condition(area))
    exchange_id = data.exchange_id_by_type.get(filters.exchange) if filters.exchange else None
    if exchange_id is None:
        kept = replace(kept, exchange="")
    else:
        conditions.append(vocabulary.listing_exchange_condition(exchange_id))
    return _Scope(kommune_id, kept, area, conditions, data, access)


# --- one function per figure group -----------------------------------------------------------


def _people(db: Session, scope: _Scope) -> tuple[dict[str, int], int, int]:
    """People by status (of the district, if one is chosen), people waiting for approval
    and open reports in the whole Kommune: one statement."""
    by_status = sa_select(
        literal("people").label("part"), col(User.status), func.count(col(User.id))
    ).where(scope.access.persons())
    if scope.area is not None:
        by_status = by_status.where(vocabulary.user_area_condition(scope.area))
    parts = [by_status.group_by(col(User.status))]
    parts.append(
        sa_select(literal("reports"), literal(""), func.count(col(ListingReport.id))).where(
            scope.access.reports(),
            col(ListingReport.resolved_at).is_(None),
        )
    )
    if scope.area is not None:
        parts.append(
            sa_select(literal("pending"), literal(""), func.count(col(User.id))).where(
                scope.access.persons(),
                col(User.status) == UserStatus.PENDING,
            )
        )
    counts: dict[str, int] = {}
    pending = open_reports = 0
    for part, status, n in db.execute(union_all(*parts)).all():
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


_DELETED = ListingStatus.DELETED.value


@dataclass(frozen=True)
class _ListingCounts:
    """Listings counted by exchange, kind and shown status, and (those not deleted) by
    category and by district: summed in one pass over the grouped rows (about 3,000 in the
    largest Kommune at 1M listings; one pass per figure cost several milliseconds)."""

    by_exchange: dict[tuple[int, str, str], int]
    by_category: dict[Any, int]
    by_district: dict[Any, int]

    @classmethod
    def of(cls, rows: Iterable[tuple[Any, ...]]) -> _ListingCounts:
        by_exchange: defaultdict[tuple[int, str, str], int] = defaultdict(int)
        by_category: defaultdict[Any, int] = defaultdict(int)
        by_district: defaultdict[Any, int] = defaultdict(int)
        for exchange_id, kind, status, category_id, district_id, count in rows:
            by_exchange[exchange_id, kind, status] += count
            if status != _DELETED:
                by_category[category_id] += count
                by_district[district_id] += count
        return cls(dict(by_exchange), dict(by_category), dict(by_district))


def _listing_counts(db: Session, conditions: list[Any]) -> _ListingCounts:
    """All listing figures from one grouped query over the dashboard's covering index. A
    published listing past its end date counts as expired, as in the list."""
    shown_status = case(
        (
            and_(
                col(Listing.status) == ListingStatus.PUBLISHED.value,
                col(Listing.expires_at) <= utcnow(),
            ),
            literal(ListingStatus.EXPIRED.value),
        ),
        else_=col(Listing.status),
    ).label("shown_status")
    keys = (
        col(Listing.exchange_id),
        col(Listing.kind),
        shown_status,
        col(Listing.category_id),
        col(Listing.district_id),
    )
    # Plain rows (the connection's, not the ORM's), fetched at once: the figures need
    # no objects, and a row fetched one by one cost 2 µs (6 ms in the largest Kommune).
    query = sa_select(*keys, func.count()).where(*conditions).group_by(*keys)
    return _ListingCounts.of(db.connection().execute(query).all())


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


def _agreements_and_ratings(
    db: Session, scope: _Scope
) -> tuple[int, float, int, int, float | None]:
    """Agreements both sides confirmed (count, hours donated, pocket money in cents), and
    count and average of the ratings (admin-only ones included: this is the
    administration's view), in one statement."""
    kept = scope.kept
    agreements = sa_select(
        func.count(col(Agreement.id)).label("done"),
        func.coalesce(func.sum(col(Agreement.hours)), 0).label("hours"),
        func.coalesce(func.sum(col(Agreement.amount_cents)), 0).label("cents"),
    ).where(
        col(Agreement.kommune_id) == scope.kommune_id,
        col(Agreement.helper_done_at).is_not(None),
        col(Agreement.seeker_done_at).is_not(None),
        *vocabulary.created_between(col(Agreement.created_at), kept.date_from, kept.date_to),
    )
    ratings = sa_select(
        func.count(col(Rating.id)).label("ratings"), func.avg(col(Rating.stars)).label("stars")
    ).where(
        col(Rating.kommune_id) == scope.kommune_id,
        *vocabulary.created_between(col(Rating.created_at), kept.date_from, kept.date_to),
    )
    if scope.narrowed:
        agreements = agreements.join(Listing, col(Listing.id) == Agreement.listing_id).where(
            *scope.listing_conditions
        )
        ratings = (
            ratings.join(Agreement, col(Agreement.id) == Rating.agreement_id)
            .join(Listing, col(Listing.id) == Agreement.listing_id)
            .where(*scope.listing_conditions)
        )
    a, r = agreements.subquery(), ratings.subquery()
    done, hours, cents, count, average = db.execute(
        # Two one-row aggregates side by side.
        sa_select(a.c.done, a.c.hours, a.c.cents, r.c.ratings, r.c.stars).select_from(
            a.join(r, true())
        )
    ).one()
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

    counts, pending, open_reports = _people(db, scope)
    people_by_status, people = _people_figures(counts, scope, t)
    listing_conditions = [
        *scope.listing_conditions,
        *vocabulary.created_between(col(Listing.created_at), kept.date_from, kept.date_to),
    ]
    listing_counts = _listing_counts(db, listing_conditions)
    listings_total, by_exchange, by_status = _listings_by_exchange_kind_status(
        listing_counts, scope, t
    )
    by_category = _listings_by_category(listing_counts, scope, t)
    by_district = _listings_by_district(listing_counts, scope, t)
    done, hours, cents, rating_count, rating_average = _agreements_and_ratings(db, scope)
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
