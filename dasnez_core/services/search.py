"""Reading the public marketplace: filtered search, the newest listings, one listing.

Public means: published, not expired, by an approved author, in the Kommune being viewed.
Every page of results is one query for the rows (plus one for the count), on the partial
indexes of migration 0001 and the full-text index of 0002.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, func, literal_column, text
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import NotFound
from dasnez_core.models import (
    Area,
    AreaKind,
    Category,
    Exchange,
    ExchangeType,
    Listing,
    ListingKind,
    ListingSocialSpace,
    ListingStatus,
    SocialSpace,
    User,
    UserStatus,
    utcnow,
)

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = COUNT_CAP // PAGE_SIZE
SORTS = ("newest", "expiry")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchFilters:
    """The filters of a search, as they live in the URL. Unknown values are dropped."""

    exchange: str = ""
    kind: str = ""
    category: int | None = None
    area: int | None = None
    space: int | None = None
    q: str = ""
    sort: str = "newest"
    page: int = 1

    def query_string(self, **change: Any) -> str:
        """The URL query of these filters (with `change` applied), defaults left out."""
        f = replace(self, **change)
        pairs = {
            "boerse": f.exchange,
            "art": f.kind,
            "kategorie": f.category,
            "ort": f.area,
            "sozialraum": f.space,
            "q": f.q,
            "sortierung": "" if f.sort == "newest" else f.sort,
            "seite": "" if f.page == 1 else f.page,
        }
        return urlencode({k: v for k, v in pairs.items() if v not in ("", None)})


def _positive_int(raw: str | None) -> int | None:
    if raw is None or not raw.strip().isdigit() or len(raw.strip()) > 9:
        return None
    value = int(raw)
    return value if value > 0 else None


def parse_filters(params: Mapping[str, str]) -> SearchFilters:
    """Filters from URL parameters; nonsense in one is ignored, the rest is kept."""
    exchange = params.get("boerse", "")
    kind = params.get("art", "")
    sort = params.get("sortierung", "newest")
    return SearchFilters(
        exchange=exchange if exchange in {e.value for e in ExchangeType} else "",
        kind=kind if kind in (ListingKind.OFFER, ListingKind.REQUEST) else "",
        category=_positive_int(params.get("kategorie")),
        area=_positive_int(params.get("ort")),
        space=_positive_int(params.get("sozialraum")),
        q=" ".join(params.get("q", "").split())[:100],
        sort=sort if sort in SORTS else "newest",
        page=min(_positive_int(params.get("seite")) or 1, MAX_PAGE),
    )


@dataclass(frozen=True)
class ListingCard:
    """A listing as the public sees it: no email, no address, no phone."""

    id: int
    kind: str
    exchange_type: str
    category: str
    title: str
    body: str
    area: str
    author: str
    created_at: str
    expires_on: str


@dataclass(frozen=True)
class SearchPage:
    cards: list[ListingCard]
    total: int
    page: int
    pages: int
    filters: SearchFilters
    page_was_clamped: bool
    total_capped: bool = False


# Written as a literal so that SQLite can use the partial indexes (WHERE status = 'published'):
# with a bound parameter its planner cannot prove the index applies.
_PUBLISHED = text(f"listing.status = '{ListingStatus.PUBLISHED.value}'")


_AUTHOR_APPROVED = col(User.status) == UserStatus.APPROVED


def _public(kommune_id: int) -> list[Any]:
    return [
        col(Listing.kommune_id) == kommune_id,
        _PUBLISHED,
        col(Listing.expires_at) > utcnow(),
        _AUTHOR_APPROVED,
    ]


def _card_select() -> Select[Any]:
    district = aliased(Area)
    columns: list[Any] = [
        col(Listing.id),
        col(Listing.kind),
        col(Exchange.type),
        col(Category.name),
        col(Listing.title),
        col(Listing.body),
        col(Area.name),
        district.name,
        col(User.display_name),
        col(Listing.created_at),
        col(Listing.expires_at),
    ]
    return (
        sa_select(*columns)
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .join(User, col(User.id) == Listing.author_id)
        .join(Area, col(Area.id) == Listing.area_id, isouter=True)
        .join(district, col(Listing.district_id) == district.id, isouter=True)
    )


def _card(row: Any) -> ListingCard:
    (lid, kind, ex_type, cat, title, body, area, dist, author, created, expires) = row
    area_label = area if not dist or dist == area else f"{dist} › {area}"
    return ListingCard(
        id=lid,
        kind=kind,
        exchange_type=ex_type,
        category=cat,
        title=title,
        body=body if len(body) <= 280 else body[:277] + "…",
        area=area_label or "",
        author=author,
        created_at=created.strftime("%d.%m.%Y"),
        expires_on=expires.strftime("%d.%m.%Y"),
    )


def newest_public(db: Session, kommune_id: int, limit: int = PAGE_SIZE) -> list[ListingCard]:
    """The newest public listings of a Kommune (start page)."""
    stmt = (
        _card_select()
        .where(*_public(kommune_id))
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(min(max(limit, 1), 50))
    )
    return [_card(row) for row in db.execute(stmt).all()]


def _text_condition(db: Session, kommune_id: int, q: str) -> Any | None:
    words = [w for w in _WORD.findall(q.lower()) if len(w) >= 2][:8]
    if not words:
        return None
    if db.get_bind().dialect.name == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        return text("listing.tsv @@ to_tsquery('german', :tsq)").bindparams(tsq=tsquery)
    # FTS5: kommune_id is a column of the FTS table, so the match itself is per Kommune.
    terms = " ".join(f'"{w}"*' for w in words)
    match = f'kommune_id : "{int(kommune_id)}" AND {{title body}} : ({terms})'
    return col(Listing.id).in_(
        sa_select(literal_column("rowid"))
        .select_from(text("listing_fts"))
        .where(text("listing_fts MATCH :fts").bindparams(fts=match))
    )


def search_public(db: Session, kommune_id: int, filters: SearchFilters) -> SearchPage:
    """One page of a Kommune's public listings matching `filters`.

    Filter ids of another Kommune (or unknown ones) are ignored, not errors: a link that
    a school put on its website keeps working for the filters that still exist.
    """
    conditions = _public(kommune_id)
    kept = filters
    if filters.exchange:
        conditions.append(col(Exchange.type) == filters.exchange)
    if filters.kind:
        conditions.append(col(Listing.kind) == filters.kind)
    if filters.category is not None:
        if db.exec(
            select(Category.id).where(
                Category.id == filters.category, Category.kommune_id == kommune_id
            )
        ).first():
            conditions.append(col(Listing.category_id) == filters.category)
        else:
            kept = replace(kept, category=None)
    if filters.area is not None:
        area = db.exec(
            select(Area).where(Area.id == filters.area, Area.kommune_id == kommune_id)
        ).first()
        if area is None:
            kept = replace(kept, area=None)
        elif area.kind == AreaKind.DISTRICT or area.parent_id is None:
            conditions.append(col(Listing.district_id) == area.id)  # district and its villages
        else:
            conditions.append(col(Listing.area_id) == area.id)
    if filters.space is not None:
        if db.exec(
            select(SocialSpace.id).where(
                SocialSpace.id == filters.space, SocialSpace.kommune_id == kommune_id
            )
        ).first():
            conditions.append(
                col(Listing.id).in_(
                    sa_select(col(ListingSocialSpace.listing_id)).where(
                        col(ListingSocialSpace.social_space_id) == filters.space
                    )
                )
            )
        else:
            kept = replace(kept, space=None)
    text_condition = _text_condition(db, kommune_id, filters.q)
    if text_condition is not None:
        conditions.append(text_condition)

    # Counting is capped: beyond COUNT_CAP hits a person refines the filters anyway, and
    # the cap keeps the count cheap in a large Kommune. Blocked authors' listings are
    # suspended when they are blocked, so the count needs no join to the authors.
    counted = (
        sa_select(col(Listing.id))
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .where(*[c for c in conditions if c is not _AUTHOR_APPROVED])
        .limit(COUNT_CAP + 1)
        .subquery()
    )
    total = int(db.execute(sa_select(func.count()).select_from(counted)).scalar_one())
    total_capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    order = (
        (col(Listing.expires_at).asc(), col(Listing.id).asc())
        if filters.sort == "expiry"
        else (col(Listing.created_at).desc(), col(Listing.id).desc())
    )
    rows = db.execute(
        _card_select()
        .where(*conditions)
        .order_by(*order)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return SearchPage(
        cards=[_card(r) for r in rows],
        total=total,
        page=page,
        pages=pages,
        filters=replace(kept, page=page),
        page_was_clamped=page != filters.page,
        total_capped=total_capped,
    )


@dataclass(frozen=True)
class ListingDetail:
    """Everything the public may see of one listing (never the author's email or phone)."""

    id: int
    kind: str
    exchange_type: str
    category: str
    title: str
    body: str
    area: str
    social_spaces: list[str]
    author_id: int
    author: str
    created_at: str
    updated_at: str
    expires_on: str
    pocket_money: str
    estimated_hours: int
    swap_for: str
    status: str
    is_public: bool
    is_own: bool


def _euros(cents: int | None) -> str:
    if cents is None:
        return ""
    return f"{cents // 100},{cents % 100:02d} €"


def get_listing_detail(
    db: Session, viewer: Actor, kommune_id: int, listing_id: int
) -> ListingDetail:
    """A public listing of this Kommune; its author also sees it while it is a draft,
    closed or expired. Anything else (another Kommune's, removed, deleted) is not found."""
    row = db.execute(
        _card_select()
        .add_columns(
            col(Listing.author_id),
            col(Listing.status),
            col(Listing.updated_at),
            col(Listing.pocket_money_cents),
            col(Listing.estimated_hours),
            col(Listing.swap_for),
            col(User.status),
            col(Listing.body),
        )
        .where(col(Listing.id) == listing_id, col(Listing.kommune_id) == kommune_id)
    ).first()
    if row is None:
        raise NotFound("listing.not_found")
    card = _card(row[:11])
    author_id, status, updated, cents, hours, swap_for, author_status, body = row[11:]
    is_public = (
        status == ListingStatus.PUBLISHED
        and row[10] > utcnow()
        and author_status == UserStatus.APPROVED
    )
    is_own = viewer.user_id is not None and viewer.user_id == author_id
    if status in (ListingStatus.REMOVED, ListingStatus.DELETED) or not (is_public or is_own):
        raise NotFound("listing.not_found")
    spaces = db.exec(
        select(SocialSpace.name)
        .join(ListingSocialSpace, col(ListingSocialSpace.social_space_id) == SocialSpace.id)
        .where(ListingSocialSpace.listing_id == listing_id)
        .order_by(SocialSpace.name)
    ).all()
    return ListingDetail(
        id=card.id,
        kind=card.kind,
        exchange_type=card.exchange_type,
        category=card.category,
        title=card.title,
        body=body,
        area=card.area,
        social_spaces=list(spaces),
        author_id=author_id,
        author=card.author,
        created_at=card.created_at,
        updated_at=updated.strftime("%d.%m.%Y"),
        expires_on=card.expires_on,
        pocket_money=_euros(cents),
        estimated_hours=hours or 0,
        swap_for=swap_for,
        status=status,
        is_public=is_public,
        is_own=is_own,
    )
