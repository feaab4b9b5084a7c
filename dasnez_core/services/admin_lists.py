"""The Kommune admin's lists of people and listings, with filters, paging and CSV export.

The filters live in the URL (German parameter names) so that a figure on the dashboard can
link to exactly the list behind it. The CSV export holds what the list shows with its
filters, every page, up to EXPORT_MAX rows, in the form German Excel opens without asking:
UTF-8 with BOM, semicolons, CRLF, dates as dd.mm.yyyy.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, and_, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Area,
    Category,
    Exchange,
    ExchangeType,
    Listing,
    ListingKind,
    ListingStatus,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.contact import LOCAL_TIME

PAGE_SIZE = 50
EXPORT_MAX = 10_000
Q_MAX = 100
PEOPLE_SORTS = ("name", "newest", "oldest")
LISTING_SORTS = ("newest", "oldest", "title")
# Statuses a person can pick in the listings filter. "expired" is not stored by every path:
# a published listing past its end date counts as expired, here and on the dashboard.
LISTING_STATUSES = tuple(s.value for s in ListingStatus)
USER_STATUSES = tuple(s.value for s in UserStatus)
# A date filter outside these years is a typo, not a wish.
YEAR_MIN, YEAR_MAX = 2000, 2100


# --- parsing URL parameters ------------------------------------------------------------------


def positive_int(raw: str | None) -> int | None:
    """An id or page number from the URL; anything else is None."""
    text = (raw or "").strip()
    if not text.isdigit() or len(text) > 9:
        return None
    value = int(text)
    return value if value > 0 else None


def parse_day(raw: str | None) -> date | None:
    """A day from a date field (yyyy-mm-dd) or as Germans write it (dd.mm.yyyy); else None."""
    text = (raw or "").strip()[:12]
    try:
        if "." in text:
            day_s, month_s, year_s = text.split(".")
            day = date(int(year_s), int(month_s), int(day_s))
        else:
            day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if YEAR_MIN <= day.year <= YEAR_MAX else None


def check_range(date_from: date | None, date_to: date | None) -> None:
    """An end before the start is refused with a message (not silently swapped)."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InvalidInput("bis", "adminlist.range_reversed")


