"""Figures of one Kommune for its admins: the dashboard (/uebersicht) and the ratings view.

Every figure is computed by the database with grouped aggregates (COUNT / SUM / AVG with
GROUP BY), never by loading rows into Python, and every query is bound to the admin's
Kommune. Each figure carries the address of the list behind it, with the same filters,
so that the number on the dashboard and the length of the list agree.

Filters: a date range (listings, agreements and ratings created within those German
calendar days), a district (listings there; people living there) and an exchange.
The to-do figures (people waiting for approval, open reports) are for the whole Kommune.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import and_, case, literal
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Agreement,
    Area,
    Category,
    Exchange,
    ExchangeType,
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
from dasnez_core.services.admin_lists import (
    ListingFilters,
    PeopleFilters,
    area_ids_condition,
    check_range,
    created_between,
    exchange_id_of,
    listing_area_condition,
    local_day,
    parse_day,
    positive_int,
)

RATINGS_PAGE_SIZE = 50


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters, as they live in the URL of /uebersicht."""

    date_from: date | None = None
    date_to: date | None = None
    district: int | None = None
    exchange: str = ""

    def query_string(self) -> str:
        pairs = {
            "von": self.date_from.isoformat() if self.date_from else "",
            "bis": self.date_to.isoformat() if self.date_to else "",
            "ortsteil": self.district,
            "boerse": self.exchange,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})

    def listings(self, **more: Any) -> ListingFilters:
        """The listing-list filters that show the listings behind a figure."""
        base: dict[str, Any] = {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "district": self.district,
            "exchange": self.exchange,
        }
        return ListingFilters(**{**base, **more})


def parse_dashboard_filters(params: Mapping[str, str]) -> DashboardFilters:
    """Filters from URL parameters or the filter form; nonsense in one is dropped."""
    exchange = params.get("boerse", "")
    return DashboardFilters(
        date_from=parse_day(params.get("von")),
        date_to=parse_day(params.get("bis")),
        district=positive_int(params.get("ortsteil")),
        exchange=exchange if exchange in {e.value for e in ExchangeType} else "",
    )


def validate_dashboard_filters(filters: DashboardFilters) -> None:
    """InvalidInput if the date range ends before it starts."""
    check_range(filters.date_from, filters.date_to)


# --- read models -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A labelled number and the address of the list behind it ("" when there is none)."""

    key: str
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class ExchangeFigures:
    """Listings of one exchange: offers, requests, and how many of them are running."""

    exchange: str
    label: str
    offers: int
    requests: int
    running: int
    total: int
    offers_href: str
    requests_href: str
    running_href: str
    total_href: str


@dataclass(frozen=True)
class Dashboard:
    pending_approvals: int
    open_reports: int
    people_total: int
    people_href: str
    people_by_status: list[Figure]
    listings_total: int
    listings_href: str
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


