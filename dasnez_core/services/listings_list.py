"""The Kommune admin's list of listings: title search, filters (status, district, exchange,
kind, category, period), order and paging.

A published listing past its end date counts as expired, here and on the dashboard.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func

from dasnez_core.actor import Actor
from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.models import Area, Category, Exchange, Listing, ListingStatus, User, utcnow
from dasnez_core.permissions import Action, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services import filters as vocabulary

PAGE_SIZE = 50
LISTING_SORTS = ("newest", "oldest", "title")
# Statuses a person can pick in the listings filter ("expired" includes published listings
# past their end date).
LISTING_STATUSES = vocabulary.LISTING_STATUSES


@dataclass(frozen=True)
class ListingFilters:
    """Filters of the listings list."""

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


def listing_conditions(
    db: Session, scope: Scope, filters: ListingFilters
) -> tuple[list[Any], ListingFilters]:
    """The conditions of `filters` in this scope of a Kommune, and the filters they applied
    (ids of another Kommune dropped). InvalidInput for a date range that ends before it
    starts."""
    vocabulary.check_range(filters.date_from, filters.date_to)
    kommune_id = scope.kommune_id
    conditions: list[Any] = [scope.listings()]
    kept = filters
    if filters.status:
        conditions.append(vocabulary.listing_status_condition(filters.status))
    else:
        # Deleted by their authors: shown only when asked for.
        conditions.append(col(Listing.status) != ListingStatus.DELETED)
    area = vocabulary.resolve_area(db, kommune_id, filters.district)
    if area is None:
        kept = replace(kept, district=None)
    else:
        conditions.append(vocabulary.listing_area_condition(area))
    if filters.exchange:
        exchange_id = vocabulary.exchange_id_of(db, kommune_id, filters.exchange)
        conditions.append(vocabulary.listing_exchange_condition(exchange_id))
    if filters.kind:
        conditions.append(vocabulary.kind_condition(filters.kind))
    category_id = vocabulary.resolve_category(db, kommune_id, filters.category)
    if category_id is None:
        kept = replace(kept, category=None)
    else:
        conditions.append(vocabulary.category_condition(category_id))
    if filters.q:
        conditions.append(vocabulary.contains_text(filters.q, col(Listing.title)))
    conditions += vocabulary.created_between(
        col(Listing.created_at), filters.date_from, filters.date_to
    )
    return conditions, kept


def listing_select(conditions: Sequence[Any], sort: str) -> Select[Any]:
    """The rows of the list for `conditions`, in the order `sort`."""
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


def listing_row(row: Any, lang: str, now: datetime, date_lang: str | None = None) -> ListingRow:
    """A result row as shown; `date_lang` formats the days (the CSV keeps German ones)."""
    lid, title, ex_type, kind, category, status, expires, area, district, author, created = row
    shown = vocabulary.effective_status(status, expires, now)
    days = date_lang or lang
    return ListingRow(
        id=lid,
        title=title,
        exchange=translate(f"exchange.{ex_type}", lang),
        kind=translate(f"kind.{kind}", lang),
        category=category,
        status=shown,
        status_label=translate(f"adminlist.listing_status.{shown}", lang),
        area=vocabulary.area_label(area, district),
        author=author,
        created_on=format_date(created, days),
        expires_on=format_date(expires, days),
    )


def list_listings(
    db: Session, actor: Actor, kommune_id: int, filters: ListingFilters, lang: str = "de"
) -> ListingsPage:
    """One page (PAGE_SIZE rows) of the Kommune's listings matching `filters`; a page past
    the end shows the last one."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    conditions, kept = listing_conditions(db, scope, filters)
    total = int(db.execute(sa_select(func.count(col(Listing.id))).where(*conditions)).scalar_one())
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    now = utcnow()
    rows = db.execute(
        listing_select(conditions, filters.sort).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return ListingsPage(
        rows=[listing_row(r, lang, now) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(kept, page=page),
    )