def _start_of(day: date) -> datetime:
    """Midnight of a German calendar day, as the UTC moment the database compares with."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME).astimezone(UTC)


def created_between(column: Any, date_from: date | None, date_to: date | None) -> list[Any]:
    """Conditions that `column` (a UTC moment) lies within the German days [from, to]."""
    conditions = []
    if date_from is not None:
        conditions.append(column >= _start_of(date_from))
    if date_to is not None:
        conditions.append(column < _start_of(date_to + timedelta(days=1)))
    return conditions


def _clean_q(raw: str | None) -> str:
    return " ".join((raw or "").split())[:Q_MAX]


def local_day(moment: datetime | None) -> str:
    """A stored UTC moment as a German date (dd.mm.yyyy); "" for none."""
    return "" if moment is None else moment.astimezone(LOCAL_TIME).strftime("%d.%m.%Y")


def _query(pairs: Mapping[str, object]) -> str:
    return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# --- filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleFilters:
    """Filters of the people list, as they live in the URL of /personen."""

    q: str = ""
    status: str = ""
    district: int | None = None
    sort: str = "name"
    page: int = 1

    def query_string(self, **change: Any) -> str:
        f = replace(self, **change)
        return _query(
            {
                "q": f.q,
                "status": f.status,
                "ortsteil": f.district,
                "sortierung": "" if f.sort == "name" else f.sort,
                "seite": "" if f.page == 1 else f.page,
            }
        )


def parse_people_filters(params: Mapping[str, str]) -> PeopleFilters:
    """Filters from URL parameters; nonsense in one is dropped, the rest kept."""
    status = params.get("status", "")
    sort = params.get("sortierung", "name")
    return PeopleFilters(
        q=_clean_q(params.get("q")),
        status=status if status in USER_STATUSES else "",
        district=positive_int(params.get("ortsteil")),
        sort=sort if sort in PEOPLE_SORTS else "name",
        page=positive_int(params.get("seite")) or 1,
    )


@dataclass(frozen=True)
class ListingFilters:
    """Filters of the listings list, as they live in the URL of /eintraege."""

    q: str = ""
    status: str = ""
    district: int | None = None
    exchange: str = ""
    kind: str = ""
    category: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "newest"
    page: int = 1

    def query_string(self, **change: Any) -> str:
        f = replace(self, **change)
        return _query(
            {
                "q": f.q,
                "status": f.status,
                "ortsteil": f.district,
                "boerse": f.exchange,
                "art": f.kind,
                "kategorie": f.category,
                "von": _iso(f.date_from),
                "bis": _iso(f.date_to),
                "sortierung": "" if f.sort == "newest" else f.sort,
                "seite": "" if f.page == 1 else f.page,
            }
        )


def parse_listing_filters(params: Mapping[str, str]) -> ListingFilters:
    """Filters from URL parameters; nonsense in one is dropped, the rest kept. A reversed
    date range is kept as it is, so that the page can say what is wrong with it."""
    status = params.get("status", "")
    exchange = params.get("boerse", "")
    kind = params.get("art", "")
    sort = params.get("sortierung", "newest")
    return ListingFilters(
        q=_clean_q(params.get("q")),
        status=status if status in LISTING_STATUSES else "",
        district=positive_int(params.get("ortsteil")),
        exchange=exchange if exchange in {e.value for e in ExchangeType} else "",
        kind=kind if kind in (ListingKind.OFFER, ListingKind.REQUEST) else "",
        category=positive_int(params.get("kategorie")),
        date_from=parse_day(params.get("von")),
        date_to=parse_day(params.get("bis")),
        sort=sort if sort in LISTING_SORTS else "newest",
        page=positive_int(params.get("seite")) or 1,
    )


# --- conditions shared with the dashboard ----------------------------------------------------


def area_ids_condition(db: Session, kommune_id: int, area_id: int | None) -> Any | None:
    """People or listings in an area of this Kommune: a district with its villages, or one
    village. None if `area_id` is not an area of this Kommune (the filter is dropped)."""
    if area_id is None:
        return None
    area = db.exec(select(Area).where(Area.id == area_id, Area.kommune_id == kommune_id)).first()
    if area is None:
        return None
    if area.parent_id is None:
        return sa_select(col(Area.id)).where(
            col(Area.kommune_id) == kommune_id,
            or_(col(Area.id) == area_id, col(Area.parent_id) == area_id),
        )
    return sa_select(col(Area.id)).where(col(Area.id) == area_id)


def listing_area_condition(db: Session, kommune_id: int, area_id: int | None) -> Any | None:
    """Listings in a district (its villages included: `district_id` repeats the district) or
    in one village. None if the area is not one of this Kommune."""
    if area_id is None:
        return None
    area = db.exec(select(Area).where(Area.id == area_id, Area.kommune_id == kommune_id)).first()
    if area is None:
        return None
    if area.parent_id is None:
        return col(Listing.district_id) == area_id
    return col(Listing.area_id) == area_id


def exchange_id_of(db: Session, kommune_id: int, exchange_type: str) -> int | None:
    """The id of this Kommune's exchange of a type (None if it has none)."""
    if not exchange_type:
        return None
    return db.exec(
        select(Exchange.id).where(Exchange.kommune_id == kommune_id, Exchange.type == exchange_type)
    ).first()


def listing_status_condition(status: str) -> ColumnElement[bool]:
    """The status as an admin reads it: published means still running, a published listing
    past its end date counts as expired."""
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
    if status == ListingStatus.PUBLISHED and expires_at <= now:
        return ListingStatus.EXPIRED.value
    return status


# --- people ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    """A person as the admin list shows them (the email is the admin's to see)."""

    user_id: int
    display_name: str
    email: str
    status: str
    status_label: str
    area: str
    registered_on: str
    approved_on: str


@dataclass(frozen=True)
class PeoplePage:
    rows: list[PersonRow]
    total: int
    page: int
    pages: int
    filters: PeopleFilters


