"""Test data in one place: Kommunen with master data, people in every role."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.models import (
    Agreement,
    Area,
    AreaKind,
    Category,
    Conversation,
    Exchange,
    ExchangeType,
    InfoItem,
    Kommune,
    Listing,
    ListingReport,
    Message,
    Rating,
    Role,
    RoleGrant,
    SocialSpace,
    Sponsor,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.passwords import hash_password
from dasnez_core.services.sessions import actor_for

PASSWORD = "ein langer Testsatz 42"
_hash_cache: dict[str, str] = {}


def kommune(
    db: Session, slug: str = "delbrueck", name: str = "Delbrück", **fields: object
) -> Kommune:
    k = Kommune(slug=slug, name=name, **fields)  # type: ignore[arg-type]
    db.add(k)
    db.flush()
    return k


def district(db: Session, k: Kommune, name: str = "Boke") -> Area:
    a = Area(kommune_id=k.id, kind=AreaKind.DISTRICT, name=name)
    db.add(a)
    db.flush()
    return a


def village(db: Session, parent: Area, name: str) -> Area:
    a = Area(kommune_id=parent.kommune_id, parent_id=parent.id, kind=AreaKind.VILLAGE, name=name)
    db.add(a)
    db.flush()
    return a


def exchange_with_category(
    db: Session,
    k: Kommune,
    ex_type: str = ExchangeType.NACHBARSCHAFT,
    category: str = "Alltagshilfe",
) -> tuple[Exchange, Category]:
    ex = Exchange(kommune_id=k.id, type=ex_type)
    db.add(ex)
    db.flush()
    cat = Category(kommune_id=k.id, exchange_id=ex.id, name=category)
    db.add(cat)
    db.flush()
    return ex, cat


def social_space(db: Session, k: Kommune, name: str = "Pfarrei St. Johannes") -> SocialSpace:
    s = SocialSpace(kommune_id=k.id, kind="parish", name=name)
    db.add(s)
    db.flush()
    return s


def user(
    db: Session,
    k: Kommune,
    email: str,
    *,
    status: str = UserStatus.APPROVED,
    roles: tuple[str, ...] = (),
    area: Area | None = None,
    name: str = "",
) -> User:
    if PASSWORD not in _hash_cache:
        _hash_cache[PASSWORD] = hash_password(PASSWORD)
    u = User(
        email=email,
        password_hash=_hash_cache[PASSWORD],
        display_name=name or email,
        kommune_id=k.id,
        area_id=area.id if area else None,
        status=status,
    )
    db.add(u)
    db.flush()
    for role in roles:
        scope = None if role == Role.PLATFORM_ADMIN else k.id
        db.add(RoleGrant(user_id=u.id, role=role, kommune_id=scope))
    db.flush()
    return u


def actor(db: Session, u: User) -> Actor:
    return actor_for(db, u)


def later(delta_minutes: int) -> timedelta:
    return timedelta(minutes=delta_minutes)


def listing_of(
    db: Session, author: User, category: Category, *, title: str = "Rasen mähen"
) -> Listing:
    """A published listing of `author` in the category's Kommune."""
    now = utcnow()
    row = Listing(
        kommune_id=category.kommune_id,
        kind="offer",
        exchange_id=category.exchange_id,
        category_id=category.id,
        title=title,
        body="Ich helfe gern in der Nachbarschaft.",
        author_id=author.id,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=30),
    )
    db.add(row)
    db.flush()
    return row


def conversation_about(db: Session, listing: Listing, starter: User) -> Conversation:
    row = Conversation(
        kommune_id=listing.kommune_id,
        listing_id=listing.id,
        author_id=listing.author_id,
        starter_id=starter.id,
    )
    db.add(row)
    db.flush()
    return row


def message_in(db: Session, conversation: Conversation, sender: User, body: str) -> Message:
    row = Message(conversation_id=conversation.id, sender_id=sender.id, body=body)
    db.add(row)
    db.flush()
    return row