def german_number(value: float, decimals: int = 1) -> str:
    """12345.5 → "12.345,5" (German separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def euros(cents: int) -> str:
    return german_number(cents / 100, 2) + " €"


def _people_href(filters: PeopleFilters) -> str:
    query = filters.query_string()
    return "/personen" + (f"?{query}" if query else "")


def _listings_href(filters: ListingFilters) -> str:
    query = filters.query_string()
    return "/eintraege" + (f"?{query}" if query else "")


# --- the dashboard ---------------------------------------------------------------------------


def _kept_filters(db: Session, kommune_id: int, filters: DashboardFilters) -> DashboardFilters:
    """Drop a district or exchange that this Kommune does not have."""
    kept = filters
    if listing_area_condition(db, kommune_id, filters.district) is None:
        kept = replace(kept, district=None)
    if filters.exchange and exchange_id_of(db, kommune_id, filters.exchange) is None:
        kept = replace(kept, exchange="")
    return kept


def _listing_filter_conditions(
    db: Session, kommune_id: int, filters: DashboardFilters
) -> list[Any]:
    """Exchange and district of a listing (for listings and what hangs on them)."""
    conditions: list[Any] = [col(Listing.kommune_id) == kommune_id]
    area = listing_area_condition(db, kommune_id, filters.district)
    if area is not None:
        conditions.append(area)
    if filters.exchange:
        conditions.append(
            col(Listing.exchange_id) == exchange_id_of(db, kommune_id, filters.exchange)
        )
    return conditions


def dashboard(
    db: Session, actor: Actor, kommune_id: int, filters: DashboardFilters, lang: str = "de"
) -> Dashboard:
    """All figures of the dashboard for the admin's Kommune (InvalidInput for a date range
    that ends before it starts)."""
    require(actor, Action.VIEW_KOMMUNE_DASHBOARD, kommune_id)
    validate_dashboard_filters(filters)
    kept = _kept_filters(db, kommune_id, filters)

    def t(key: str) -> str:
        return translate(key, lang)

    pending = int(
        db.execute(
            sa_select(func.count(col(User.id))).where(
                col(User.kommune_id) == kommune_id, col(User.status) == UserStatus.PENDING
            )
        ).scalar_one()
    )
    open_reports = int(
        db.execute(
            sa_select(func.count(col(ListingReport.id))).where(
                col(ListingReport.kommune_id) == kommune_id,
                col(ListingReport.resolved_at).is_(None),
            )
        ).scalar_one()
    )

    # People by status (of the district, if one is chosen).
    people_conditions: list[Any] = [col(User.kommune_id) == kommune_id]
    area_ids = area_ids_condition(db, kommune_id, kept.district)
    if area_ids is not None:
        people_conditions.append(col(User.area_id).in_(area_ids))
    by_user_status = dict(
        db.execute(
            sa_select(col(User.status), func.count(col(User.id)))
            .where(*people_conditions)
            .group_by(col(User.status))
        ).all()
    )
    people_filters = PeopleFilters(district=kept.district)
    people_by_status = [
        Figure(
            key=status.value,
            label=t(f"adminlist.user_status.{status.value}"),
            count=int(by_user_status.get(status.value, 0)),
            href=_people_href(replace(people_filters, status=status.value)),
        )
        for status in UserStatus
    ]

    # Listings by exchange, kind and status in one grouped query. A published listing past
    # its end date counts as expired, as in the list.
    listing_conditions = _listing_filter_conditions(db, kommune_id, kept)
    listing_conditions += created_between(col(Listing.created_at), kept.date_from, kept.date_to)
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
        .where(*listing_conditions)
        .group_by(col(Listing.exchange_id), col(Listing.kind), shown_status)
    ).all()
    exchanges = dict(
        db.execute(
            sa_select(col(Exchange.id), col(Exchange.type))
            .where(col(Exchange.kommune_id) == kommune_id)
            .order_by(col(Exchange.id))
        ).all()
    )
    deleted = ListingStatus.DELETED.value
    listings_total = sum(int(n) for _, _, status, n in grouped if status != deleted)
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
                offers_href=_listings_href(base.listings(kind=ListingKind.OFFER.value)),
                requests_href=_listings_href(base.listings(kind=ListingKind.REQUEST.value)),
                running_href=_listings_href(base.listings(status=ListingStatus.PUBLISHED.value)),
                total_href=_listings_href(base.listings()),
            )
        )
    by_status: dict[str, int] = {}
    for _, _, status, n in grouped:
        by_status[status] = by_status.get(status, 0) + int(n)
    listings_by_status = [
        Figure(
            key=status.value,
            label=t(f"adminlist.listing_status.{status.value}"),
            count=by_status.get(status.value, 0),
            href=_listings_href(kept.listings(status=status.value)),
        )
        for status in ListingStatus
        if by_status.get(status.value, 0) or status == ListingStatus.PUBLISHED
    ]

    # Counted on the listing columns alone, named afterwards: joining first would join
    # every listing row, counting first joins one row per category or district.
    not_deleted = col(Listing.status) != deleted
    per_category = (
        sa_select(col(Listing.category_id).label("category_id"), func.count().label("n"))
        .where(*listing_conditions, not_deleted)
        .group_by(col(Listing.category_id))
        .subquery()
    )
    listings_by_category = [
        Figure(
            key=str(category_id),
            label=f"{t(f'exchange.{ex_type}')} – {name}",
            count=int(n),
            href=_listings_href(kept.listings(category=category_id)),
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
    per_district = (
        sa_select(col(Listing.district_id).label("district_id"), func.count().label("n"))
        .where(*listing_conditions, not_deleted)
        .group_by(col(Listing.district_id))
        .subquery()
    )
    listings_by_district = [
        Figure(
            key=str(district_id or ""),
            label=name or t("dash.no_district"),
            count=int(n),
            # With a village chosen, its listings are all the district holds here.
            href=_listings_href(kept.listings(district=kept.district or district_id))
            if district_id
            else "",
        )
        for district_id, name, n in db.execute(
            sa_select(per_district.c.district_id, col(Area.name), per_district.c.n)
            .join(Area, col(Area.id) == per_district.c.district_id, isouter=True)
            .order_by(per_district.c.n.desc(), col(Area.name))
        ).all()
    ]

    # Agreements both sides confirmed: count, hours donated, pocket money mediated.
    agreement_conditions = [
        col(Agreement.kommune_id) == kommune_id,
        col(Agreement.helper_done_at).is_not(None),
        col(Agreement.seeker_done_at).is_not(None),
        *created_between(col(Agreement.created_at), kept.date_from, kept.date_to),
    ]
    agreement_stmt = sa_select(
        func.count(col(Agreement.id)),
        func.coalesce(func.sum(col(Agreement.hours)), 0),
        func.coalesce(func.sum(col(Agreement.amount_cents)), 0),
    ).where(*agreement_conditions)
    if kept.district is not None or kept.exchange:
        agreement_stmt = agreement_stmt.join(
            Listing, col(Listing.id) == Agreement.listing_id
        ).where(*_listing_filter_conditions(db, kommune_id, kept))
    done, hours, cents = db.execute(agreement_stmt).one()

    # Ratings (admin-only ones included: this is the administration's view).
    rating_stmt = sa_select(func.count(col(Rating.id)), func.avg(col(Rating.stars))).where(
        col(Rating.kommune_id) == kommune_id,
        *created_between(col(Rating.created_at), kept.date_from, kept.date_to),
    )
    if kept.district is not None or kept.exchange:
        rating_stmt = (
            rating_stmt.join(Agreement, col(Agreement.id) == Rating.agreement_id)
            .join(Listing, col(Listing.id) == Agreement.listing_id)
            .where(*_listing_filter_conditions(db, kommune_id, kept))
        )
    rating_count, rating_avg = db.execute(rating_stmt).one()

    return Dashboard(
        pending_approvals=pending,
        open_reports=open_reports,
        people_total=sum(f.count for f in people_by_status),
        people_href=_people_href(people_filters),
        people_by_status=people_by_status,
        listings_total=listings_total,
        listings_href=_listings_href(kept.listings()),
        listings_by_exchange=by_exchange,
        listings_by_status=listings_by_status,
        listings_by_category=listings_by_category,
        listings_by_district=listings_by_district,
        agreements_done=int(done),
        hours_donated=german_number(float(hours or 0)),
        pocket_money=euros(int(cents or 0)),
        ratings_count=int(rating_count or 0),
        ratings_average=german_number(float(rating_avg)) if rating_count else "–",
        filters=kept,
    )


# --- ratings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingRow:
    """One rating as the administration sees it; `rater`/`ratee` are "" for former members."""

    id: int
    stars: int
    stars_text: str
    comment: str
    date: str
    rater: str
    ratee: str
    admin_only: bool


@dataclass(frozen=True)
class RatingsOverview:
    distribution: list[Figure]
    total: int
    average: str
    admin_only_total: int
    rows: list[RatingRow]
    page: int
    pages: int
    only_admin: bool


def ratings_overview(
    db: Session,
    actor: Actor,
    kommune_id: int,
    *,
    page: int = 1,
    only_admin: bool = False,
    lang: str = "de",
) -> RatingsOverview:
    """Stars 1–5 with their counts, and the newest ratings (RATINGS_PAGE_SIZE a page),
    those "nur für die Verwaltung" included and marked; `only_admin` shows only those."""
    require(actor, Action.VIEW_ADMIN_RATINGS, kommune_id)
    counts: dict[int, int] = {}
    admin_only_total = 0
    for stars, admin_only, n in db.execute(
        sa_select(col(Rating.stars), col(Rating.admin_only), func.count())
        .where(col(Rating.kommune_id) == kommune_id)
        .group_by(col(Rating.stars), col(Rating.admin_only))
    ).all():
        counts[int(stars)] = counts.get(int(stars), 0) + int(n)
        if admin_only:
            admin_only_total += int(n)
    total = sum(counts.values())
    average = sum(s * n for s, n in counts.items()) / total if total else 0.0
    distribution = [
        Figure(
            key=str(stars),
            label=translate(
                "adminratings.stars_one" if stars == 1 else "adminratings.stars", lang, stars=stars
            ),
            count=counts.get(stars, 0),
            href="",
        )
        for stars in range(1, 6)
    ]
    shown_total = admin_only_total if only_admin else total
    pages = max(1, math.ceil(shown_total / RATINGS_PAGE_SIZE))
    page = min(max(page, 1), pages)
    rater = aliased(User)
    ratee = aliased(User)
    stmt = (
        sa_select(
            col(Rating.id),
            col(Rating.stars),
            col(Rating.comment),
            col(Rating.created_at),
            col(rater.display_name),
            col(ratee.display_name),
            col(Rating.admin_only),
        )
        .join(rater, col(Rating.rater_id) == rater.id, isouter=True)
        .join(ratee, col(Rating.ratee_id) == ratee.id, isouter=True)
        .where(col(Rating.kommune_id) == kommune_id)
        .order_by(col(Rating.created_at).desc(), col(Rating.id).desc())
        .limit(RATINGS_PAGE_SIZE)
        .offset((page - 1) * RATINGS_PAGE_SIZE)
    )
    if only_admin:
        stmt = stmt.where(col(Rating.admin_only).is_(True))
    rows = [
        RatingRow(
            id=rid,
            stars=int(stars),
            stars_text="★" * int(stars) + "☆" * (5 - int(stars)),
            comment=comment,
            date=local_day(created),
            rater=rater_name or "",
            ratee=ratee_name or "",
            admin_only=bool(admin_only),
        )
        for rid, stars, comment, created, rater_name, ratee_name, admin_only in db.execute(
            stmt
        ).all()
    ]
    return RatingsOverview(
        distribution=distribution,
        total=total,
        average=german_number(average) if total else "–",
        admin_only_total=admin_only_total,
        rows=rows,
        page=page,
        pages=pages,
        only_admin=only_admin,
    )


def parse_ratings_params(params: Mapping[str, str]) -> tuple[int, bool]:
    """(page, only admin-only) from the URL of /bewertungen."""
    return positive_int(params.get("seite")) or 1, params.get("nur") == "verwaltung"
