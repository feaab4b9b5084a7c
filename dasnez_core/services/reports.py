"""Melden: anyone may report a public listing with a reason; it goes to the Kommune's queue."""

from __future__ import annotations

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import Listing, ListingReport, ListingStatus, User, UserStatus, utcnow
from dasnez_core.permissions import Action, require
from dasnez_core.services.auth import clean_text
from dasnez_core.throttle import (
    REPORTS_PER_ACCOUNT,
    REPORTS_PER_ADDRESS,
    REPORTS_PER_LISTING_AND_ADDRESS,
    Check,
    address_key,
    throttle,
)

REASON_MIN, REASON_MAX = 10, 1000


def report_listing(
    db: Session, actor: Actor, kommune_id: int, listing_id: int, reason: str, client: str = ""
) -> None:
    """Put a public listing of this Kommune into the moderation queue with a reason.

    Throttled per client address (`client`), per listing and address, and per account.
    """
    require(actor, Action.REPORT_LISTING, kommune_id)
    address = address_key(client)
    checks: list[Check] = [
        (REPORTS_PER_ADDRESS, address),
        (REPORTS_PER_LISTING_AND_ADDRESS, f"{kommune_id}:{listing_id}:{address}"),
    ]
    if actor.user_id is not None:
        checks.append((REPORTS_PER_ACCOUNT, f"user:{actor.user_id}"))
    throttle().attempt(*checks)
    listing = db.exec(
        select(Listing)
        .join(User, col(User.id) == Listing.author_id)
        .where(
            Listing.id == listing_id,
            Listing.kommune_id == kommune_id,
            Listing.status == ListingStatus.PUBLISHED,
            col(Listing.expires_at) > utcnow(),
            User.status == UserStatus.APPROVED,
        )
    ).first()
    if listing is None:
        raise NotFound("listing.not_found")
    text = clean_text(reason)
    if len(text) < REASON_MIN:
        raise InvalidInput("reason", "report.reason_too_short", min=REASON_MIN)
    if len(text) > REASON_MAX:
        raise InvalidInput("reason", "report.reason_too_long", max=REASON_MAX)
    if (
        actor.user_id is not None
        and db.exec(
            select(ListingReport.id).where(
                ListingReport.listing_id == listing_id,
                ListingReport.reporter_id == actor.user_id,
                col(ListingReport.resolved_at).is_(None),
            )
        ).first()
    ):
        raise InvalidInput("reason", "report.already_reported")
    db.add(
        ListingReport(
            kommune_id=kommune_id, listing_id=listing_id, reporter_id=actor.user_id, reason=text
        )
    )
    db.flush()
