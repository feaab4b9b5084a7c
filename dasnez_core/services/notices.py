"""What printed notices show, and who may print them (issue 10, part 5).

- The **Aushang** of a listing: any approved person may print any *public* listing (it is
  on the public pages anyway). Anything not public — pending, removed, closed, expired,
  by a blocked author, of an inactive Kommune, unknown — is not found, for everybody.
- The **weekly sheet**: the listings that became public in the last 7 days in one Ortsteil
  (or the whole Kommune), for the Kommune's own proxies only.

The number to call is the printing proxy's own phone when a proxy of that Kommune prints
and has one (they are the contact for people without internet), else the Kommune's office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from dasnez_core import permissions
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import NotFound
from dasnez_core.formatting import format_date
from dasnez_core.models import Kommune, Listing, Role, User, utcnow
from dasnez_core.permissions import Action
from dasnez_core.services.kommunen import get_kommune_by_slug
from dasnez_core.services.masterdata_cache import master
from dasnez_core.services.search import (
    ListingCard,
    ListingDetail,
    SearchFilters,
    get_listing_detail,
    search_public,
)

WEEK = timedelta(days=7)
# A sheet shows at most this many listings (three pages of the public search); the rest
# are counted and pointed to online.
SHEET_ENTRIES = 60


@dataclass(frozen=True)
class CallBack:
    """Whom a reader of the paper calls: a proxy, or the Kommune's office."""

    phone: str
    name: str  # the proxy's name, or the office's contact name ("" if none is kept)
    is_proxy: bool
    email: str = ""  # the office's address, for when it keeps no phone


@dataclass(frozen=True)
class PrintedKommune:
    id: int
    slug: str
    name: str
    logo_path: str


@dataclass(frozen=True)
class NoticeData:
    kommune: PrintedKommune
    listing: ListingDetail
    call: CallBack


@dataclass(frozen=True)
class SheetListing:
    card: ListingCard
    published_on: str  # the day it became public, in German time


@dataclass(frozen=True)
class WeeklyData:
    kommune: PrintedKommune
    area_id: int | None
    place: str  # the Ortsteil as labelled on the site, or the Kommune's name
    start: str
    end: str
    listings: list[SheetListing]
    more: int  # public listings of the week not on the sheet
    call: CallBack


def _printed(kommune: Kommune) -> PrintedKommune:
    assert kommune.id is not None
    return PrintedKommune(kommune.id, kommune.slug, kommune.name, kommune.logo_path)


def call_back(db: Session, actor: Actor, kommune: Kommune) -> CallBack:
    """The printing proxy of this Kommune with their phone, else the Kommune's office."""
    if (
        actor.user_id is not None
        and actor.kommune_id == kommune.id
        and Role.PROXY in actor.roles
        and actor.is_approved
    ):
        user = db.get(User, actor.user_id)
        if user is not None and user.phone.strip():
            return CallBack(user.phone.strip(), user.display_name, is_proxy=True)
    return CallBack(
        kommune.contact_phone.strip(),
        kommune.contact_name.strip(),
        is_proxy=False,
        email=kommune.contact_email.strip(),
    )


def notice_data(
    db: Session, actor: Actor, slug: str, listing_id: int, lang: str = "de"
) -> NoticeData:
    """The Aushang of listing `listing_id` of Kommune `slug`.

    Raises NotAllowed for anybody not approved (anonymous, pending, blocked, consent
    due), before anything about the listing is read; NotFound if the listing is not
    public.
    """
    permissions.require(actor, Action.PRINT_NOTICE)
    kommune = get_kommune_by_slug(db, slug)
    assert kommune.id is not None
    # As the public sees it: an author's own draft or closed listing is not public either.
    listing = get_listing_detail(db, ANONYMOUS, kommune.id, listing_id, lang)
    if not listing.is_public:
        raise NotFound("listing.not_found")
    return NoticeData(_printed(kommune), listing, call_back(db, actor, kommune))


def sheet_areas(db: Session, actor: Actor) -> list[tuple[int, str]]:
    """The Ortsteile a proxy can print a sheet for: (id, label), districts with their
    villages beneath, in the order a person reads them."""
    permissions.require(actor, Action.PRINT_WEEKLY_SHEET, actor.kommune_id)
    assert actor.kommune_id is not None
    data = master(db, actor.kommune_id)
    labels = [(area.id, data.area_label(area.id)) for area in data.areas]
    return sorted(labels, key=lambda pair: pair[1].casefold())


def weekly_data(
    db: Session,
    actor: Actor,
    area_id: int | None,
    lang: str = "de",
    now: datetime | None = None,
) -> WeeklyData:
    """The weekly sheet of the proxy's own Kommune: listings that became public in the
    7 days before `now`, in Ortsteil `area_id` and the villages in it (None: everywhere).

    Raises NotAllowed unless the actor is an approved proxy of their Kommune; NotFound
    for an Ortsteil that is not one of that Kommune's.
    """
    permissions.require(actor, Action.PRINT_WEEKLY_SHEET, actor.kommune_id)
    assert actor.kommune_id is not None
    kommune = db.get(Kommune, actor.kommune_id)
    if kommune is None or not kommune.active:
        raise NotFound("kommune.not_found")
    data = master(db, actor.kommune_id)
    if area_id is not None and area_id not in data.area_by_id:
        raise NotFound("print.area_not_found")
    now = now or utcnow()
    since = now - WEEK
    filters = SearchFilters(area=area_id, published_after=since, sort="newest")
    first = search_public(db, actor.kommune_id, filters, lang, master_data=data)
    cards = list(first.cards)
    page = 2
    while len(cards) < SHEET_ENTRIES and page <= first.pages:
        more_page = SearchFilters(area=area_id, published_after=since, sort="newest", page=page)
        cards += search_public(db, actor.kommune_id, more_page, lang, master_data=data).cards
        page += 1
    cards = cards[:SHEET_ENTRIES]
    published = func.coalesce(col(Listing.published_at), col(Listing.created_at))
    days = {
        row[0]: row[1]
        for row in db.execute(
            sa_select(col(Listing.id), published).where(
                col(Listing.kommune_id) == actor.kommune_id,
                col(Listing.id).in_([card.id for card in cards]),
            )
        ).all()
    }
    return WeeklyData(
        kommune=_printed(kommune),
        area_id=area_id,
        place=data.area_label(area_id) if area_id is not None else kommune.name,
        start=format_date(since, lang),
        end=format_date(now, lang),
        listings=[
            SheetListing(card, format_date(days.get(card.id), lang) or card.created_at)
            for card in cards
        ],
        more=max(0, first.total - len(cards)),
        call=call_back(db, actor, kommune),
    )
