"""Moderation by a Kommune's admins: reports, pre-moderation, removing listings, blocking.

Every action that changes something needs a reason and is audited in the same transaction.
Blocking ends every session of the person at once and suspends their published listings,
so they vanish from every public view; unblocking publishes them again. A removed listing
leaves every public view at once (they show only published listings) and its author is
told why by mail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select, update

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import format_datetime
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Area,
    AuditAction,
    Category,
    Listing,
    ListingReport,
    ListingStatus,
    Role,
    RoleGrant,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require, require_over, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.representation import OFFICE, hand_over
from dasnez_core.services.sessions import revoke_all_sessions
from dasnez_core.services.transitions import already_done, locked_one, lost_to, name_of

REASON_MIN, REASON_MAX = 5, 1000
PAGE_SIZE = 50
QUERY_MIN, QUERY_MAX = 2, 100
_EXCERPT = 300


def check_reason(raw: str) -> str:
    """The reason an admin gives for an action, cleaned; too short or too long is refused."""
    reason = clean_text(raw)
    if len(reason) < REASON_MIN:
        raise InvalidInput("reason", "moderation.reason_required", min=REASON_MIN)
    if len(reason) > REASON_MAX:
        raise InvalidInput("reason", "moderation.reason_too_long", max=REASON_MAX)
    return reason


def pages_for(total: int) -> int:
    """How many pages of PAGE_SIZE rows `total` rows fill (at least one)."""
    return max(1, math.ceil(total / PAGE_SIZE))


def _offset(page: int) -> int:
    return PAGE_SIZE * (max(page, 1) - 1)


def _excerpt(body: str) -> str:
    return body if len(body) <= _EXCERPT else body[: _EXCERPT - 1] + "…"


def _person(db: Session, scope: Scope, user_id: int, *, lock: bool = False) -> User:
    """The person if they are in `scope` (a coordinator's area or social space, or the
    whole Kommune), else not found."""
    where = (col(User.id) == user_id, scope.persons())
    user = locked_one(db, User, *where) if lock else db.exec(select(User).where(*where)).first()
    if user is None:
        raise NotFound("user.not_found")
    return user


def roles_of(db: Session, user_id: int) -> frozenset[str]:
    """Every role a person holds, in any Kommune (the rank rule counts them all)."""
    grants = db.exec(select(RoleGrant.role).where(RoleGrant.user_id == user_id)).all()
    return frozenset({Role.CITIZEN.value, *grants})


def _listing(db: Session, scope: Scope, listing_id: int) -> Listing:
    """The listing in `scope`, locked for this transaction: every moderation of it changes it."""
    listing = locked_one(db, Listing, col(Listing.id) == listing_id, scope.listings())
    if listing is None:
        raise NotFound("listing.not_found")
    return listing


# --- blocking -------------------------------------------------------------------------------


def block_user(db: Session, actor: Actor, kommune_id: int, user_id: int, reason: str) -> int:
    """Block a person of `kommune_id` (another Kommune's person is not found). A blocked
    proxy's represented persons pass to the Kommune's office, in the same transaction;
    return how many did."""
    scope = require_scope(actor, Action.BLOCK_USER, kommune_id)
    text = check_reason(reason)
    user = _person(db, scope, user_id, lock=True)
    if user.id == actor.user_id:
        raise NotAllowed("moderation.not_yourself")
    require_over(actor, Action.BLOCK_USER, kommune_id, roles_of(db, user_id))
    if user.status in (UserStatus.AWAITING_PARENT, UserStatus.DEACTIVATED):
        # A child's account waits for, or lost, the parents' consent: a block and its later
        # lifting must never make it an approved account without that consent.
        raise NotAllowed("youth.not_blockable")
    if user.status == UserStatus.BLOCKED:
        raise lost_to(
            db,
            kommune_id,
            ("user", user_id),
            AuditAction.BLOCK_USER,
            "atomic.blocked_by",
            "moderation.already_blocked",
            name=user.display_name,
        )
    user.status = UserStatus.BLOCKED
    db.add(user)
    revoke_all_sessions(db, user_id)
    db.execute(
        update(Listing)
        .where(col(Listing.author_id) == user_id, col(Listing.status) == ListingStatus.PUBLISHED)
        .values(status=ListingStatus.SUSPENDED)
    )
    handed = hand_over(db, kommune_id, user_id, None)
    audit.record(
        db,
        actor,
        action=AuditAction.BLOCK_USER,
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=f"{text} ({handed} → {OFFICE})" if handed else text,
    )
    db.flush()
    return handed


def unblock_user(db: Session, actor: Actor, kommune_id: int, user_id: int, reason: str) -> None:
    """Lift a block: the person may log in again and their suspended listings return."""
    scope = require_scope(actor, Action.BLOCK_USER, kommune_id)
    text = check_reason(reason)
    user = _person(db, scope, user_id, lock=True)
    require_over(actor, Action.BLOCK_USER, kommune_id, roles_of(db, user_id))
    if user.status != UserStatus.BLOCKED:
        raise lost_to(
            db,
            kommune_id,
            ("user", user_id),
            AuditAction.UNBLOCK_USER,
            "atomic.unblocked_by",
            "moderation.not_blocked",
            name=user.display_name,
        )
    user.status = UserStatus.APPROVED
    db.add(user)
    db.execute(
        update(Listing)
        .where(col(Listing.author_id) == user_id, col(Listing.status) == ListingStatus.SUSPENDED)
        .values(status=ListingStatus.PUBLISHED)
    )
    audit.record(
        db,
        actor,
        action=AuditAction.UNBLOCK_USER,
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()


@dataclass(frozen=True)
class PersonRow:
    """A person as the people search shows them to their Kommune's admin."""

    user_id: int
    display_name: str
    email: str
    area_name: str
    status: str
    registered_at: str
    is_you: bool  # admins cannot block themselves; the page offers no button for it


def search_people(
    db: Session,
    actor: Actor,
    kommune_id: int,
    query: str,
    *,
    blocked_only: bool = False,
    lang: str = "de",
) -> list[PersonRow]:
    """People of this Kommune whose name or email contains `query` (at most 50).

    With `blocked_only` the query may be empty: then every blocked person is listed.
    """
    scope = require_scope(actor, Action.LIST_KOMMUNE_RECORDS, kommune_id)
    term = " ".join(clean_text(query).split())
    if len(term) > QUERY_MAX:
        raise InvalidInput("q", "people.query_too_long", max=QUERY_MAX)
    if len(term) < QUERY_MIN and not (blocked_only and not term):
        raise InvalidInput("q", "people.query_too_short", min=QUERY_MIN)
    stmt = (
        select(User, Area.name)
        .join(Area, col(Area.id) == User.area_id, isouter=True)
        .where(scope.persons())
    )
    if term:
        stmt = stmt.where(
            or_(
                col(User.display_name).icontains(term, autoescape=True),
                col(User.email).icontains(term, autoescape=True),
            )
        )
    if blocked_only:
        stmt = stmt.where(User.status == UserStatus.BLOCKED)
    rows = db.exec(
        stmt.order_by(func.lower(User.display_name), col(User.id)).limit(PAGE_SIZE)
    ).all()
    return [
        PersonRow(
            user_id=id_of(u),
            display_name=u.display_name,
            email=u.email,
            area_name=area_name or "",
            status=u.status,
            registered_at=format_datetime(u.created_at, lang),
            is_you=u.id == actor.user_id,
        )
        for u, area_name in rows
    ]


# --- reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenReport:
    """One open report with what the admin needs to decide. `reporter_name` is empty for
    anonymous reports (and for reporters who have deleted their account)."""

    report_id: int
    reason: str
    reporter_name: str
    reported_at: str
    listing_id: int
    listing_title: str
    listing_body: str
    listing_status: str
    author_id: int
    author_name: str
    author_status: str


def _open_reports(scope: Scope) -> list[ColumnElement[bool]]:
    return [scope.reports(), col(ListingReport.resolved_at).is_(None)]


def count_open_reports(db: Session, actor: Actor, kommune_id: int) -> int:
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    return int(
        db.exec(select(func.count()).select_from(ListingReport).where(*_open_reports(scope))).one()
    )


def list_open_reports(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> list[OpenReport]:
    """Open reports of this Kommune (or scope), oldest first (a queue), 50 a page."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    reporter = aliased(User)
    rows = db.exec(
        select(ListingReport, Listing, User, reporter.display_name)
        .join(Listing, col(Listing.id) == ListingReport.listing_id)
        .join(User, col(User.id) == Listing.author_id)
        .join(reporter, col(reporter.id) == ListingReport.reporter_id, isouter=True)
        .where(*_open_reports(scope), scope.listings())
        .order_by(col(ListingReport.created_at), col(ListingReport.id))
        .limit(PAGE_SIZE)
        .offset(_offset(page))
    ).all()
    return [
        OpenReport(
            report_id=id_of(report),
            reason=report.reason,
            reporter_name=reporter_name or "",
            reported_at=format_datetime(report.created_at, lang),
            listing_id=id_of(listing),
            listing_title=listing.title,
            listing_body=_excerpt(listing.body),
            listing_status=listing.status,
            author_id=id_of(author),
            author_name=author.display_name,
            author_status=author.status,
        )
        for report, listing, author, reporter_name in rows
    ]


@dataclass(frozen=True)
class ReportReason:
    """One report of a group: why, by whom ("" = anonymous or a former member), when."""

    reason: str
    reporter_name: str
    reported_at: str


@dataclass(frozen=True)
class ReportGroup:
    """Every open report on one listing, oldest first: the admin decides once for all."""

    listing_id: int
    listing_title: str
    listing_body: str
    listing_status: str
    author_id: int
    author_name: str
    author_status: str
    count: int
    reports: list[ReportReason]


def count_reported_listings(db: Session, actor: Actor, kommune_id: int) -> int:
    """How many listings of this Kommune (or scope) have open reports (the queue's cards)."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    return int(
        db.exec(
            select(func.count(func.distinct(ListingReport.listing_id))).where(*_open_reports(scope))
        ).one()
    )


def list_report_groups(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> list[ReportGroup]:
    """Open reports of this Kommune grouped by listing, the longest-waiting listing first,
    50 listings a page."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    first = func.min(ListingReport.created_at)
    listing_ids = db.exec(
        select(ListingReport.listing_id)
        .where(*_open_reports(scope))
        .group_by(col(ListingReport.listing_id))
        .order_by(first, col(ListingReport.listing_id))
        .limit(PAGE_SIZE)
        .offset(_offset(page))
    ).all()
    reporter = aliased(User)
    rows = db.exec(
        select(ListingReport, Listing, User, reporter.display_name)
        .join(Listing, col(Listing.id) == ListingReport.listing_id)
        .join(User, col(User.id) == Listing.author_id)
        .join(reporter, col(reporter.id) == ListingReport.reporter_id, isouter=True)
        .where(
            *_open_reports(scope),
            scope.listings(),
            col(ListingReport.listing_id).in_(listing_ids),
        )
        .order_by(col(ListingReport.created_at), col(ListingReport.id))
    ).all()
    grouped: dict[int, tuple[Listing, User, list[ReportReason]]] = {}
    for report, listing, author, reporter_name in rows:
        _, _, reasons = grouped.setdefault(report.listing_id, (listing, author, []))
        reasons.append(
            ReportReason(
                reason=report.reason,
                reporter_name=reporter_name or "",
                reported_at=format_datetime(report.created_at, lang),
            )
        )
    return [
        ReportGroup(
            listing_id=id_of(listing),
            listing_title=listing.title,
            listing_body=_excerpt(listing.body),
            listing_status=listing.status,
            author_id=id_of(author),
            author_name=author.display_name,
            author_status=author.status,
            count=len(reasons),
            reports=reasons,
        )
        for listing, author, reasons in (grouped[i] for i in listing_ids if i in grouped)
    ]


def _resolve_open_reports(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
    db.execute(
        update(ListingReport)
        .where(
            col(ListingReport.kommune_id) == kommune_id,
            col(ListingReport.listing_id) == listing_id,
            col(ListingReport.resolved_at).is_(None),
        )
        .values(resolved_at=utcnow(), resolved_by=actor.user_id)
    )


def remove_listing(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, reason: str
) -> None:
    """Take a listing of this Kommune off the marketplace for good ("removed"), resolve its
    open reports and tell the author why. Another Kommune's listing is not found."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    text = check_reason(reason)
    listing = _listing(db, scope, listing_id)
    if listing.status == ListingStatus.REMOVED:
        raise lost_to(
            db,
            kommune_id,
            ("listing", listing_id),
            AuditAction.REMOVE_LISTING,
            "atomic.listing_removed_by",
            "moderation.listing_gone",
            title=listing.title,
        )
    if listing.status == ListingStatus.DELETED:
        raise InvalidInput("listing_id", "moderation.listing_gone")
    listing.status = ListingStatus.REMOVED
    listing.updated_at = utcnow()
    db.add(listing)
    _resolve_open_reports(db, actor, kommune_id, listing_id)
    audit.record(
        db,
        actor,
        action=AuditAction.REMOVE_LISTING,
        target_type="listing",
        target_id=listing_id,
        kommune_id=kommune_id,
        reason=text,
    )
    # The author may live outside a coordinator's area: the listing is what is in scope.
    author = _person(db, Scope(kommune_id), listing.author_id)
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            author.email,
            author.language,
            "mail.listing_removed",
            name=author.display_name,
            title=listing.title,
            reason=text,
            kommune=kommune.name,
            slug=kommune.slug,
        ),
    )
    db.flush()


def restore_listing(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, reason: str
) -> None:
    """Undo a removal: the listing returns as it was before (published until its end date,
    expired after it, hidden again while its author is blocked)."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    text = check_reason(reason)
    listing = _listing(db, scope, listing_id)
    if listing.status != ListingStatus.REMOVED:
        raise lost_to(
            db,
            kommune_id,
            ("listing", listing_id),
            AuditAction.RESTORE_LISTING,
            "atomic.listing_restored_by",
            "moderation.listing_not_removed",
            title=listing.title,
        )
    author = _person(db, Scope(kommune_id), listing.author_id)
    now = utcnow()
    if author.status == UserStatus.BLOCKED:
        listing.status = ListingStatus.SUSPENDED
    elif listing.expires_at <= now:
        listing.status = ListingStatus.EXPIRED
    else:
        listing.status = ListingStatus.PUBLISHED
    listing.updated_at = now
    db.add(listing)
    audit.record(
        db,
        actor,
        action=AuditAction.RESTORE_LISTING,
        target_type="listing",
        target_id=listing_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()


def dismiss_listing_reports(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, reason: str
) -> int:
    """Close every open report on one listing without action (the listing stays); each
    closed report is audited with the reason. Return how many were closed."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    text = check_reason(reason)
    listing = _listing(db, scope, listing_id)
    reports = db.exec(
        select(ListingReport).where(
            ListingReport.kommune_id == kommune_id,
            ListingReport.listing_id == listing_id,
            col(ListingReport.resolved_at).is_(None),
        )
    ).all()
    if not reports:
        resolver = db.exec(
            select(ListingReport.resolved_by)
            .where(
                ListingReport.kommune_id == kommune_id,
                ListingReport.listing_id == listing_id,
                col(ListingReport.resolved_at).is_not(None),
            )
            .order_by(col(ListingReport.resolved_at).desc(), col(ListingReport.id).desc())
        ).first()
        raise already_done(
            "listing_id",
            "atomic.reports_resolved_by",
            name_of(db, resolver),
            "moderation.report_resolved",
            title=listing.title,
        )
    now = utcnow()
    for report in reports:
        report.resolved_at, report.resolved_by = now, actor.user_id
        db.add(report)
        audit.record(
            db,
            actor,
            action=AuditAction.DISMISS_REPORT,
            target_type="report",
            target_id=report.id,
            kommune_id=kommune_id,
            reason=text,
        )
    db.flush()
    return len(reports)


# --- pre-moderation -------------------------------------------------------------------------


@dataclass(frozen=True)
class ListingToCheck:
    """A listing waiting for the Kommune's check before it is published."""

    listing_id: int
    kind: str
    title: str
    body: str
    category: str
    area: str
    author_id: int
    author_name: str
    submitted_at: str


def premoderation_on(db: Session, actor: Actor, kommune_id: int) -> bool:
    """Whether this Kommune checks new listings before they appear."""
    require(actor, Action.MODERATE_LISTINGS, kommune_id)
    return get_kommune(db, kommune_id).premoderation


def _waiting(scope: Scope) -> list[ColumnElement[bool]]:
    # A blocked author's listing waits until the block is lifted (it would not show anyway).
    return [
        scope.listings(),
        col(Listing.status) == ListingStatus.PENDING,
        col(User.status) == UserStatus.APPROVED,
    ]


def count_listings_to_check(db: Session, actor: Actor, kommune_id: int) -> int:
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    return int(
        db.exec(
            select(func.count())
            .select_from(Listing)
            .join(User, col(User.id) == Listing.author_id)
            .where(*_waiting(scope))
        ).one()
    )


def list_listings_to_check(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> list[ListingToCheck]:
    """Listings of this Kommune (or scope) waiting for pre-moderation, oldest first, 50 a page."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    rows = db.exec(
        select(Listing, User.display_name, Category.name, Area.name)
        .join(User, col(User.id) == Listing.author_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .join(Area, col(Area.id) == Listing.area_id, isouter=True)
        .where(*_waiting(scope))
        .order_by(col(Listing.updated_at), col(Listing.id))
        .limit(PAGE_SIZE)
        .offset(_offset(page))
    ).all()
    return [
        ListingToCheck(
            listing_id=id_of(listing),
            kind=listing.kind,
            title=listing.title,
            body=listing.body,
            category=category,
            area=area or "",
            author_id=listing.author_id,
            author_name=author_name,
            submitted_at=format_datetime(listing.updated_at, lang),
        )
        for listing, author_name, category, area in rows
    ]


def _waiting_listing(db: Session, scope: Scope, listing_id: int) -> tuple[Listing, User]:
    """The waiting listing in scope (locked) and its author; one another admin has just
    checked is refused with their name."""
    kommune_id = scope.kommune_id
    listing = _listing(db, scope, listing_id)
    author = _person(db, Scope(kommune_id), listing.author_id)
    if listing.status == ListingStatus.PUBLISHED or listing.status == ListingStatus.DRAFT:
        published = listing.status == ListingStatus.PUBLISHED
        raise lost_to(
            db,
            kommune_id,
            ("listing", listing_id),
            AuditAction.PUBLISH_LISTING if published else AuditAction.REJECT_LISTING,
            "atomic.listing_published_by" if published else "atomic.listing_rejected_by",
            "moderation.listing_not_waiting",
            title=listing.title,
        )
    if listing.status != ListingStatus.PENDING or author.status != UserStatus.APPROVED:
        raise InvalidInput("listing_id", "moderation.listing_not_waiting")
    return listing, author


def publish_pending_listing(db: Session, actor: Actor, kommune_id: int, listing_id: int) -> None:
    """Publish a checked listing; it runs its full period from now. The author is told."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    listing, author = _waiting_listing(db, scope, listing_id)
    kommune = get_kommune(db, kommune_id)
    now = utcnow()
    listing.status = ListingStatus.PUBLISHED
    listing.expires_at = now + timedelta(days=kommune.listing_days)
    listing.reminder_sent_at = None
    listing.updated_at = now
    db.add(listing)
    audit.record(
        db,
        actor,
        action=AuditAction.PUBLISH_LISTING,
        target_type="listing",
        target_id=listing_id,
        kommune_id=kommune_id,
    )
    queue(
        db,
        compose(
            author.email,
            author.language,
            "mail.listing_published",
            name=author.display_name,
            title=listing.title,
            kommune=kommune.name,
            slug=kommune.slug,
            listing_id=listing_id,
        ),
    )
    db.flush()


def reject_pending_listing(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, reason: str
) -> None:
    """Send a waiting listing back to its author as a draft, with the reason by mail:
    they may change it and send it again."""
    scope = require_scope(actor, Action.MODERATE_LISTINGS, kommune_id)
    text = check_reason(reason)
    listing, author = _waiting_listing(db, scope, listing_id)
    listing.status = ListingStatus.DRAFT
    listing.updated_at = utcnow()
    db.add(listing)
    audit.record(
        db,
        actor,
        action=AuditAction.REJECT_LISTING,
        target_type="listing",
        target_id=listing_id,
        kommune_id=kommune_id,
        reason=text,
    )
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            author.email,
            author.language,
            "mail.listing_rejected",
            name=author.display_name,
            title=listing.title,
            reason=text,
            kommune=kommune.name,
        ),
    )
    db.flush()
