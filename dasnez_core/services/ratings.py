"""Ratings after an exchange both sides confirmed, and the public profile that shows them.

A rating marked "nur für die Verwaltung" (admin_only) is seen only by the Kommune's admins:
it never counts in a summary and never appears on a profile. The same holds for a rating
the Kommune has hidden (an abusive comment); the admin may show it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from dasnez_core.actor import Actor
from dasnez_core.errors import NotAllowed, NotFound, Problems
from dasnez_core.formatting import format_date
from dasnez_core.models import (
    Agreement,
    Area,
    AuditAction,
    ProfileVisibility,
    Rating,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import audit
from dasnez_core.services.auth import clean_text
from dasnez_core.services.contact import get_conversation
from dasnez_core.services.moderation import check_reason
from dasnez_core.services.transitions import locked_one, lost_to

COMMENT_MAX = 1000
PAGE_SIZE = 20


@dataclass(frozen=True)
class RatingSummary:
    """How often a person was rated, and the average stars (0.0 without ratings),
    rounded to one decimal. Admin-only ratings are left out."""

    count: int
    average: float


def _public() -> tuple[ColumnElement[bool], ...]:
    """Ratings the public may see: neither for the administration only nor hidden."""
    return col(Rating.admin_only).is_(False), col(Rating.hidden_at).is_(None)


def rating_summary(db: Session, kommune_id: int, user_id: int) -> RatingSummary:
    """The public rating summary of a person of `kommune_id`."""
    count, average = db.execute(
        sa_select(func.count(col(Rating.id)), func.avg(col(Rating.stars))).where(
            col(Rating.kommune_id) == kommune_id,
            col(Rating.ratee_id) == user_id,
            *_public(),
        )
    ).one()
    count = int(count or 0)
    return RatingSummary(count=count, average=round(float(average), 1) if count else 0.0)


def rate(
    db: Session,
    actor: Actor,
    kommune_id: int,
    conversation_id: int,
    stars: int | None,
    comment: str = "",
    admin_only: bool = False,
) -> int:
    """The actor rates the other side of a conversation whose agreement both confirmed;
    once per side. Return the rating's id."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status == UserStatus.PENDING:
        raise NotAllowed("contact.account_pending")
    require(actor, Action.RATE_MEMBER, kommune_id)
    conversation = get_conversation(db, actor, kommune_id, conversation_id)
    # Locked: of two ratings sent at once (two tabs), the second sees the first.
    agreement = locked_one(
        db,
        Agreement,
        col(Agreement.conversation_id) == id_of(conversation),
        col(Agreement.kommune_id) == kommune_id,
    )
    if (
        agreement is None
        or agreement.helper_done_at is None
        or agreement.seeker_done_at is None
        or actor.user_id not in (agreement.helper_id, agreement.seeker_id)
    ):
        raise NotAllowed("rating.not_done")
    ratee_id = agreement.seeker_id if actor.user_id == agreement.helper_id else agreement.helper_id
    if ratee_id is None:
        raise NotAllowed("rating.partner_gone")
    already = db.exec(
        select(Rating.id).where(
            Rating.agreement_id == id_of(agreement), Rating.rater_id == actor.user_id
        )
    ).first()
    if already is not None:
        raise NotAllowed("rating.already_rated")
    problems = Problems()
    if stars is None or not 1 <= stars <= 5:
        problems.add("stars", "rating.stars_required")
    text = clean_text(comment)
    if len(text) > COMMENT_MAX:
        problems.add("comment", "rating.comment_too_long", max=COMMENT_MAX)
    problems.raise_if_any()
    assert stars is not None
    rating = Rating(
        kommune_id=kommune_id,
        agreement_id=id_of(agreement),
        rater_id=actor.user_id,
        ratee_id=ratee_id,
        stars=stars,
        comment=text,
        admin_only=admin_only,
    )
    db.add(rating)
    db.flush()
    return id_of(rating)


@dataclass(frozen=True)
class RatingView:
    """One rating as a profile shows it. `rater_name` is "" for a former member."""

    stars: int
    comment: str
    date: str
    rater_name: str


@dataclass(frozen=True)
class AdminRatingView:
    """One rating as the Kommune's admins see it, admin-only ones included."""

    stars: int
    comment: str
    date: str
    rater_name: str
    admin_only: bool