def _people_select(
    db: Session, kommune_id: int, filters: PeopleFilters
) -> tuple[Select[Any], PeopleFilters]:
    district = aliased(Area)
    columns: list[Any] = [
        col(User.id),
        col(User.display_name),
        col(User.email),
        col(User.status),
        col(Area.name),
        col(district.name),
        col(User.created_at),
        col(User.approved_at),
    ]
    stmt = (
        sa_select(*columns)
        .join(Area, col(Area.id) == User.area_id, isouter=True)
        .join(district, col(Area.parent_id) == district.id, isouter=True)
        .where(col(User.kommune_id) == kommune_id)
    )
    kept = filters
    if filters.status:
        stmt = stmt.where(col(User.status) == filters.status)
    area_ids = area_ids_condition(db, kommune_id, filters.district)
    if area_ids is None:
        kept = replace(kept, district=None)
    else:
        stmt = stmt.where(col(User.area_id).in_(area_ids))
    if filters.q:
        stmt = stmt.where(
            or_(
                col(User.display_name).icontains(filters.q, autoescape=True),
                col(User.email).icontains(filters.q, autoescape=True),
            )
        )
    order = {
        "name": (func.lower(col(User.display_name)), col(User.id)),
        "newest": (col(User.created_at).desc(), col(User.id).desc()),
        "oldest": (col(User.created_at).asc(), col(User.id).asc()),
    }[filters.sort]
    return stmt.order_by(*order), kept


def _person(row: Any, lang: str) -> PersonRow:
    uid, name, email, status, area, district, created, approved = row
    return PersonRow(
        user_id=uid,
        display_name=name,
        email=email,
        status=status,
        status_label=translate(f"adminlist.user_status.{status}", lang),
        area=_area_label(area, district),
        registered_on=local_day(created),
        approved_on=local_day(approved),
    )


def _area_label(area: str | None, district: str | None) -> str:
    if not area:
        return ""
    return f"{district} › {area}" if district else area


