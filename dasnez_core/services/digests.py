"""The Kommune admins' mails about what waits for them: a daily digest of pending
approvals, open reports and listings in pre-moderation, and a reminder when something
has waited longer than three days. Each admin switches both in their profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.config import load_settings
from dasnez_core.errors import NotAllowed
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Kommune,
    Listing,
    ListingReport,
    ListingStatus,
    Role,
    RoleGrant,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.models.operations import AdminDigestSetting
from dasnez_core.permissions import Action, require

# Something waiting longer than this is overdue (the reminder).
OVERDUE_AFTER = timedelta(days=3)
# Daily, with slack for the hourly job: a digest at 7:05 is not held back to 7:10 tomorrow.
EVERY = timedelta(hours=23)
# Digests go out from this hour of the Kommune's day on (nobody wants one at 2 a.m.).
LOCAL = ZoneInfo("Europe/Berlin")
FIRST_HOUR, LAST_HOUR = 7, 20


@dataclass(frozen=True)
class DigestSettings:
    daily_digest: bool
    overdue_reminder: bool


def _own_admin(actor: Actor) -> tuple[int, int]:
    """(user id, Kommune) of a Kommune admin acting on their own settings."""
    kommune_id = min(actor.admin_of) if actor.admin_of else None
    require(actor, Action.SET_OWN_DIGEST, kommune_id)
    if actor.user_id is None or kommune_id is None:
        raise NotAllowed()
    return actor.user_id, kommune_id


def get_digest_settings(db: Session, actor: Actor) -> DigestSettings:
    user_id, _ = _own_admin(actor)
    row = db.get(AdminDigestSetting, user_id)
    if row is None:
        return DigestSettings(daily_digest=True, overdue_reminder=True)
    return DigestSettings(daily_digest=row.daily_digest, overdue_reminder=row.overdue_reminder)


def save_digest_settings(
    db: Session, actor: Actor, *, daily_digest: bool, overdue_reminder: bool
) -> DigestSettings:
    """Store the caller's own choice (only ever the caller's: the id is the session's)."""
    user_id, _ = _own_admin(actor)
    row = db.get(AdminDigestSetting, user_id, with_for_update=True) or AdminDigestSetting(
        user_id=user_id
    )
    row.daily_digest = bool(daily_digest)
    row.overdue_reminder = bool(overdue_reminder)
    db.add(row)
    db.flush()
    return DigestSettings(row.daily_digest, row.overdue_reminder)


@dataclass(frozen=True)
class Waiting:
    """What waits in one Kommune, and how much of it for longer than three days."""

    people: int = 0
    reports: int = 0
    listings: int = 0
    overdue_people: int = 0
    overdue_reports: int = 0
    overdue_listings: int = 0

    @property
    def total(self) -> int:
        return self.people + self.reports + self.listings

    @property
    def overdue(self) -> int:
        return self.overdue_people + self.overdue_reports + self.overdue_listings


def _count(db: Session, table: Any, conditions: list[Any]) -> int:
    return int(db.exec(select(func.count()).select_from(table).where(*conditions)).one() or 0)


def waiting(db: Session, kommune_id: int, now: datetime) -> Waiting:
    """Counts only (the mail names no person: it may be read on any device)."""
    old = now - OVERDUE_AFTER
    people = [col(User.kommune_id) == kommune_id, col(User.status) == UserStatus.PENDING]
    reports = [
        col(ListingReport.kommune_id) == kommune_id,
        col(ListingReport.resolved_at).is_(None),
    ]
    listings = [col(Listing.kommune_id) == kommune_id, col(Listing.status) == ListingStatus.PENDING]
    return Waiting(
        people=_count(db, User, people),
        reports=_count(db, ListingReport, reports),
        listings=_count(db, Listing, listings),
        overdue_people=_count(db, User, [*people, col(User.created_at) <= old]),
        overdue_reports=_count(db, ListingReport, [*reports, col(ListingReport.created_at) <= old]),
        overdue_listings=_count(db, Listing, [*listings, col(Listing.updated_at) <= old]),
    )


def _due(last: datetime | None, now: datetime) -> bool:
    return last is None or last <= now - EVERY


def send_digests(db: Session, *, now: datetime | None = None) -> int:
    """The hourly job: queue each admin's digest (daily, when something waits) or, if no
    digest goes out, a reminder (at most daily, when something is overdue). Returns how
    many mails it queued. Only approved admins of active Kommunen; nothing in the night."""
    now = now or utcnow()
    local_hour = now.astimezone(LOCAL).hour
    if not FIRST_HOUR <= local_hour < LAST_HOUR:
        return 0
    rows = db.exec(
        select(User, Kommune, AdminDigestSetting)
        .join(RoleGrant, col(RoleGrant.user_id) == User.id)
        .join(Kommune, col(Kommune.id) == RoleGrant.kommune_id)
        .join(
            AdminDigestSetting,
            col(AdminDigestSetting.user_id) == User.id,
            isouter=True,
        )
        .where(
            RoleGrant.role == Role.KOMMUNE_ADMIN,
            User.status == UserStatus.APPROVED,
            col(Kommune.active),
        )
        .order_by(col(User.id))
    ).all()
    admin_url = load_settings().admin_url
    found: dict[int, Waiting] = {}
    queued = 0
    for user, kommune, setting in rows:
        row = setting or AdminDigestSetting(user_id=user.id or 0)
        if not (row.daily_digest or row.overdue_reminder):
            continue
        kommune_id = kommune.id or 0
        if kommune_id not in found:
            found[kommune_id] = waiting(db, kommune_id, now)
        what = found[kommune_id]
        params = {
            "name": user.display_name,
            "kommune": kommune.name,
            "people": what.people,
            "reports": what.reports,
            "listings": what.listings,
            "overdue": what.overdue,
            "admin_url": admin_url,
        }
        if row.daily_digest and what.total and _due(row.last_digest_at, now):
            queue(db, compose(user.email, user.language, "ops.mail.digest", **params))
            row.last_digest_at = now
            if what.overdue:
                row.last_reminder_at = now  # the digest names what is overdue
        elif row.overdue_reminder and what.overdue and _due(row.last_reminder_at, now):
            queue(db, compose(user.email, user.language, "ops.mail.overdue", **params))
            row.last_reminder_at = now
        else:
            continue
        db.add(row)
        queued += 1
    db.flush()
    return queued
