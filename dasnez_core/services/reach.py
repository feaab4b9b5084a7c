"""What other websites, feed readers, link previews and search engines read of a Kommune.

Only what the public pages show: published listings by approved authors (through
`search.search_public`, so filters mean exactly what they mean on the browse page), the
Info-Box, and the names of Kommunen. No author names: an embed or a feed travels to other
sites, and the listing page is one click away.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session, col, or_, select

from dasnez_core import (
    listing_cache,  # noqa: F401 (registers the change listeners)
    permissions,
)
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import NotAllowed, NotFound
from dasnez_core.models import InfoItem, Kommune, Listing, User
from dasnez_core.permissions import Action
from dasnez_core.services.kommunen import get_kommune_by_slug
from dasnez_core.services.search import (
    ListingCard,
    SearchFilters,
    get_listing_detail,
    public_conditions,
    search_public,
)

FEED_SIZE = 20
# The sitemap protocol allows 50,000 addresses a file; a Kommune's newest listings fill it.
SITEMAP_LISTINGS = 45_000
SUMMARY_CHARS = 200


@dataclass(frozen=True)
class KommuneRef:
    id: int
    slug: str
    name: str
    logo_path: str


@dataclass(frozen=True)
class FeedEntry:
    """One listing as an embed or a feed shows it."""

    id: int
    kind: str
    exchange_type: str
    category: str
    title: str
    summary: str
    area: str
    created_on: str  # the day in German time, as the app shows it
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Feed:
    kommune: KommuneRef
    filters: SearchFilters  # as applied: unknown ids dropped
    entries: list[FeedEntry]


@dataclass(frozen=True)
class EventEntry:
    id: int
    title: str
    body: str
    link_url: str
    day: date


def _ref(kommune: Kommune) -> KommuneRef:
    assert kommune.id is not None
    return KommuneRef(kommune.id, kommune.slug, kommune.name, kommune.logo_path)


def kommune_ref(db: Session, slug: str) -> KommuneRef:
    """The active Kommune of `slug` (NotFound otherwise)."""
    return _ref(get_kommune_by_slug(db, slug))


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1].rstrip() + "…"


def newest_listings(
    db: Session, kommune: KommuneRef, filters: SearchFilters, lang: str = "de"
) -> Feed:
    """The newest public listings matching `filters` (text, sort and page ignored: an embed
    and a feed show what is new)."""
    wanted = replace(filters, q="", sort="newest", page=1)
    page = search_public(db, kommune.id, wanted, lang)
    cards: list[ListingCard] = page.cards[:FEED_SIZE]
    moments = {
        row[0]: (row[1], row[2])
        for row in db.execute(
            select(col(Listing.id), col(Listing.created_at), col(Listing.updated_at)).where(
                col(Listing.kommune_id) == kommune.id,
                col(Listing.id).in_([c.id for c in cards]),
            )
        ).all()
    }
    entries = [
        FeedEntry(
            id=c.id,
            kind=c.kind,
            exchange_type=c.exchange_type,
            category=c.category,
            title=c.title,
            summary=_summary(c.body),
            area=c.area,
            created_on=c.created_at,
            created_at=moments[c.id][0],
            updated_at=moments[c.id][1],
        )
        for c in cards
        if c.id in moments
    ]
    return Feed(kommune=kommune, filters=page.filters, entries=entries)


def info_events(db: Session, kommune_id: int, today: date) -> list[EventEntry]:
    """The Info-Box items with an event date that are (or will be) shown, by date."""
    rows = db.exec(
        select(InfoItem)
        .where(
            InfoItem.kommune_id == kommune_id,
            col(InfoItem.event_date).is_not(None),
            or_(col(InfoItem.publish_until).is_(None), col(InfoItem.publish_until) >= today),
        )
        .order_by(col(InfoItem.event_date), col(InfoItem.id))
        .limit(500)
    ).all()
    return [
        EventEntry(
            id=item.id or 0,
            title=item.title,
            body=item.body,
            link_url=item.link_url,
            day=item.event_date,
        )
        for item in rows
        if item.event_date is not None
    ]


def listing_preview(db: Session, kommune: KommuneRef, listing_id: int) -> FeedEntry:
    """A public listing for a link preview (NotFound unless the public sees it)."""
    detail = get_listing_detail(db, ANONYMOUS, kommune.id, listing_id)
    if not detail.is_public:
        raise NotFound("listing.not_found")
    row = db.execute(
        select(col(Listing.created_at), col(Listing.updated_at)).where(
            col(Listing.id) == listing_id
        )
    ).one()
    return FeedEntry(
        id=detail.id,
        kind=detail.kind,
        exchange_type=detail.exchange_type,
        category=detail.category,
        title=detail.title,
        summary=_summary(detail.body),
        area=detail.area,
        created_on=detail.created_at,
        created_at=row[0],
        updated_at=row[1],
    )


def active_kommunen(db: Session) -> list[KommuneRef]:
    """Every active Kommune, by slug (the sitemap index)."""
    rows = db.exec(
        select(Kommune)
        .where(col(Kommune.active), col(Kommune.live_since).is_not(None))
        .order_by(col(Kommune.slug))
    ).all()
    return [_ref(k) for k in rows]


def public_listing_ids(db: Session, kommune_id: int) -> list[tuple[int, datetime]]:
    """(id, last change) of a Kommune's public listings, newest first, capped for a sitemap."""
    rows = db.execute(
        select(col(Listing.id), col(Listing.updated_at))
        .join(User, col(User.id) == Listing.author_id)
        .where(*public_conditions(kommune_id))
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(SITEMAP_LISTINGS)
    ).all()
    return [(int(r[0]), r[1]) for r in rows]


@dataclass(frozen=True)
class PosterData:
    kommune: KommuneRef
    contact: str  # phone or email of the Kommune's contact, "" without


def poster_data(db: Session, actor: Actor, slug: str) -> PosterData:
    """What the poster of a Kommune shows; only for that Kommune's admins (and platform
    staff). Anybody else learns nothing: another Kommune's poster is not found."""
    if actor.is_anonymous:
        raise NotAllowed()
    kommune = get_kommune_by_slug(db, slug)
    if not (
        permissions.can(actor, Action.MANAGE_MASTERDATA, kommune.id) or actor.is_platform_admin
    ):
        raise NotFound("kommune.not_found")
    return PosterData(_ref(kommune), kommune.contact_phone or kommune.contact_email)
