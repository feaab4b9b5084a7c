"""What platform staff read across all Kommunen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.models import Kommune, Listing, ListingStatus, User, UserStatus
from dasnez_core.permissions import Action, require


@dataclass(frozen=True)
class KommuneStats:
    slug: str
    name: str
    approved_users: int
    pending_users: int
    published_listings: int


def kommunen_stats(db: Session, actor: Actor) -> list[KommuneStats]:
    """Per-Kommune counts, computed by the database with grouped aggregates."""
    require(actor, Action.LIST_KOMMUNEN_STATS)
    users: dict[tuple[int | None, str], int] = dict(
        ((kid, status), n)
        for kid, status, n in db.exec(
            select(User.kommune_id, User.status, func.count()).group_by(
                col(User.kommune_id), col(User.status)
            )
        ).all()
    )
    listings: dict[int | None, int] = dict(
        db.exec(
            select(Listing.kommune_id, func.count())
            .where(Listing.status == ListingStatus.PUBLISHED)
            .group_by(col(Listing.kommune_id))
        ).all()
    )
    return [
        KommuneStats(
            slug=k.slug,
            name=k.name,
            approved_users=users.get((k.id, UserStatus.APPROVED.value), 0),
            pending_users=users.get((k.id, UserStatus.PENDING.value), 0),
            published_listings=listings.get(k.id, 0),
        )
        for k in db.exec(select(Kommune).order_by(Kommune.name)).all()
    ]
