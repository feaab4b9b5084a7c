"""One filter vocabulary for the public search, the admin lists, the dashboard and the audit log.

Each filter is a typed value checked against the Kommune it is used in, and one SQL condition.
An id of another Kommune (or one that does not exist) resolves to None: the caller drops that
filter and keeps the rest, so an old bookmark or a link from a school's website keeps working.
Nothing here knows a URL; the apps parse and build their query strings in their `routes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, or_, text
from sqlalchemy import select as sa_select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.formatting import LOCAL_TIME
from dasnez_core.models import (
    Area,
    ExchangeType,
    Listing,
    ListingKind,
    ListingSocialSpace,
    ListingStatus,
    User,
    utcnow,
)
from dasnez_core.services.masterdata_cache import MasterData, master

# Free text longer than this is cut: nobody searches with a paragraph.
Q_MAX = 100
EXCHANGE_TYPES = tuple(e.value for e in ExchangeType)
KINDS = (ListingKind.OFFER.value, ListingKind.REQUEST.value)
LISTING_STATUSES = tuple(s.value for s in ListingStatus)

# Written as a literal so that SQLite can use the partial indexes (WHERE status = 'published'):
# with a bound parameter its planner cannot prove the index applies.
PUBLISHED = text(f"listing.status = '{ListingStatus.PUBLISHED.value}'")


def positive_int(raw: str | None) -> int | None:
    """An id or page number as a browser sends it (at most nine digits); anything else None."""
    digits = (raw or "").strip()
    if not digits.isdigit() or len(digits) > 9:
        return None
    value = int(digits)
    return value if value > 0 else None


def clean_query(raw: str | None, limit: int = Q_MAX) -> str:
    """Free text as searched: runs of white space made one blank, cut at `limit`."""
    return " ".join((raw or "").split())[:limit]


def contains_text(q: str, *columns: Any) -> ColumnElement[bool]:
    """Any of `columns` contains `q`, case-insensitive; % and _ are searched as characters."""
    return or_(*(column.icontains(q, autoescape=True) for column in columns))


def _master(db: Session, kommune_id: int) -> MasterData | None:
    """The Kommune's cached master data; None for an unknown Kommune (it has nothing)."""
    try:
        return master(db, kommune_id)
    except NotFound:
        return None


# --- area: a district with its villages, or one village ---------------------------------------


@dataclass(frozen=True)
class AreaScope:
    """An area of one Kommune as a filter: a district (its villages included) or a village."""

    kommune_id: int
    area_id: int
    is_district: bool


def resolve_area(db: Session, kommune_id: int, area_id: int | None) -> AreaScope | None:
    """The area as a filter, or None if it is not an area of this Kommune (filter dropped).
    Read from the Kommune's cached master data: no statement while the copy is fresh."""
    if area_id is None:
        return None
    md = _master(db, kommune_id)
    area = md.area_by_id.get(area_id) if md is not None else None
    if area is None:
        return None
    # The same rule that fills Listing.district_id (kommunen.district_of).
    return AreaScope(kommune_id, area_id, area.is_district)


def listing_area_condition(scope: AreaScope) -> ColumnElement[bool]:
    """Listings in the area. A district uses the denormalised `district_id`, which repeats
    the district on its villages' listings and has its own index (PERF-NOTES)."""
    return listing_in_area(scope.is_district, scope.area_id)


def listing_in_area(is_district: bool, area_id: Any) -> ColumnElement[bool]:
    """listing_area_condition for an area id that may be a bound parameter."""
    column = col(Listing.district_id) if is_district else col(Listing.area_id)
    condition: ColumnElement[bool] = column == area_id
    return condition


def area_subtree(scope: AreaScope) -> Select[Any]:
    """The ids of the area and, for a district, of its villages."""
    return area_subtree_of(scope.is_district, scope.kommune_id, scope.area_id)


def area_subtree_of(is_district: bool, kommune_id: Any, area_id: Any) -> Select[Any]:
    """area_subtree for ids that may be bound parameters."""
    if is_district:
        return sa_select(col(Area.id)).where(
            col(Area.kommune_id) == kommune_id,
            or_(col(Area.id) == area_id, col(Area.parent_id) == area_id),
        )
    return sa_select(col(Area.id)).where(col(Area.id) == area_id)


