"""Retention periods (GDPR Art. 5 (1) e, Art. 17) and the job that applies them.

Every kind of personal data has a period: the platform's default, which a Kommune (the
controller) may change within the platform's limits. The daily job `retention` deletes or
anonymises what is due and logs counts per kind, never contents. Long-inactive accounts
are warned by mail `ACCOUNT_WARNING` before they go; admins and blocked accounts are not
deleted for inactivity (an admin leaves through another admin; a block must hold).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import Problems
from dasnez_core.formatting import format_date
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Agreement,
    AuditAction,
    AuditEvent,
    Conversation,
    Kommune,
    Listing,
    ListingReport,
    ListingSocialSpace,
    ListingStatus,
    Message,
    Role,
    RoleGrant,
    User,
    UserSession,
    UserStatus,
    utcnow,
)
from dasnez_core.models.operations import AccountActivity, MailOutbox, MailStatus, RetentionSetting
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit

log = logging.getLogger("dasnez.retention")


@dataclass(frozen=True)
class RetentionKind:
    """One kind of personal data and its period in days: default and the limits a Kommune
    may choose between (equal limits: fixed by the platform)."""

    key: str
    default: int
    minimum: int
    maximum: int

    @property
    def per_kommune(self) -> bool:
        return self.minimum < self.maximum

    @property
    def label_key(self) -> str:
        return f"ops.retention.kind.{self.key}"


LISTINGS = RetentionKind("listings_ended", 180, 30, 730)
CONVERSATIONS = RetentionKind("conversations_inactive", 365, 90, 1095)
ACCOUNTS = RetentionKind("accounts_inactive", 730, 365, 1825)
AUDIT = RetentionKind("audit_events", 1095, 365, 3650)
MAIL_LOG = RetentionKind("mail_log", 30, 30, 30)
UNCONFIRMED = RetentionKind("registrations_unconfirmed", 7, 7, 7)
KINDS: tuple[RetentionKind, ...] = (LISTINGS, CONVERSATIONS, ACCOUNTS, AUDIT, MAIL_LOG, UNCONFIRMED)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}

# An inactive account is warned this long before it is deleted.
ACCOUNT_WARNING = timedelta(days=30)
# Listings in these states have ended; a published one has once its expiry has passed.
_ENDED = (
    ListingStatus.CLOSED,
    ListingStatus.EXPIRED,
    ListingStatus.REMOVED,
    ListingStatus.DELETED,
    ListingStatus.PUBLISHED,
)


@dataclass(frozen=True)
class RetentionPeriod:
    key: str
    label_key: str
    days: int
    default: int
    minimum: int
    maximum: int
    per_kommune: bool


def periods_of(db: Session, kommune_id: int | None) -> dict[str, int]:
    """The effective period of every kind for a Kommune (defaults where it set none)."""
    days = {kind.key: kind.default for kind in KINDS}
    if kommune_id is not None:
        for row in db.exec(
            select(RetentionSetting).where(RetentionSetting.kommune_id == kommune_id)
        ).all():
            kind = KINDS_BY_KEY.get(row.kind)
            if kind is not None and kind.per_kommune:
                days[kind.key] = min(max(row.days, kind.minimum), kind.maximum)
    return days


def get_periods(db: Session, actor: Actor, kommune_id: int) -> list[RetentionPeriod]:
    require(actor, Action.MANAGE_RETENTION, kommune_id)
    days = periods_of(db, kommune_id)
    return [
        RetentionPeriod(
            kind.key,
            kind.label_key,
            days[kind.key],
            kind.default,
            kind.minimum,
            kind.maximum,
            kind.per_kommune,
        )
        for kind in KINDS
    ]


def field_id(key: str) -> str:
    """The form field of a kind's period (its errors are shown under it)."""
    return f"retention_{key}"


