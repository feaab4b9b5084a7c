"""Whether a public page's record is there for its viewer: the HTTP status of the first HTML.

Each check is one indexed query and mirrors what the page itself shows: a page that shows
"not found" answers 404, every other page 200. The viewer is resolved only when the answer
depends on who asks (a listing that is not public, a profile shown to nobody), so
anonymous requests never touch the sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ScalarSelect, select
from sqlmodel import Session, col

from dasnez_core.actor import Actor
from dasnez_core.errors import NotFound
from dasnez_core.models import (
    Kommune,
    Listing,
    ListingStatus,
    ProfileVisibility,
    User,
    UserStatus,
    utcnow,
)

Viewer = Callable[[], Actor]

_NEVER_SHOWN = (ListingStatus.REMOVED, ListingStatus.DELETED)


def _kommune_id(slug: str) -> ScalarSelect[int | None]:
    return (
        select(col(Kommune.id))
        .where(col(Kommune.slug) == slug.strip().lower(), col(Kommune.active))
        .scalar_subquery()
    )


def kommune_shown(db: Session, slug: str) -> bool:
    """An active Kommune has this slug."""
    return db.execute(select(_kommune_id(slug))).scalar() is not None


def listing_shown(db: Session, slug: str, listing_id: int, viewer: Viewer) -> bool:
    """The listing page shows the listing: public, or not removed and the viewer's own.
    Another Kommune's listing under this slug is not shown."""
    row = db.execute(
        select(
            col(Listing.status),
            col(Listing.expires_at),
            col(Listing.author_id),
            col(User.status),
        )
        .join(User, col(User.id) == Listing.author_id)
        .where(col(Listing.id) == listing_id, col(Listing.kommune_id) == _kommune_id(slug))
    ).first()
    if row is None:
        return False
    status, expires_at, author_id, author_status = row
    if status in _NEVER_SHOWN:
        return False
    public = (
        status == ListingStatus.PUBLISHED
        and expires_at > utcnow()
        and author_status == UserStatus.APPROVED
    )
    return public or viewer().user_id == int(author_id)


def person_shown(db: Session, slug: str, handle: str, viewer: Viewer) -> bool:
    """The profile page is not "not found": an approved person of this Kommune who shows
    the profile to somebody ("members" shows a login hint), or the person themselves."""
    if not handle:
        return False
    row = db.execute(
        select(col(User.id), col(User.profile_visibility)).where(
            col(User.handle) == handle,
            col(User.kommune_id) == _kommune_id(slug),
            col(User.status) == UserStatus.APPROVED,
        )
    ).first()
    if row is None:
        return False
    user_id, visibility = row
    return visibility != ProfileVisibility.NOBODY or viewer().user_id == int(user_id)


def institution_shown(db: Session, slug: str, handle: str) -> bool:
    """The Kommune `slug` has admitted the institution `handle` (else its page is a 404)."""
    from dasnez_core.services.institutions import admitted

    kommune_id = db.execute(select(_kommune_id(slug))).scalar()
    if kommune_id is None:
        return False
    try:
        admitted(db, kommune_id, handle)
    except NotFound:
        return False
    return True