def list_people(
    db: Session, actor: Actor, kommune_id: int, filters: PeopleFilters, lang: str = "de"
) -> PeoplePage:
    """One page (PAGE_SIZE rows) of the Kommune's people matching `filters`."""
    require(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    stmt, kept = _people_select(db, kommune_id, filters)
    total = int(
        db.execute(sa_select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    rows = db.execute(stmt.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    return PeoplePage(
        rows=[_person(r, lang) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(kept, page=page),
    )


# --- listings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListingRow:
    """A listing as the admin list shows it."""

    id: int
    title: str
    exchange: str
    kind: str
    category: str
    status: str
    status_label: str
    area: str
    author: str
    created_on: str
    expires_on: str


@dataclass(frozen=True)
class ListingsPage:
    rows: list[ListingRow]
    total: int
    page: int
    pages: int
    filters: ListingFilters


def _listing_conditions(
    db: Session, kommune_id: int, filters: ListingFilters
) -> tuple[list[Any], ListingFilters]:
    check_range(filters.date_from, filters.date_to)
    conditions: list[Any] = [col(Listing.kommune_id) == kommune_id]
    kept = filters
    if filters.status:
        conditions.append(listing_status_condition(filters.status))
    else:
        # Deleted by their authors: shown only when asked for.
        conditions.append(col(Listing.status) != ListingStatus.DELETED)
    area = listing_area_condition(db, kommune_id, filters.district)
    if area is None:
        kept = replace(kept, district=None)
    else:
        conditions.append(area)
    if filters.exchange:
        exchange_id = exchange_id_of(db, kommune_id, filters.exchange)
        conditions.append(col(Listing.exchange_id) == (exchange_id or -1))
    if filters.kind:
        conditions.append(col(Listing.kind) == filters.kind)
    if filters.category is not None:
        known = db.exec(
            select(Category.id).where(
                Category.id == filters.category, Category.kommune_id == kommune_id
            )
        ).first()
        if known is None:
            kept = replace(kept, category=None)
        else:
            conditions.append(col(Listing.category_id) == filters.category)
    if filters.q:
        conditions.append(col(Listing.title).icontains(filters.q, autoescape=True))
    conditions += created_between(col(Listing.created_at), filters.date_from, filters.date_to)
    return conditions, kept


def _listing_select(conditions: Sequence[Any], sort: str) -> Select[Any]:
    district = aliased(Area)
    order = {
        "newest": (col(Listing.created_at).desc(), col(Listing.id).desc()),
        "oldest": (col(Listing.created_at).asc(), col(Listing.id).asc()),
        "title": (func.lower(col(Listing.title)), col(Listing.id)),
    }[sort]
    columns: list[Any] = [
        col(Listing.id),
        col(Listing.title),
        col(Exchange.type),
        col(Listing.kind),
        col(Category.name),
        col(Listing.status),
        col(Listing.expires_at),
        col(Area.name),
        col(district.name),
        col(User.display_name),
        col(Listing.created_at),
    ]
    return (
        sa_select(*columns)
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .join(User, col(User.id) == Listing.author_id)
        .join(Area, col(Area.id) == Listing.area_id, isouter=True)
        .join(district, col(Listing.district_id) == district.id, isouter=True)
        .where(*conditions)
        .order_by(*order)
    )


def _listing(row: Any, lang: str, now: datetime) -> ListingRow:
    lid, title, ex_type, kind, category, status, expires, area, district, author, created = row
    shown = effective_status(status, expires, now)
    return ListingRow(
        id=lid,
        title=title,
        exchange=translate(f"exchange.{ex_type}", lang),
        kind=translate(f"kind.{kind}", lang),
        category=category,
        status=shown,
        status_label=translate(f"adminlist.listing_status.{shown}", lang),
        area=_area_label(area, district if district != area else None),
        author=author,
        created_on=local_day(created),
        expires_on=local_day(expires),
    )


def list_listings(
    db: Session, actor: Actor, kommune_id: int, filters: ListingFilters, lang: str = "de"
) -> ListingsPage:
    """One page (PAGE_SIZE rows) of the Kommune's listings matching `filters`."""
    require(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    conditions, kept = _listing_conditions(db, kommune_id, filters)
    total = int(db.execute(sa_select(func.count(col(Listing.id))).where(*conditions)).scalar_one())
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    now = utcnow()
    rows = db.execute(
        _listing_select(conditions, filters.sort).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return ListingsPage(
        rows=[_listing(r, lang, now) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(kept, page=page),
    )


# --- CSV export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvExport:
    """A finished export: the file's bytes, its name, and how many rows it holds."""

    data: bytes
    filename: str
    rows: int
    truncated: bool


# A cell starting with one of these would run as a formula in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """CSV as German Excel opens it: UTF-8 with BOM, `;`, quotes where needed, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _export_name(kind: str) -> str:
    return f"{kind}-{datetime.now(LOCAL_TIME).strftime('%Y-%m-%d')}.csv"


def export_people(
    db: Session, actor: Actor, kommune_id: int, filters: PeopleFilters, lang: str = "de"
) -> CsvExport:
    """Every person the list shows with these filters (all pages, at most EXPORT_MAX).

    Audited: the file holds email addresses."""
    require(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    stmt, kept = _people_select(db, kommune_id, filters)
    rows = [_person(r, lang) for r in db.execute(stmt.limit(EXPORT_MAX + 1)).all()]
    truncated = len(rows) > EXPORT_MAX
    rows = rows[:EXPORT_MAX]
    header = [
        translate(f"adminlist.csv.{c}", lang)
        for c in ("name", "email", "status", "area", "registered", "approved")
    ]
    data = to_csv(
        header,
        [
            (p.display_name, p.email, p.status_label, p.area, p.registered_on, p.approved_on)
            for p in rows
        ],
    )
    audit.record(
        db,
        actor,
        action="export_people",
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=f"{len(rows)} rows; {replace(kept, page=1).query_string()}"[:1000],
    )
    db.flush()
    return CsvExport(data, _export_name("personen"), len(rows), truncated)


def export_listings(
    db: Session, actor: Actor, kommune_id: int, filters: ListingFilters, lang: str = "de"
) -> CsvExport:
    """Every listing the list shows with these filters (all pages, at most EXPORT_MAX)."""
    require(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    conditions, kept = _listing_conditions(db, kommune_id, filters)
    now = utcnow()
    rows = [
        _listing(r, lang, now)
        for r in db.execute(_listing_select(conditions, filters.sort).limit(EXPORT_MAX + 1)).all()
    ]
    truncated = len(rows) > EXPORT_MAX
    rows = rows[:EXPORT_MAX]
    header = [
        translate(f"adminlist.csv.{c}", lang)
        for c in (
            "number",
            "title",
            "exchange",
            "kind",
            "category",
            "status",
            "area",
            "author",
            "created",
            "expires",
        )
    ]
    data = to_csv(
        header,
        [
            (
                r.id,
                r.title,
                r.exchange,
                r.kind,
                r.category,
                r.status_label,
                r.area,
                r.author,
                r.created_on,
                r.expires_on,
            )
            for r in rows
        ],
    )
    audit.record(
        db,
        actor,
        action="export_listings",
        target_type="kommune",
        target_id=kommune_id,
        kommune_id=kommune_id,
        reason=f"{len(rows)} rows; {replace(kept, page=1).query_string()}"[:1000],
    )
    db.flush()
    return CsvExport(data, _export_name("eintraege"), len(rows), truncated)