def agreement_on(
    db: Session, conversation: Conversation, *, helper: User | None, seeker: User | None
) -> Agreement:
    row = Agreement(
        kommune_id=conversation.kommune_id,
        conversation_id=conversation.id,
        listing_id=conversation.listing_id,
        helper_id=helper.id if helper else None,
        seeker_id=seeker.id if seeker else None,
        hours=2.0,
    )
    db.add(row)
    db.flush()
    return row


def rating_for(
    db: Session,
    agreement: Agreement,
    rater: User,
    ratee: User,
    *,
    stars: int = 5,
    comment: str = "",
    admin_only: bool = False,
) -> Rating:
    row = Rating(
        kommune_id=agreement.kommune_id,
        agreement_id=agreement.id,
        rater_id=rater.id,
        ratee_id=ratee.id,
        stars=stars,
        comment=comment,
        admin_only=admin_only,
    )
    db.add(row)
    db.flush()
    return row


def report_on(
    db: Session, listing: Listing, reporter: User | None, *, resolved_by: User | None = None
) -> ListingReport:
    row = ListingReport(
        kommune_id=listing.kommune_id,
        listing_id=listing.id,
        reporter_id=reporter.id if reporter else None,
        reason="Bitte prüfen.",
        resolved_by=resolved_by.id if resolved_by else None,
        resolved_at=utcnow() if resolved_by else None,
    )
    db.add(row)
    db.flush()
    return row


def listing_with(
    db: Session,
    author: User,
    category: Category,
    *,
    title: str = "Rasen mähen",
    kind: str = "offer",
    status: str = "published",
    area: Area | None = None,
    created_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> Listing:
    """A listing in any state, area and age (`area` may be a village: its district is set)."""
    row = listing_of(db, author, category, title=title)
    row.kind = kind
    row.status = status
    if area is not None:
        row.area_id = area.id
        row.district_id = area.parent_id or area.id
    if created_at is not None:
        row.created_at = row.updated_at = created_at
    # Public since its creation, or not yet (a draft or pending one gets it when published).
    row.published_at = row.created_at if status == "published" else None
    if expires_at is not None:
        row.expires_at = expires_at
    db.add(row)
    db.flush()
    return row


def sponsor(db: Session, k: Kommune, name: str = "Sparkasse", **fields: object) -> Sponsor:
    row = Sponsor(kommune_id=k.id, name=name, url="https://www.example.org/", **fields)  # type: ignore[arg-type]
    db.add(row)
    db.flush()
    return row


def info_item(db: Session, k: Kommune, title: str = "Sprechstunde", **fields: object) -> InfoItem:
    row = InfoItem(kommune_id=k.id, title=title, **fields)  # type: ignore[arg-type]
    db.add(row)
    db.flush()
    return row


def masterdata_world(db: Session) -> dict[str, Any]:
    """Two Kommunen with an admin each, districts, villages, categories and people: the
    ground for the master-data tests (Delbrück is "here", Bad Lippspringe "other")."""
    here = kommune(db, contact_email="kontakt@delbrueck.example")
    other = kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = district(db, here, "Boke")
    hagen = district(db, here, "Hagen")
    heide = village(db, boke, "Boker Heide")
    ex, cat = exchange_with_category(db, here)
    _, other_cat = exchange_with_category(db, other)
    other_district = district(db, other, "Kernstadt")
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "hagen": hagen,
        "heide": heide,
        "exchange": ex,
        "cat": cat,
        "other_cat": other_cat,
        "other_district": other_district,
        "admin": user(db, here, "admin@delbrueck.example", roles=(Role.KOMMUNE_ADMIN,)),
        "other_admin": user(
            db, other, "admin@bad-lippspringe.example", roles=(Role.KOMMUNE_ADMIN,)
        ),
        "platform": user(db, here, "betrieb@dasnez.example", roles=(Role.PLATFORM_ADMIN,)),
        "maria": user(db, here, "maria@example.org", name="Maria", area=heide),
        "pending": user(db, here, "neu@example.org", status=UserStatus.PENDING),
        "blocked_admin": user(
            db, here, "gesperrt@example.org", status=UserStatus.BLOCKED, roles=(Role.KOMMUNE_ADMIN,)
        ),
    }
