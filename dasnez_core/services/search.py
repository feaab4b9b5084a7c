"""Reading the public marketplace: filtered search, the newest listings, one listing.

Public means: published, not expired, by an approved author, in the Kommune being viewed.
Every page of results is one query for the rows (plus one for the count), on the partial
indexes of migration 0001 and the full-text index of 0006.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, literal_column, text
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import NotFound
from dasnez_core.folding import query_words
from dasnez_core.formatting import format_date, format_euros
from dasnez_core.models import (
    Area,
    Category,
    Exchange,
    Listing,
    ListingSocialSpace,
    ListingStatus,
    ProfileVisibility,
    SocialSpace,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.services import filters as vocabulary

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = COUNT_CAP // PAGE_SIZE
SORTS = ("newest", "expiry")


@dataclass(frozen=True)
class SearchFilters:
    """The filters of a public search (the public app reads them from its URL)."""

    exchange: str = ""
    kind: str = ""
    category: int | None = None
    area: int | None = None
    space: int | None = None
    q: str = ""
    sort: str = "newest"
    page: int = 1


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


_AUTHOR_APPROVED = col(User.status) == UserStatus.APPROVED


def _public(kommune_id: int) -> list[Any]:
    return [
        col(Listing.kommune_id) == kommune_id,
        vocabulary.PUBLISHED,
        col(Listing.expires_at) > utcnow(),
        _AUTHOR_APPROVED,
    ]


def public_conditions(kommune_id: int) -> list[Any]:
    """The conditions of a public listing of a Kommune (the query joins the author)."""
    return _public(kommune_id)


def _card_select(lang: str) -> Select[Any]:
    district = aliased(Area)
    columns: list[Any] = [
        col(Listing.id),
        col(Listing.kind),
        col(Exchange.type),
        vocabulary.category_name(lang),
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


def _card(row: Any, lang: str) -> ListingCard:
    (lid, kind, ex_type, cat, title, body, area, dist, author, created, expires) = row
    return ListingCard(
        id=lid,
        kind=kind,
        exchange_type=ex_type,
        category=cat,
        title=title,
        body=body if len(body) <= 280 else body[:277] + "…",
        area=vocabulary.area_label(area, dist),
        author=author,
        # Days in German time: a listing posted at 00:30 shows that day, not the UTC one.
        created_at=format_date(created, lang),
        expires_on=format_date(expires, lang),
    )


def newest_public(
    db: Session, kommune_id: int, limit: int = PAGE_SIZE, lang: str = "de"
) -> list[ListingCard]:
    """The newest public listings of a Kommune (start page)."""
    stmt = (
        _card_select(lang)
        .where(*_public(kommune_id))
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(min(max(limit, 1), 50))
    )
    return [_card(row, lang) for row in db.execute(stmt).all()]


def _text_condition(db: Session, kommune_id: int, q: str) -> Any | None:
    """Listings whose words (dasnez_core.folding) hold every stem of `q`.

    Exact stems are cheap on both indexes; only the last word, the one being typed, is a
    prefix (PERF-NOTES: a prefix over GIN costs about eight times an exact stem).
    """
    words = query_words(q)
    if not words:
        return None
    if db.get_bind().dialect.name == "postgresql":
        tsquery = " & ".join([*words[:-1], f"{words[-1]}:*"])
        return text("listing.tsv @@ to_tsquery('simple', :tsq)").bindparams(tsq=tsquery)
    # FTS5: kommune_id is a column of the FTS table, so the match itself is per Kommune.
    terms = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
    match = f'kommune_id : "{int(kommune_id)}" AND search_text : ({terms})'
    return col(Listing.id).in_(
        sa_select(literal_column("rowid"))
        .select_from(text("listing_fts"))
        .where(text("listing_fts MATCH :fts").bindparams(fts=match))
    )


def search_public(
    db: Session, kommune_id: int, filters: SearchFilters, lang: str = "de"
) -> SearchPage:
    """One page of a Kommune's public listings matching `filters`.

    Filter ids of another Kommune (or unknown ones) are ignored, not errors: a link that
    a school put on its website keeps working for the filters that still exist.
    """
    conditions = _public(kommune_id)
    kept = filters
    if filters.exchange:
        exchange_id = vocabulary.exchange_id_of(db, kommune_id, filters.exchange)
        conditions.append(vocabulary.listing_exchange_condition(exchange_id))
    if filters.kind:
        conditions.append(vocabulary.kind_condition(filters.kind))
    category_id = vocabulary.resolve_category(db, kommune_id, filters.category)
    if category_id is not None:
        conditions.append(vocabulary.category_condition(category_id))
    elif filters.category is not None:
        kept = replace(kept, category=None)
    area = vocabulary.resolve_area(db, kommune_id, filters.area)
    if area is not None:
        conditions.append(vocabulary.listing_area_condition(area))
    elif filters.area is not None:
        kept = replace(kept, area=None)
    space_id = vocabulary.resolve_space(db, kommune_id, filters.space)
    if space_id is not None:
        conditions.append(vocabulary.listing_space_condition(space_id))
    elif filters.space is not None:
        kept = replace(kept, space=None)
    text_condition = _text_condition(db, kommune_id, filters.q)
    if text_condition is not None:
        conditions.append(text_condition)

    # Counting is capped: beyond COUNT_CAP hits a person refines the filters anyway, and
    # the cap keeps the count cheap in a large Kommune. Blocked authors' listings are
    # suspended when they are blocked, so the count needs no join to the authors.
    counted = (
        sa_select(col(Listing.id))
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
        _card_select(lang)
        .where(*conditions)
        .order_by(*order)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return SearchPage(
        cards=[_card(r, lang) for r in rows],
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
    # The author's profile address; "" when they show their profile to nobody (the name
    # stays: it is needed to arrange help).
    author_handle: str
    created_at: str
    updated_at: str
    expires_on: str
    pocket_money: str
    estimated_hours: int
    swap_for: str
    status: str
    is_public: bool
    is_own: bool


def get_listing_detail(
    db: Session, viewer: Actor, kommune_id: int, listing_id: int, lang: str = "de"
) -> ListingDetail:
    """A public listing of this Kommune; its author also sees it while it is a draft,
    closed or expired. Anything else (another Kommune's, removed, deleted) is not found."""
    row = db.execute(
        _card_select(lang)
        .add_columns(
            col(Listing.author_id),
            col(Listing.status),
            col(Listing.updated_at),
            col(Listing.pocket_money_cents),
            col(Listing.estimated_hours),
            col(Listing.swap_for),
            col(User.status),
            col(Listing.body),
            col(User.handle),
            col(User.profile_visibility),
        )
        .where(col(Listing.id) == listing_id, col(Listing.kommune_id) == kommune_id)
    ).first()
    if row is None:
        raise NotFound("listing.not_found")
    card = _card(row[:11], lang)
    author_id, status, updated, cents, hours, swap_for, author_status, body = row[11:19]
    handle, visibility = row[19:]
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
        author_handle="" if visibility == ProfileVisibility.NOBODY else handle,
        created_at=card.created_at,
        updated_at=format_date(updated, lang),
        expires_on=card.expires_on,
        pocket_money="" if cents is None else format_euros(cents, lang),
        estimated_hours=hours or 0,
        swap_for=swap_for,
        status=status,
        is_public=is_public,
        is_own=is_own,
    )