def user_area_condition(scope: AreaScope) -> ColumnElement[bool]:
    """People living in the area (a district includes its villages)."""
    return col(User.area_id).in_(area_subtree(scope))


# --- exchange, kind, category, social space ---------------------------------------------------


def exchange_id_of(db: Session, kommune_id: int, exchange_type: str) -> int | None:
    """The id of this Kommune's exchange of a type (None if it has none)."""
    if not exchange_type:
        return None
    md = _master(db, kommune_id)
    return md.exchange_id_by_type.get(exchange_type) if md is not None else None


def listing_exchange_condition(exchange_id: int | None) -> ColumnElement[bool]:
    """Listings of that exchange; an exchange the Kommune does not have (None) matches none."""
    return col(Listing.exchange_id) == (exchange_id if exchange_id is not None else -1)


def kind_condition(kind: str) -> ColumnElement[bool]:
    """Offers or requests."""
    return col(Listing.kind) == kind


def resolve_category(db: Session, kommune_id: int, category_id: int | None) -> int | None:
    """The category id if it is one of this Kommune's, else None (filter dropped)."""
    if category_id is None:
        return None
    md = _master(db, kommune_id)
    return category_id if md is not None and category_id in md.category_by_id else None


def category_condition(category_id: int) -> ColumnElement[bool]:
    return col(Listing.category_id) == category_id


def resolve_space(db: Session, kommune_id: int, space_id: int | None) -> int | None:
    """The social space id if it is one of this Kommune's, else None (filter dropped)."""
    if space_id is None:
        return None
    md = _master(db, kommune_id)
    return space_id if md is not None and space_id in md.space_by_id else None


def listing_space_condition(space_id: int) -> ColumnElement[bool]:
    """Listings linked to the social space, through the link table whose primary key leads
    with the space id (the slowest filter shape, PERF-NOTES)."""
    return col(Listing.id).in_(
        sa_select(col(ListingSocialSpace.listing_id)).where(
            col(ListingSocialSpace.social_space_id) == space_id
        )
    )


# --- status as an admin reads it --------------------------------------------------------------


def listing_status_condition(status: str) -> ColumnElement[bool]:
    """Published means still running; a published listing past its end date counts as
    expired (in the list and on the dashboard alike)."""
    now = utcnow()
    if status == ListingStatus.PUBLISHED:
        return and_(col(Listing.status) == status, col(Listing.expires_at) > now)
    if status == ListingStatus.EXPIRED:
        return or_(
            col(Listing.status) == status,
            and_(col(Listing.status) == ListingStatus.PUBLISHED, col(Listing.expires_at) <= now),
        )
    return col(Listing.status) == status


def effective_status(status: str, expires_at: datetime, now: datetime) -> str:
    """The status shown for a listing: published past its end date reads as expired."""
    if status == ListingStatus.PUBLISHED and expires_at <= now:
        return ListingStatus.EXPIRED.value
    return status


# --- date range: German calendar days ---------------------------------------------------------


def check_range(
    date_from: date | None,
    date_to: date | None,
    *,
    field: str = "bis",
    key: str = "adminlist.range_reversed",
) -> None:
    """An end before the start is refused with a message (not silently swapped)."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InvalidInput(field, key)


def day_start(day: date) -> datetime:
    """Midnight of a German calendar day, as the UTC moment the database compares with."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME).astimezone(UTC)


def created_between(column: Any, date_from: date | None, date_to: date | None) -> list[Any]:
    """Conditions that `column` (a UTC moment) lies within the German days [from, to]."""
    start, end = day_bounds(date_from, date_to)
    conditions: list[Any] = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions


def day_bounds(
    date_from: date | None, date_to: date | None
) -> tuple[datetime | None, datetime | None]:
    """The UTC moments the German days [from, to] start and end at (None: open)."""
    start = day_start(date_from) if date_from is not None else None
    end = day_start(date_to + timedelta(days=1)) if date_to is not None else None
    return start, end


def area_label(area: str | None, district: str | None) -> str:
    """ "Boke › Boker Heide" for a village, "Boke" for a district, "" for none."""
    if not area:
        return ""
    return f"{district} › {area}" if district and district != area else area