def set_periods(
    db: Session, actor: Actor, kommune_id: int, values: Mapping[str, str]
) -> list[RetentionPeriod]:
    """Store the Kommune's periods (whole days within each kind's limits). All or
    nothing: one value out of range saves none, and each bad one is named."""
    require(actor, Action.MANAGE_RETENTION, kommune_id)
    problems = Problems()
    chosen: dict[str, int] = {}
    for kind in KINDS:
        if not kind.per_kommune or kind.key not in values:
            continue
        raw = str(values[kind.key]).strip()
        try:
            days = int(raw)
        except ValueError:
            days = -1
        if not kind.minimum <= days <= kind.maximum:
            problems.add(
                field_id(kind.key),
                "ops.retention.out_of_range",
                minimum=kind.minimum,
                maximum=kind.maximum,
            )
            continue
        chosen[kind.key] = days
    problems.raise_if_any()
    existing = {
        row.kind: row
        for row in db.exec(
            select(RetentionSetting)
            .where(RetentionSetting.kommune_id == kommune_id)
            .with_for_update()
        ).all()
    }
    changed = []
    for key, days in chosen.items():
        row = existing.get(key)
        if days == KINDS_BY_KEY[key].default:
            if row is not None:
                db.delete(row)
                changed.append(f"{key}={days}")
            continue
        if row is None:
            row = RetentionSetting(kommune_id=kommune_id, kind=key, days=days)
        elif row.days == days:
            continue
        row.days, row.updated_at = days, utcnow()
        db.add(row)
        changed.append(f"{key}={days}")
    if changed:
        audit.record(
            db,
            actor,
            action=AuditAction.SET_RETENTION,
            target_type="kommune",
            target_id=kommune_id,
            kommune_id=kommune_id,
            reason=", ".join(changed),
        )
    db.flush()
    return get_periods(db, actor, kommune_id)


# --- the job ---------------------------------------------------------------------------


