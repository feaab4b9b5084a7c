"""Reading the audit log: a Kommune's admins see who did what to whom, when and why.

Only the events of the admin's own Kommune; newest first, 50 a page; filtered by action,
by a date range (German calendar days) and by a text found in the reason, the acting
admin's name or the name/title of the target.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, and_, case, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput
from dasnez_core.models import (
    Area,
    AuditEvent,
    Category,
    Kommune,
    Listing,
    ListingReport,
    SocialSpace,
    User,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services.auth import clean_text
from dasnez_core.services.contact import LOCAL_TIME, local_time

PAGE_SIZE = 50
TEXT_MAX = 100
ACTION_MAX = 60
# The actions the filter offers, each with a German name in the catalog (audit.action.<name>).
# An action missing here still shows in the log, under its code.
ACTIONS = (
    "approve_user",
    "decline_user",
    "block_user",
    "unblock_user",
    "remove_listing",
    "dismiss_report",
    "publish_listing",
    "reject_listing",
    "delete_own_account",
    "invite_admin",
    "revoke_admin",
    "update_profile",
    "add_area",
    "rename_area",
    "move_area",
    "merge_area",
    "delete_area",
    "add_social_space",
    "update_social_space",
    "delete_social_space",
    "add_category",
    "rename_category",
    "deactivate_category",
    "reactivate_category",
    "delete_category",
    "export_people",
    "export_listings",
    "add_sponsor",
    "update_sponsor",
    "move_sponsor",
    "delete_sponsor",
    "add_info_item",
    "update_info_item",
    "move_info_item",
    "delete_info_item",
)
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
)


@dataclass(frozen=True)
class AuditFilters:
    """The filters of the audit page, as they live in its URL."""

    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    page: int = 1

    def query_string(self, **change: Any) -> str:
        f = replace(self, **change)
        pairs = {
            "aktion": f.action,
            "von": f.date_from.isoformat() if f.date_from else "",
            "bis": f.date_to.isoformat() if f.date_to else "",
            "q": f.text,
            "seite": "" if f.page == 1 else str(f.page),
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def _date(raw: str, field: str) -> date | None:
    text = raw.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InvalidInput(field, "audit.date_invalid") from None


def parse_filters(
    *, action: str = "", date_from: str = "", date_to: str = "", text: str = "", page: str = ""
) -> AuditFilters:
    """Filters from what the form or the URL sent; a bad date or range raises InvalidInput."""
    start = _date(date_from, "date_from")
    end = _date(date_to, "date_to")
    if start and end and end < start:
        raise InvalidInput("date_to", "audit.range_invalid")
    words = " ".join(clean_text(text).split())
    if len(words) > TEXT_MAX:
        raise InvalidInput("q", "audit.text_too_long", max=TEXT_MAX)
    number = page.strip()
    return AuditFilters(
        action=clean_text(action)[:ACTION_MAX],
        date_from=start,
        date_to=end,
        text=words,
        page=int(number) if number.isdigit() and 0 < len(number) < 6 and int(number) > 0 else 1,
    )


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


def _day_start(day: date) -> datetime:
    """Midnight of a German calendar day, as the UTC moment the database stores."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TIME).astimezone(UTC)


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
    if filters.date_from:
        stmt = stmt.where(col(AuditEvent.at) >= _day_start(filters.date_from))
    if filters.date_to:
        stmt = stmt.where(col(AuditEvent.at) < _day_start(filters.date_to + timedelta(days=1)))
    if filters.text:
        searched = [col(AuditEvent.reason), who.display_name, *names[:-1]]
        stmt = stmt.where(
            or_(*(column.icontains(filters.text, autoescape=True) for column in searched))
        )
    return stmt


def list_events(db: Session, actor: Actor, kommune_id: int, filters: AuditFilters) -> AuditPage:
    """One page of this Kommune's audit log, newest first. A page past the end shows the
    last one."""
    require(actor, Action.VIEW_AUDIT_LOG, kommune_id)
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
                at=local_time(event.at),
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
