"""One person or one listing as a Kommune's admin sees it: the facts, what may be done to it,
and its history from the audit log.

Every record is looked up through the admin's Kommune; another Kommune's is not found.
The actions themselves live in `moderation` (listings, blocking) and `ratings` (hiding).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import NotFound
from dasnez_core.formatting import format_date, format_datetime
from dasnez_core.models import (
    Area,
    Category,
    Exchange,
    Institution,
    Listing,
    ListingReport,
    Rating,
    User,
    id_of,
)
from dasnez_core.models.represented import shown_email
from dasnez_core.permissions import ROLE_RANK, Action, can, can_act_on, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services.audit_log import AuditFilters, AuditRow, events_page, list_events
from dasnez_core.services.moderation import roles_of
from dasnez_core.services.ratings import rating_summary

LISTED = 50  # listings and ratings shown on a person's page (newest first)


@dataclass(frozen=True)
class OwnListing:
    """A listing on its author's page."""

    listing_id: int
    title: str
    status: str
    created_on: str


@dataclass(frozen=True)
class ReceivedRating:
    """A rating the person received, as the admin sees it (hidden and admin-only marked)."""

    rating_id: int
    stars: int
    comment: str
    date: str
    rater_name: str  # "" for a former member
    admin_only: bool
    hidden: bool
    hidden_reason: str


@dataclass(frozen=True)
class PersonDetail:
    user_id: int
    display_name: str
    email: str
    role: str  # the highest role (Role value)
    status: str
    district: str
    registered_on: str
    approved_on: str
    listing_count: int
    rating_count: int  # every rating received, hidden and admin-only included
    public_rating_count: int
    public_average: float
    may_block: bool  # the admin outranks the person and is not the person
    listings: list[OwnListing]
    ratings: list[ReceivedRating]


def _person(db: Session, scope: Scope, user_id: int) -> User:
    user = db.exec(select(User).where(User.id == user_id, scope.persons())).first()
    if user is None:
        raise NotFound("user.not_found")
    return user


def _district(db: Session, kommune_id: int, area_id: int | None) -> str:
    """The district of an area (its parent for a village); "" for none."""
    area = None
    if area_id is not None:
        area = db.exec(
            select(Area).where(Area.id == area_id, Area.kommune_id == kommune_id)
        ).first()
    if area is not None and area.parent_id is not None:
        parent = db.exec(
            select(Area).where(Area.id == area.parent_id, Area.kommune_id == kommune_id)
        ).first()
        return f"{parent.name} – {area.name}" if parent else area.name
    return area.name if area else ""


def _own_listings(db: Session, kommune_id: int, user_id: int, lang: str) -> list[OwnListing]:
    rows = db.exec(
        select(Listing)
        .where(Listing.kommune_id == kommune_id, Listing.author_id == user_id)
        .order_by(col(Listing.created_at).desc(), col(Listing.id).desc())
        .limit(LISTED)
    ).all()
    return [OwnListing(id_of(r), r.title, r.status, format_date(r.created_at, lang)) for r in rows]


def _received(db: Session, kommune_id: int, user_id: int, lang: str) -> list[ReceivedRating]:
    rater = aliased(User)
    rows = db.execute(
        sa_select(Rating, col(rater.display_name))
        .join(rater, col(rater.id) == Rating.rater_id, isouter=True)
        .where(col(Rating.kommune_id) == kommune_id, col(Rating.ratee_id) == user_id)
        .order_by(col(Rating.created_at).desc(), col(Rating.id).desc())
        .limit(LISTED)
    ).all()
    return [
        ReceivedRating(
            rating_id=id_of(r),
            stars=r.stars,
            comment=r.comment,
            date=format_date(r.created_at, lang),
            rater_name=name or "",
            admin_only=r.admin_only,
            hidden=r.hidden_at is not None,
            hidden_reason=r.hidden_reason,
        )
        for r, name in rows
    ]


def _count(db: Session, model: type[Listing] | type[Rating], *where: object) -> int:
    return int(db.execute(sa_select(func.count()).select_from(model).where(*where)).scalar_one())  # type: ignore[arg-type]