def _ratings_of(
    db: Session, kommune_id: int, user_id: int, *, public: bool, page: int
) -> list[tuple[int, str, datetime, str | None, bool]]:
    rater = aliased(User)
    stmt = (
        sa_select(
            col(Rating.stars),
            col(Rating.comment),
            col(Rating.created_at),
            col(rater.display_name),
            col(Rating.admin_only),
        )
        .join(rater, col(rater.id) == Rating.rater_id, isouter=True)
        .where(col(Rating.kommune_id) == kommune_id, col(Rating.ratee_id) == user_id)
        .order_by(col(Rating.created_at).desc(), col(Rating.id).desc())
        .offset((max(1, min(page, 10_000)) - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    )
    if public:
        stmt = stmt.where(*_public())
    return [(r[0], r[1], r[2], r[3], r[4]) for r in db.execute(stmt).all()]


def public_ratings(
    db: Session, kommune_id: int, user_id: int, page: int = 1, lang: str = "de"
) -> tuple[list[RatingView], bool]:
    """A person's public ratings, newest first, PAGE_SIZE a page; and whether more follow."""
    rows = _ratings_of(db, kommune_id, user_id, public=True, page=page)
    views = [
        RatingView(stars=stars, comment=comment, date=format_date(at, lang), rater_name=name or "")
        for stars, comment, at, name, _admin_only in rows[:PAGE_SIZE]
    ]
    return views, len(rows) > PAGE_SIZE


def ratings_for_admin(
    db: Session, actor: Actor, kommune_id: int, user_id: int, page: int = 1, lang: str = "de"
) -> tuple[list[AdminRatingView], bool]:
    """Every rating a person of the admin's Kommune received, admin-only ones included."""
    require(actor, Action.VIEW_ADMIN_RATINGS, kommune_id)
    rows = _ratings_of(db, kommune_id, user_id, public=False, page=page)
    views = [
        AdminRatingView(
            stars=stars,
            comment=comment,
            date=format_date(at, lang),
            rater_name=name or "",
            admin_only=bool(admin_only),
        )
        for stars, comment, at, name, admin_only in rows[:PAGE_SIZE]
    ]
    return views, len(rows) > PAGE_SIZE


@dataclass(frozen=True)
class PublicProfile:
    """What anybody may see of an approved person: never email, phone or birth date."""

    user_id: int
    display_name: str
    introduction: str
    district: str
    member_since: str
    summary: RatingSummary


def profile_visible(viewer: Actor, person: User) -> bool:
    """Whether `viewer` may see `person`'s public profile, by the person's own choice:
    everybody ("all"), the approved members and admins of their Kommune ("members", the
    default) or nobody but themselves ("nobody")."""
    if viewer.user_id is not None and viewer.user_id == person.id:
        return True
    if person.profile_visibility == ProfileVisibility.ALL:
        return True
    if person.profile_visibility == ProfileVisibility.MEMBERS:
        return can(viewer, Action.VIEW_MEMBER_PROFILE, person.kommune_id)
    return False


def public_profile(
    db: Session, viewer: Actor, kommune_id: int, handle: str, lang: str = "de"
) -> PublicProfile:
    """The profile of the approved person of `kommune_id` with this handle, as `viewer`
    may see it. Unknown, not approved or "nobody": not found. "members" to anyone else:
    NotAllowed("profile.members_only"), which the page turns into a login hint."""
    user = db.exec(
        select(User).where(
            User.handle == handle,
            User.kommune_id == kommune_id,
            User.status == UserStatus.APPROVED,
        )
    ).first()
    if user is None or not handle:
        raise NotFound("user.not_found")
    if not profile_visible(viewer, user):
        if user.profile_visibility == ProfileVisibility.MEMBERS:
            raise NotAllowed("profile.members_only")
        raise NotFound("user.not_found")
    user_id = id_of(user)
    district = ""
    if user.area_id is not None:
        area = db.exec(
            select(Area).where(Area.id == user.area_id, Area.kommune_id == kommune_id)
        ).first()
        if area is not None and area.parent_id is not None:
            area = db.exec(
                select(Area).where(Area.id == area.parent_id, Area.kommune_id == kommune_id)
            ).first()
        district = area.name if area is not None else ""
    return PublicProfile(
        user_id=id_of(user),
        display_name=user.display_name,
        introduction=user.introduction,
        district=district,
        member_since=format_date(user.approved_at or user.created_at, lang),
        summary=rating_summary(db, kommune_id, user_id),
    )


# --- hiding by the Kommune ------------------------------------------------------------------


def _rating(db: Session, kommune_id: int, rating_id: int) -> Rating:
    """The rating, locked for this transaction (hiding and showing change it)."""
    rating = locked_one(
        db, Rating, col(Rating.id) == rating_id, col(Rating.kommune_id) == kommune_id
    )
    if rating is None:
        raise NotFound("rating.not_found")
    return rating


def hide_rating(db: Session, actor: Actor, kommune_id: int, rating_id: int, reason: str) -> None:
    """Hide a rating of this Kommune from every public page and summary, with a reason
    (audited). Another Kommune's rating is not found."""
    require(actor, Action.MODERATE_RATINGS, kommune_id)
    text = check_reason(reason)
    rating = _rating(db, kommune_id, rating_id)
    if rating.hidden_at is not None:
        raise lost_to(
            db,
            kommune_id,
            ("rating", rating_id),
            AuditAction.HIDE_RATING,
            "atomic.rating_hidden_by",
            "rating.already_hidden",
        )
    rating.hidden_at, rating.hidden_reason = utcnow(), text
    db.add(rating)
    _audit(db, actor, AuditAction.HIDE_RATING, kommune_id, rating_id, text)


def show_rating(db: Session, actor: Actor, kommune_id: int, rating_id: int, reason: str) -> None:
    """Show a hidden rating again (with a reason, audited)."""
    require(actor, Action.MODERATE_RATINGS, kommune_id)
    text = check_reason(reason)
    rating = _rating(db, kommune_id, rating_id)
    if rating.hidden_at is None:
        raise lost_to(
            db,
            kommune_id,
            ("rating", rating_id),
            AuditAction.SHOW_RATING,
            "atomic.rating_shown_by",
            "rating.not_hidden",
        )
    rating.hidden_at, rating.hidden_reason = None, ""
    db.add(rating)
    _audit(db, actor, AuditAction.SHOW_RATING, kommune_id, rating_id, text)


def _audit(
    db: Session, actor: Actor, action: AuditAction, kommune_id: int, rating_id: int, reason: str
) -> None:
    audit.record(
        db,
        actor,
        action=action,
        target_type="rating",
        target_id=rating_id,
        kommune_id=kommune_id,
        reason=reason,
    )
    db.flush()
