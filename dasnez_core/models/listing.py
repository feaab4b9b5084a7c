"""Angebote and Gesuche."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, event, text
from sqlmodel import Field, SQLModel

from dasnez_core.folding import search_words
from dasnez_core.models.base import utcnow


class ListingKind(StrEnum):
    OFFER = "offer"
    REQUEST = "request"


class ListingStatus(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    REMOVED = "removed"
    CLOSED = "closed"
    EXPIRED = "expired"
    DELETED = "deleted"
    # Hidden because the author is blocked; published again when they are unblocked.
    SUSPENDED = "suspended"


_PUBLISHED = text("status = 'published'")
_LINK_PUBLISHED = text("listing_status = 'published'")


class Listing(SQLModel, table=True):
    """An offer or request. `district_id` repeats the district of `area_id` so the
    district filter (district and its villages) is one indexed equality (PERF-NOTES)."""

    __table_args__ = (
        Index(
            "ix_listing_public_newest",
            "kommune_id",
            text("created_at DESC"),
            text("id DESC"),
            "expires_at",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        Index(
            "ix_listing_public_exchange",
            "kommune_id",
            "exchange_id",
            "kind",
            text("created_at DESC"),
            text("id DESC"),
            "expires_at",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        Index(
            "ix_listing_public_district",
            "kommune_id",
            "district_id",
            text("created_at DESC"),
            text("id DESC"),
            "expires_at",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        Index(
            "ix_listing_public_category",
            "kommune_id",
            "category_id",
            text("created_at DESC"),
            text("id DESC"),
            "expires_at",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        Index(
            "ix_listing_public_area",
            "kommune_id",
            "area_id",
            text("created_at DESC"),
            text("id DESC"),
            "expires_at",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        Index(
            "ix_listing_public_expiry",
            "kommune_id",
            "expires_at",
            "id",
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
        # Admin dashboard and lists (all statuses): date-filtered aggregates and paging.
        Index(
            "ix_listing_dashboard",
            "kommune_id",
            "created_at",
            postgresql_include=[
                "exchange_id",
                "kind",
                "status",
                "expires_at",
                "category_id",
                "district_id",
                "area_id",
            ],
        ),
        Index("ix_listing_dashboard_district", "kommune_id", "district_id", "created_at"),
        Index("ix_listing_author", "author_id", "status"),
        # Platform statistics across Kommunen: the days of one month, every Kommune.
        Index("ix_listing_created", "created_at", "kommune_id", "status"),
        # Browse "by institution": one institution's public listings, newest first.
        Index(
            "ix_listing_public_institution",
            "kommune_id",
            "institution_id",
            text("created_at DESC"),
            text("id DESC"),
            postgresql_where=_PUBLISHED,
            sqlite_where=_PUBLISHED,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id")
    kind: str = Field(max_length=10)
    exchange_id: int = Field(foreign_key="exchange.id")
    category_id: int = Field(foreign_key="category.id")
    title: str = Field(max_length=120)
    body: str = Field(max_length=4000)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    district_id: int | None = Field(default=None, foreign_key="area.id")
    author_id: int = Field(foreign_key="user.id")
    status: str = Field(default=ListingStatus.PUBLISHED, max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    # Exchange-specific details (informational): Taschengeld per hour, hours of a time
    # donation, what a swap asks for in return.
    pocket_money_cents: int | None = None
    estimated_hours: int | None = None
    swap_for: str = Field(default="", max_length=200)
    # A Taschengeldbörse job: its day, the window it may be done in (minutes after
    # midnight, local time) and how long it takes (minutes). Only jobs with all four can be
    # checked against the youth-labour rules, so only those are shown to minors.
    job_date: date | None = None
    job_from: int | None = None
    job_until: int | None = None
    job_minutes: int | None = None
    # Tauschbörse: "gift" (zu verschenken) or "swap" (tauschen gegen `swap_for`); "" elsewhere.
    swap_mode: str = Field(default="", max_length=10)
    reminder_sent_at: datetime | None = None
    closed_at: datetime | None = None
    # When the listing first became public (after pre-moderation or as a draft published
    # later, that is after `created_at`): "new since" for the saved-search mails.
    published_at: datetime | None = None
    # Folded, stemmed words of title and body (dasnez_core.folding), written on every flush;
    # the full-text index of either database is built from this column (migration 0006).
    search_text: str = Field(default="")
    # Posted as an institution (shown as its author); `author_id` keeps the posting member.
    # No foreign key: the column is added in place (migration 0013), as a batch copy of
    # this table on SQLite would drop its full-text triggers; the institution services keep
    # it true.
    institution_id: int | None = Field(default=None)


@event.listens_for(Listing, "before_insert")
@event.listens_for(Listing, "before_update")
def _index_words(_mapper: object, _conn: object, listing: Listing) -> None:
    listing.search_text = search_words(listing.title, listing.body)


@event.listens_for(Listing, "before_insert")
def _published_on_insert(_mapper: object, _conn: object, listing: Listing) -> None:
    if listing.status == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = listing.created_at


@event.listens_for(Listing, "before_update")
def _published_on_update(_mapper: object, _conn: object, listing: Listing) -> None:
    """The first time a listing turns public (a restored or re-opened one stays as it was)."""
    if listing.status == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = utcnow()


class ListingReport(SQLModel, table=True):
    """A "melden" by a visitor: lands in the Kommune's moderation queue."""

    __tablename__ = "listing_report"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    listing_id: int = Field(foreign_key="listing.id", index=True)
    reporter_id: int | None = Field(default=None, foreign_key="user.id")
    reason: str = Field(max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None
    resolved_by: int | None = Field(default=None, foreign_key="user.id")


class ListingSocialSpace(SQLModel, table=True):
    """Link of a listing to social spaces; the key leads with the space (PERF-NOTES).

    A link repeats what a space's search filters its listing by: the creation time (which
    never changes), and status, expiry, kind, exchange, category and place, copied from
    the listing by triggers in the database (migration 0024) whatever writes the rows. A
    space's search then reads its published links in order from one index
    (`ix_listing_social_space_public`) without looking up each listing.
    """

    __tablename__ = "listing_social_space"
    __table_args__ = (
        Index(
            "ix_listing_social_space_public",
            "social_space_id",
            text("listing_created_at DESC"),
            text("listing_id DESC"),
            "listing_expires_at",
            "listing_kind",
            "listing_exchange_id",
            "listing_category_id",
            "listing_district_id",
            "listing_area_id",
            postgresql_where=_LINK_PUBLISHED,
            sqlite_where=_LINK_PUBLISHED,
        ),
    )

    social_space_id: int = Field(foreign_key="socialspace.id", primary_key=True)
    listing_id: int = Field(foreign_key="listing.id", primary_key=True, index=True)
    # The listing's Kommune, filled on flush (dasnez_core.models.tenancy) when left None.
    kommune_id: int | None = Field(
        default=None, foreign_key="kommune.id", index=True, nullable=False
    )
    # The listing's creation time, filled on flush (dasnez_core.models.tenancy) when None.
    listing_created_at: datetime | None = Field(default=None, nullable=False)
    # Copies of the listing's columns, written by the database's triggers only (0024).
    listing_status: str | None = Field(default=None, max_length=20)
    listing_expires_at: datetime | None = None
    listing_kind: str | None = Field(default=None, max_length=10)
    listing_exchange_id: int | None = None
    listing_category_id: int | None = None
    listing_area_id: int | None = None
    listing_district_id: int | None = None
