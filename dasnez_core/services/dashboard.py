"""Figures of one Kommune for its admins: the dashboard (/uebersicht).

Every figure is computed by the database with grouped aggregates (COUNT / SUM / AVG with
GROUP BY), never by loading rows into Python, and every query is bound to the admin's
Kommune. Each figure carries the filters of the list behind it (`target`), the same filters
the list applies, so that the number on the dashboard and the length of the list agree; the
admin app turns them into links.

Filters: a date range (listings, agreements and ratings created within those German
calendar days), a district (listings there; people living there) and an exchange.
The to-do figures (people waiting for approval, open reports) are for the whole Kommune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import and_, case, literal
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.formatting import format_euros, format_number
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Agreement,
    Area,
    Category,
    Exchange,
    Listing,
    ListingKind,
    ListingReport,
    ListingStatus,
    Rating,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import filters as vocabulary
from dasnez_core.services.listings_list import ListingFilters
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

    @property
    def narrowed(self) -> bool:
        """Whether a district or an exchange narrows what hangs on a listing."""
        return self.kept.district is not None or bool(self.kept.exchange)


def _scope(db: Session, kommune_id: int, filters: DashboardFilters) -> _Scope:
    """Drop a district or exchange that this Kommune does not have."""
    kept = filters
    conditions: list[Any] = [col(Listing.kommune_id) == kommune_id]
    area = vocabulary.resolve_area(db, kommune_id, filters.district)
    if area is None:
        kept = replace(kept, district=None)
    else:
        conditions.append(vocabulary.listing_area_condition(area))
    exchange_id = vocabulary.exchange_id_of(db, kommune_id, filters.exchange)
    if exchange_id is None:
        kept = replace(kept, exchange="")
    else:
        conditions.append(vocabulary.listing_exchange_condition(exchange_id))
    return _Scope(kommune_id, kept, area, conditions)


# --- one function per figure group -----------------------------------------------------------


def _todos(db: Session, kommune_id: int) -> tuple[int, int]:
    """People waiting for approval and open reports, for the whole Kommune."""
    pending = db.execute(
        sa_select(func.count(col(User.id))).where(
            col(User.kommune_id) == kommune_id, col(User.status) == UserStatus.PENDING
        )
    ).scalar_one()
    open_reports = db.execute(
        sa_select(func.count(col(ListingReport.id))).where(
            col(ListingReport.kommune_id) == kommune_id,
            col(ListingReport.resolved_at).is_(None),
        )
    ).scalar_one()
    return int(pending), int(open_reports)


def _people_by_status(
    db: Session, scope: _Scope, t: Callable[[str], str]
) -> tuple[list[Figure], PeopleFilters]:
    """People by status (of the district, if one is chosen), and the list of them all."""
    conditions: list[Any] = [col(User.kommune_id) == scope.kommune_id]
    if scope.area is not None:
        conditions.append(vocabulary.user_area_condition(scope.area))
    counts = dict(
        db.execute(
            sa_select(col(User.status), func.count(col(User.id)))
            .where(*conditions)
            .group_by(col(User.status))
        ).all()
    )
    people = PeopleFilters(district=scope.kept.district)
    figures = [
        Figure(
            key=status.value,
            label=t(f"adminlist.user_status.{status.value}"),
            count=int(counts.get(status.value, 0)),
            target=replace(people, status=status.value),
        )
        for status in UserStatus
    ]
    return figures, people


def _listings_by_exchange_kind_status(
    db: Session, scope: _Scope, conditions: list[Any], t: Callable[[str], str]
) -> tuple[int, list[ExchangeFigures], list[Figure]]:
    """Listings by exchange, kind and status in one grouped query: the total, one row per
    exchange, and the figures by status. A published listing past its end date counts as
    expired, as in the list."""
    kept = scope.kept
    now = utcnow()
    shown_status = case(
        (
            and_(
                col(Listing.status) == ListingStatus.PUBLISHED.value,
                col(Listing.expires_at) <= now,
            ),
            literal(ListingStatus.EXPIRED.value),
        ),
        else_=col(Listing.status),
    ).label("shown_status")
    grouped = db.execute(
        sa_select(col(Listing.exchange_id), col(Listing.kind), shown_status, func.count())
        .where(*conditions)
        .group_by(col(Listing.exchange_id), col(Listing.kind), shown_status)
    ).all()
    exchanges = dict(
        db.execute(
            sa_select(col(Exchange.id), col(Exchange.type))
            .where(col(Exchange.kommune_id) == scope.kommune_id)
            .order_by(col(Exchange.id))
        ).all()
    )
    deleted = ListingStatus.DELETED.value
    total = sum(int(n) for _, _, status, n in grouped if status != deleted)
    by_exchange = []
    for exchange_id, ex_type in exchanges.items():
        if kept.exchange and ex_type != kept.exchange:
            continue
        mine = [(kind, status, int(n)) for e, kind, status, n in grouped if e == exchange_id]
        base = replace(kept, exchange=ex_type)
        by_exchange.append(
            ExchangeFigures(
                exchange=ex_type,
                label=t(f"exchange.{ex_type}"),
                offers=sum(n for k, s, n in mine if k == ListingKind.OFFER and s != deleted),
                requests=sum(n for k, s, n in mine if k == ListingKind.REQUEST and s != deleted),
                running=sum(n for _, s, n in mine if s == ListingStatus.PUBLISHED),
                total=sum(n for _, s, n in mine if s != deleted),
                offers_target=base.listings(kind=ListingKind.OFFER.value),
                requests_target=base.listings(kind=ListingKind.REQUEST.value),
                running_target=base.listings(status=ListingStatus.PUBLISHED.value),
                total_target=base.listings(),
            )
        )
    by_status: dict[str, int] = {}
    for _, _, status, n in grouped:
        by_status[status] = by_status.get(status, 0) + int(n)
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


# Counted on the listing columns alone, named afterwards: joining first would join every
# listing row, counting first joins one row per category or district.


def _listings_by_category(
    db: Session, scope: _Scope, conditions: list[Any], t: Callable[[str], str]
) -> list[Figure]:
    not_deleted = col(Listing.status) != ListingStatus.DELETED.value
    per_category = (
        sa_select(col(Listing.category_id).label("category_id"), func.count().label("n"))
        .where(*conditions, not_deleted)
        .group_by(col(Listing.category_id))
        .subquery()
    )
    return [
        Figure(
            key=str(category_id),
            label=f"{t(f'exchange.{ex_type}')} – {name}",
            count=int(n),
            target=scope.kept.listings(category=category_id),
        )
        for category_id, name, ex_type, n in db.execute(
            sa_select(
                per_category.c.category_id, col(Category.name), col(Exchange.type), per_category.c.n
            )
            .join(Category, col(Category.id) == per_category.c.category_id)
            .join(Exchange, col(Exchange.id) == Category.exchange_id)
            .order_by(per_category.c.n.desc(), col(Category.name))
        ).all()
    ]


def _listings_by_district(
    db: Session, scope: _Scope, conditions: list[Any], t: Callable[[str], str]
) -> list[Figure]:
    not_deleted = col(Listing.status) != ListingStatus.DELETED.value
    per_district = (
        sa_select(col(Listing.district_id).label("district_id"), func.count().label("n"))
        .where(*conditions, not_deleted)
        .group_by(col(Listing.district_id))
        .subquery()
    )
    kept = scope.kept
    return [
        Figure(
            key=str(district_id or ""),
            label=name or t("dash.no_district"),
            count=int(n),
            # With a village chosen, its listings are all the district holds here.
            target=kept.listings(district=kept.district or district_id) if district_id else None,
        )
        for district_id, name, n in db.execute(
            sa_select(per_district.c.district_id, col(Area.name), per_district.c.n)
            .join(Area, col(Area.id) == per_district.c.district_id, isouter=True)
            .order_by(per_district.c.n.desc(), col(Area.name))
        ).all()
    ]


def _agreements(db: Session, scope: _Scope) -> tuple[int, float, int]:
    """Agreements both sides confirmed: count, hours donated, pocket money (cents)."""
    kept = scope.kept
    stmt = sa_select(
        func.count(col(Agreement.id)),
        func.coalesce(func.sum(col(Agreement.hours)), 0),
        func.coalesce(func.sum(col(Agreement.amount_cents)), 0),
    ).where(
        col(Agreement.kommune_id) == scope.kommune_id,
        col(Agreement.helper_done_at).is_not(None),
        col(Agreement.seeker_done_at).is_not(None),
        *vocabulary.created_between(col(Agreement.created_at), kept.date_from, kept.date_to),
    )
    if scope.narrowed:
        stmt = stmt.join(Listing, col(Listing.id) == Agreement.listing_id).where(
            *scope.listing_conditions
        )
    done, hours, cents = db.execute(stmt).one()
    return int(done), float(hours or 0), int(cents or 0)


def _ratings(db: Session, scope: _Scope) -> tuple[int, float | None]:
    """Count and average of the ratings (admin-only ones included: this is the
    administration's view)."""
    kept = scope.kept
    stmt = sa_select(func.count(col(Rating.id)), func.avg(col(Rating.stars))).where(
        col(Rating.kommune_id) == scope.kommune_id,
        *vocabulary.created_between(col(Rating.created_at), kept.date_from, kept.date_to),
    )
    if scope.narrowed:
        stmt = (
            stmt.join(Agreement, col(Agreement.id) == Rating.agreement_id)
            .join(Listing, col(Listing.id) == Agreement.listing_id)
            .where(*scope.listing_conditions)
        )
    count, average = db.execute(stmt).one()
    return int(count or 0), (float(average) if count else None)


# --- the dashboard ---------------------------------------------------------------------------


def dashboard(
    db: Session, actor: Actor, kommune_id: int, filters: DashboardFilters, lang: str = "de"
) -> Dashboard:
    """All figures of the dashboard for the admin's Kommune (InvalidInput for a date range
    that ends before it starts)."""
    require(actor, Action.VIEW_KOMMUNE_DASHBOARD, kommune_id)
    validate_dashboard_filters(filters)
    scope = _scope(db, kommune_id, filters)
    kept = scope.kept

    def t(key: str) -> str:
        return translate(key, lang)

    pending, open_reports = _todos(db, kommune_id)
    people_by_status, people = _people_by_status(db, scope, t)
    listing_conditions = [
        *scope.listing_conditions,
        *vocabulary.created_between(col(Listing.created_at), kept.date_from, kept.date_to),
    ]
    listings_total, by_exchange, by_status = _listings_by_exchange_kind_status(
        db, scope, listing_conditions, t
    )
    by_category = _listings_by_category(db, scope, listing_conditions, t)
    by_district = _listings_by_district(db, scope, listing_conditions, t)
    done, hours, cents = _agreements(db, scope)
    rating_count, rating_average = _ratings(db, scope)
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
