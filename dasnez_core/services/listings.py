"""Posting listings and reading the public marketplace of a Kommune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.models import (
    Area,
    Category,
    Exchange,
    Listing,
    ListingKind,
    ListingSocialSpace,
    ListingStatus,
    SocialSpace,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import district_of, get_area, get_kommune

TITLE_MIN, TITLE_MAX = 3, 120
BODY_MIN, BODY_MAX = 10, 4000
PAGE_SIZE = 20


@dataclass(frozen=True)
class ListingDraft:
    """What a person enters for a new listing (ids as the form sends them)."""

    kind: str
    exchange_id: int | None
    category_id: int | None
    title: str
    body: str
    area_id: int | None
    social_space_ids: tuple[int, ...] = ()


def create_listing(db: Session, actor: Actor, kommune_id: int, draft: ListingDraft) -> int:
    """Publish a listing in the actor's own Kommune and return its id."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status == UserStatus.PENDING:
        raise NotAllowed("listing.account_pending")
    require(actor, Action.PUBLISH_LISTING, kommune_id)
    kommune = get_kommune(db, kommune_id)

    if draft.kind not in (ListingKind.OFFER, ListingKind.REQUEST):
        raise InvalidInput("kind", "listing.kind_required")
    category = (
        db.exec(
            select(Category).where(
                Category.id == draft.category_id,
                Category.kommune_id == kommune_id,
                col(Category.active),
            )
        ).first()
        if draft.category_id is not None
        else None
    )
    if category is None:
        raise InvalidInput("category_id", "listing.category_required")
    # The exchange follows from the category; a different one sent alongside is refused.
    exchange = db.exec(
        select(Exchange).where(
            Exchange.id == category.exchange_id,
            Exchange.kommune_id == kommune_id,
            col(Exchange.enabled),
        )
    ).first()
    if exchange is None or draft.exchange_id not in (None, exchange.id):
        raise InvalidInput("exchange_id", "listing.exchange_required")
    title = " ".join(clean_text(draft.title).split())
    if len(title) < TITLE_MIN:
        raise InvalidInput("title", "listing.title_too_short", min=TITLE_MIN)
    if len(title) > TITLE_MAX:
        raise InvalidInput("title", "listing.title_too_long", max=TITLE_MAX)
    body = clean_text(draft.body)
    if len(body) < BODY_MIN:
        raise InvalidInput("body", "listing.body_too_short", min=BODY_MIN)
    if len(body) > BODY_MAX:
        raise InvalidInput("body", "listing.body_too_long", max=BODY_MAX)
    if draft.area_id is None:
        raise InvalidInput("area_id", "listing.area_required")
    area = get_area(db, kommune_id=kommune_id, area_id=draft.area_id)
    space_ids = sorted(set(draft.social_space_ids))
    if space_ids:
        found = db.exec(
            select(SocialSpace.id).where(
                col(SocialSpace.id).in_(space_ids), SocialSpace.kommune_id == kommune_id
            )
        ).all()
        if len(found) != len(space_ids):
            raise InvalidInput("social_space_ids", "listing.social_space_unknown")

    now = utcnow()
    listing = Listing(
        kommune_id=kommune_id,
        kind=draft.kind,
        exchange_id=id_of(exchange),
        category_id=id_of(category),
        title=title,
        body=body,
        area_id=area.id,
        district_id=district_of(db, area),
        author_id=actor.user_id,
        status=ListingStatus.PENDING if kommune.premoderation else ListingStatus.PUBLISHED,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=kommune.listing_days),
    )
    db.add(listing)
    db.flush()
    assert listing.id is not None
    for space_id in space_ids:
        db.add(ListingSocialSpace(social_space_id=space_id, listing_id=listing.id))
    db.flush()
    return listing.id


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


def newest_public(db: Session, kommune_id: int, limit: int = PAGE_SIZE) -> list[ListingCard]:
    """Published, unexpired listings of approved authors, newest first: one query."""
    district = aliased(Area)
    now = utcnow()
    stmt = (
        sa_select(
            col(Listing.id),
            col(Listing.kind),
            col(Exchange.type),
            col(Category.name),
            col(Listing.title),
            col(Listing.body),
            col(Area.name),
            col(district.name),
            col(User.display_name),
            col(Listing.created_at),
        )
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .join(User, col(User.id) == Listing.author_id)
        .join(Area, col(Area.id) == Listing.area_id, isouter=True)
        .join(district, col(district.id) == Listing.district_id, isouter=True)
        .where(
            col(Listing.kommune_id) == kommune_id,
            col(Listing.status) == ListingStatus.PUBLISHED,
            col(Listing.expires_at) > now,
            col(User.status) == UserStatus.APPROVED,
        )
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(min(max(limit, 1), 50))
    )
    cards = []
    for row in db.execute(stmt).all():
        (lid, kind, ex_type, cat, title, body, area, dist, author, created) = row
        area_label = area if not dist or dist == area else f"{dist} › {area}"
        cards.append(
            ListingCard(
                id=lid,
                kind=kind,
                exchange_type=ex_type,
                category=cat,
                title=title,
                body=body if len(body) <= 280 else body[:277] + "…",
                area=area_label or "",
                author=author,
                created_at=created.strftime("%d.%m.%Y"),
            )
        )
    return cards