@dataclass
class RetentionReport:
    """How many records of each kind the run deleted, anonymised or warned (no contents)."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int) -> None:
        if n:
            self.counts[key] = self.counts.get(key, 0) + n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _rows(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def delete_listings(db: Session, listing_ids: Sequence[int]) -> int:
    """Delete listings with their conversations, messages, reports and social-space
    links; agreements made through them stay, without the link (their ratings stay)."""
    if not listing_ids:
        return 0
    ids = list(listing_ids)
    conversation_ids = list(
        db.exec(select(Conversation.id).where(col(Conversation.listing_id).in_(ids))).all()
    )
    for statement in (
        update(Agreement)
        .where(col(Agreement.conversation_id).in_(conversation_ids))
        .values(conversation_id=None),
        update(Agreement).where(col(Agreement.listing_id).in_(ids)).values(listing_id=None),
        delete(Message).where(col(Message.conversation_id).in_(conversation_ids)),
        delete(Conversation).where(col(Conversation.id).in_(conversation_ids)),
        delete(ListingReport).where(col(ListingReport.listing_id).in_(ids)),
        delete(ListingSocialSpace).where(col(ListingSocialSpace.listing_id).in_(ids)),
    ):
        db.execute(statement)
    return _rows(db.execute(delete(Listing).where(col(Listing.id).in_(ids))))


def _ended_listings(db: Session, kommune_id: int, cutoff: datetime) -> list[int]:
    return [
        listing_id
        for listing_id in db.exec(
            select(Listing.id).where(
                col(Listing.kommune_id) == kommune_id,
                col(Listing.status).in_(_ENDED),
                col(Listing.expires_at) <= cutoff,
                col(Listing.updated_at) <= cutoff,
                or_(col(Listing.closed_at).is_(None), col(Listing.closed_at) <= cutoff),
            )
        ).all()
        if listing_id is not None
    ]


def _quiet_conversations(db: Session, kommune_id: int, cutoff: datetime) -> int:
    ids = list(
        db.exec(
            select(Conversation.id).where(
                col(Conversation.kommune_id) == kommune_id,
                col(Conversation.last_message_at) <= cutoff,
            )
        ).all()
    )
    if not ids:
        return 0
    db.execute(
        update(Agreement)
        .where(col(Agreement.conversation_id).in_(ids))
        .values(conversation_id=None)
    )
    db.execute(delete(Message).where(col(Message.conversation_id).in_(ids)))
    return _rows(db.execute(delete(Conversation).where(col(Conversation.id).in_(ids))))


def last_activity(db: Session, user: User) -> datetime:
    """The latest sign of life: registration, approval, a session, or what the session
    cleanup remembered of sessions it deleted."""
    seen = [user.created_at]
    if user.approved_at is not None:
        seen.append(user.approved_at)
    session_seen = db.exec(
        select(func.max(UserSession.last_seen_at)).where(UserSession.user_id == user.id)
    ).one()
    if session_seen is not None:
        seen.append(session_seen)
    activity = db.get(AccountActivity, user.id)
    if activity is not None and activity.last_seen_at is not None:
        seen.append(activity.last_seen_at)
    return max(seen)


def _inactive_accounts(
    db: Session, kommune: Kommune, days: int, now: datetime, report: RetentionReport
) -> None:
    from dasnez_core.services.account import erase_person

    kommune_id = kommune.id or 0
    warn_from = now - timedelta(days=days) + ACCOUNT_WARNING
    privileged = select(RoleGrant.user_id).where(
        col(RoleGrant.role).in_((Role.KOMMUNE_ADMIN, Role.PLATFORM_ADMIN))
    )
    candidates = db.exec(
        select(User).where(
            User.kommune_id == kommune_id,
            col(User.status).in_((UserStatus.APPROVED, UserStatus.PENDING)),
            col(User.created_at) <= warn_from,
            col(User.id).not_in(privileged),
        )
    ).all()
    for user in candidates:
        seen = last_activity(db, user)
        if seen > warn_from:
            continue
        activity = db.get(AccountActivity, user.id) or AccountActivity(
            user_id=user.id or 0, kommune_id=kommune_id
        )
        if activity.warned_at is None or activity.warned_at < seen:
            delete_on = max(seen + timedelta(days=days), now + ACCOUNT_WARNING)
            queue(
                db,
                compose(
                    user.email,
                    user.language,
                    "ops.mail.inactive_warning",
                    name=user.display_name,
                    kommune=kommune.name,
                    date=format_date(delete_on, user.language),
                ),
            )
            activity.warned_at = now
            db.add(activity)
            report.add("accounts_warned", 1)
        elif activity.warned_at <= now - ACCOUNT_WARNING and seen <= now - timedelta(days=days):
            erase_person(db, user)
            report.add("accounts_deleted", 1)
    db.flush()


def apply_retention(db: Session, *, now: datetime | None = None) -> RetentionReport:
    """Delete or anonymise everything whose period has ended, Kommune by Kommune; log
    the counts per kind. Runs in the caller's transaction."""
    now = now or utcnow()
    report = RetentionReport()
    for kommune in db.exec(select(Kommune).order_by(col(Kommune.id))).all():
        kommune_id = kommune.id or 0
        days = periods_of(db, kommune_id)

        def cutoff(kind: RetentionKind, days: dict[str, int] = days) -> datetime:
            return now - timedelta(days=days[kind.key])

        report.add(
            "listings_deleted",
            delete_listings(db, _ended_listings(db, kommune_id, cutoff(LISTINGS))),
        )
        report.add(
            "conversations_deleted", _quiet_conversations(db, kommune_id, cutoff(CONVERSATIONS))
        )
        _inactive_accounts(db, kommune, days[ACCOUNTS.key], now, report)
        report.add(
            "audit_events_deleted",
            _rows(
                db.execute(
                    delete(AuditEvent).where(
                        col(AuditEvent.kommune_id) == kommune_id,
                        col(AuditEvent.at) <= cutoff(AUDIT),
                    )
                )
            ),
        )
    # The platform's own records: audit events of no Kommune, and the mail log.
    report.add(
        "audit_events_deleted",
        _rows(
            db.execute(
                delete(AuditEvent).where(
                    col(AuditEvent.kommune_id).is_(None),
                    col(AuditEvent.at) <= now - timedelta(days=AUDIT.default),
                )
            )
        ),
    )
    report.add(
        "mail_log_deleted",
        _rows(
            db.execute(
                delete(MailOutbox).where(
                    col(MailOutbox.status).in_((MailStatus.SENT, MailStatus.FAILED)),
                    col(MailOutbox.created_at) <= now - timedelta(days=MAIL_LOG.default),
                )
            )
        ),
    )
    db.flush()
    log.info("retention applied", extra={"counts": report.counts, "total": report.total})
    return report
