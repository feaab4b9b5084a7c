"""Reading the audit log: a Kommune's admins see who did what to whom, when and why.

Only the events of the admin's own Kommune; newest first, 50 a page; filtered by action,
by a date range (German calendar days) and by a text found in the reason, the acting
admin's name or the name/title of the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from dasnez_core.actor import Actor
from dasnez_core.formatting import format_datetime
from dasnez_core.models import (
    Area,
    AuditAction,
    AuditEvent,
    Category,
    Kommune,
    Listing,
    ListingReport,
    Rating,
    SocialSpace,
    User,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import filters as vocabulary

PAGE_SIZE = 50
TEXT_MAX = 100
ACTION_MAX = 60
# The actions the filter offers, in the order of the enum; each has a name in the catalog
# (audit.action.<value>). An event whose action is unknown still shows, under its code.
ACTIONS = tuple(action.value for action in AuditAction)
# Kinds of target with a German name (audit.target.<type>).
TARGET_TYPES = (
    "user",
    "listing",
    "report",
    "area",
    "category",
    "social_space",
    "kommune",
    "sponsor",
    "info_item",
    "rating",
)


@dataclass(frozen=True)
class AuditFilters:
    """The filters of the audit page (the admin app reads them from its URL)."""

    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    page: int = 1
    # Only the history of one record ("user" or "listing" and its id): a listing's includes
    # its reports, a person's the ratings they received.
    target_type: str = ""
    target_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One entry as an admin reads it. `actor_name` is empty when that account is gone;
    `target_name` is empty when the target no longer exists (or has no name)."""

    event_id: int
    at: str
    actor_name: str
    action: str
    target_type: str
    target_name: str
    reason: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    pages: int


# Target type → (table, its name column). Looked up in the same Kommune only, so a name
# never crosses from one Kommune to another.
_NAMED_TARGETS: tuple[tuple[str, Any, str], ...] = (
    ("user", User, "display_name"),
    ("listing", Listing, "title"),
    ("area", Area, "name"),
    ("category", Category, "name"),
    ("social_space", SocialSpace, "name"),
)


def _select(kommune_id: int, filters: AuditFilters) -> Select[Any]:
    who = aliased(User)
    report = aliased(ListingReport)
    reported = aliased(Listing)
    names: list[Any] = []
    joins: list[tuple[Any, Any]] = []
    for target_type, model, name in _NAMED_TARGETS:
        target = aliased(model)
        names.append(getattr(target, name))
        joins.append(
            (
                target,
                and_(
                    col(AuditEvent.target_type) == target_type,
                    target.id == AuditEvent.target_id,
                    target.kommune_id == kommune_id,
                ),
            )
        )
    joins.append(
        (
            report,
            and_(
                col(AuditEvent.target_type) == "report",
                col(report.id) == AuditEvent.target_id,
                col(report.kommune_id) == kommune_id,
            ),
        )
    )
    joins.append(
        (
            reported,
            and_(col(reported.id) == report.listing_id, col(reported.kommune_id) == kommune_id),
        )
    )
    names.append(reported.title)
    rated = aliased(Rating)
    ratee = aliased(User)
    joins.append(
        (
            rated,
            and_(
                col(AuditEvent.target_type) == "rating",
                col(rated.id) == AuditEvent.target_id,
                col(rated.kommune_id) == kommune_id,
            ),
        )
    )
    joins.append(
        (ratee, and_(col(ratee.id) == rated.ratee_id, col(ratee.kommune_id) == kommune_id))
    )
    names.append(ratee.display_name)
    kommune_name = case((col(AuditEvent.target_type) == "kommune", Kommune.name), else_=None)
    names.append(kommune_name)
    columns: list[Any] = [AuditEvent, who.display_name, *names]
    stmt = (
        sa_select(*columns)
        .join(who, col(who.id) == AuditEvent.actor_id, isouter=True)
        .join(Kommune, col(Kommune.id) == AuditEvent.kommune_id)
    )
    for target, condition in joins:
        stmt = stmt.join(target, condition, isouter=True)
    stmt = stmt.where(col(AuditEvent.kommune_id) == kommune_id)
    if filters.action:
        stmt = stmt.where(col(AuditEvent.action) == filters.action)
    if filters.target_type:
        stmt = stmt.where(_of_target(filters, col(report.listing_id), col(rated.ratee_id)))
    stmt = stmt.where(
        *vocabulary.created_between(col(AuditEvent.at), filters.date_from, filters.date_to)
    )
    if filters.text:
        searched = [col(AuditEvent.reason), who.display_name, *names[:-1]]
        stmt = stmt.where(vocabulary.contains_text(filters.text, *searched))
    return stmt


def _of_target(filters: AuditFilters, report_listing: Any, rating_ratee: Any) -> Any:
    """The events of one record, with those of its reports (a listing) or of the ratings it
    received (a person)."""
    own = and_(
        col(AuditEvent.target_type) == filters.target_type,
        col(AuditEvent.target_id) == filters.target_id,
    )
    if filters.target_type == "listing":
        return or_(own, report_listing == filters.target_id)
    if filters.target_type == "user":
        return or_(own, rating_ratee == filters.target_id)
    return own


def list_events(
    db: Session, actor: Actor, kommune_id: int, filters: AuditFilters, lang: str = "de"
) -> AuditPage:
    """One page of this Kommune's audit log, newest first. A page past the end shows the
    last one."""
    require(actor, Action.VIEW_AUDIT_LOG, kommune_id)
    return events_page(db, kommune_id, filters, lang)


def events_page(db: Session, kommune_id: int, filters: AuditFilters, lang: str = "de") -> AuditPage:
    """`list_events` without the permission check, for a caller that has checked its own
    (a person's or listing's history on their detail page, also for coordinators)."""
    stmt = _select(kommune_id, filters)
    total = int(db.execute(sa_select(func.count()).select_from(stmt.subquery())).scalar_one())
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(filters.page, pages)
    rows = db.execute(
        stmt.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .limit(PAGE_SIZE)
        .offset(PAGE_SIZE * (page - 1))
    ).all()
    return AuditPage(
        rows=[
            AuditRow(
                event_id=event.id,
                at=format_datetime(event.at, lang),
                actor_name=actor_name or "",
                action=event.action,
                target_type=event.target_type,
                target_name=next((n for n in target_names if n), ""),
                reason=event.reason,
            )
            for event, actor_name, *target_names in rows
        ],
        total=total,
        page=page,
        pages=pages,
    )