def person_detail(
    db: Session, actor: Actor, kommune_id: int, user_id: int, lang: str = "de"
) -> PersonDetail:
    """A person of the admin's Kommune with their listings and the ratings they received."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    user = _person(db, scope, user_id)
    roles = roles_of(db, user_id)
    summary = rating_summary(db, kommune_id, user_id)
    return PersonDetail(
        user_id=user_id,
        display_name=user.display_name,
        email=shown_email(user.email),
        role=max(roles, key=lambda r: ROLE_RANK.get(r, 0)),
        status=user.status,
        district=_district(db, kommune_id, user.area_id),
        registered_on=format_date(user.created_at, lang),
        approved_on=format_date(user.approved_at, lang),
        listing_count=_count(
            db, Listing, col(Listing.kommune_id) == kommune_id, col(Listing.author_id) == user_id
        ),
        rating_count=_count(
            db, Rating, col(Rating.kommune_id) == kommune_id, col(Rating.ratee_id) == user_id
        ),
        public_rating_count=summary.count,
        public_average=summary.average,
        may_block=user_id != actor.user_id
        and can_act_on(actor, Action.BLOCK_USER, kommune_id, roles),
        listings=_own_listings(db, kommune_id, user_id, lang),
        ratings=_received(db, kommune_id, user_id, lang),
    )


@dataclass(frozen=True)
class ListingReportLine:
    """One report on the listing, open or dealt with."""

    reason: str
    reporter_name: str  # "" for anonymous reports and former members
    reported_at: str
    open: bool


@dataclass(frozen=True)
class ListingDetail:
    listing_id: int
    title: str
    body: str
    kind: str
    exchange: str  # ExchangeType value
    category: str
    area: str
    status: str
    author_id: int
    author_name: str
    created_at: str
    updated_at: str
    expires_on: str
    closed_at: str
    may_moderate: bool
    reports: list[ListingReportLine]
    # Posted as this institution ("" for a person's own listing); the author is the member.
    institution: str = ""


def _reports(db: Session, kommune_id: int, listing_id: int, lang: str) -> list[ListingReportLine]:
    reporter = aliased(User)
    rows = db.execute(
        sa_select(ListingReport, col(reporter.display_name))
        .join(reporter, col(reporter.id) == ListingReport.reporter_id, isouter=True)
        .where(
            col(ListingReport.kommune_id) == kommune_id,
            col(ListingReport.listing_id) == listing_id,
        )
        .order_by(col(ListingReport.created_at).desc(), col(ListingReport.id).desc())
    ).all()
    return [
        ListingReportLine(
            reason=r.reason,
            reporter_name=name or "",
            reported_at=format_datetime(r.created_at, lang),
            open=r.resolved_at is None,
        )
        for r, name in rows
    ]


def listing_detail(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, lang: str = "de"
) -> ListingDetail:
    """A listing of the admin's Kommune, in any status, with every report on it."""
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    row = db.execute(
        sa_select(
            Listing,
            col(User.display_name),
            col(Exchange.type),
            col(Category.name),
            col(Institution.name),
        )
        .join(User, col(User.id) == Listing.author_id)
        .join(Institution, col(Institution.id) == Listing.institution_id, isouter=True)
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .where(col(Listing.id) == listing_id, scope.listings())
    ).first()
    if row is None:
        raise NotFound("listing.not_found")
    listing, author_name, exchange, category, institution = row
    return ListingDetail(
        listing_id=listing_id,
        title=listing.title,
        body=listing.body,
        kind=listing.kind,
        exchange=exchange,
        category=category,
        area=_district(db, kommune_id, listing.area_id),
        status=listing.status,
        author_id=listing.author_id,
        author_name=author_name,
        created_at=format_datetime(listing.created_at, lang),
        updated_at=format_datetime(listing.updated_at, lang),
        expires_on=format_date(listing.expires_at, lang),
        closed_at=format_datetime(listing.closed_at, lang),
        may_moderate=can(actor, Action.MODERATE_LISTINGS, kommune_id),
        reports=_reports(db, kommune_id, listing_id, lang),
        institution=institution or "",
    )


HISTORY_TARGETS = ("user", "listing")


def history(
    db: Session, actor: Actor, kommune_id: int, target_type: str, target_id: int, lang: str = "de"
) -> list[AuditRow]:
    """The newest audit entries about one person or listing of the admin's Kommune; a
    coordinator sees those of a person or listing in their scope (else not found)."""
    if target_type not in HISTORY_TARGETS:
        raise NotFound()
    if can(actor, Action.VIEW_AUDIT_LOG, kommune_id):
        page = list_events(
            db, actor, kommune_id, AuditFilters(target_type=target_type, target_id=target_id), lang
        )
        return page.rows
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    if target_type == "user":
        _person(db, scope, target_id)
    else:
        found = db.exec(select(Listing.id).where(Listing.id == target_id, scope.listings()))
        if found.first() is None:
            raise NotFound("listing.not_found")
    filters = AuditFilters(target_type=target_type, target_id=target_id)
    return events_page(db, kommune_id, filters, lang).rows
