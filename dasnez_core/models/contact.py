"""Conversations about a listing, agreements that an exchange took place, and ratings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class Conversation(SQLModel, table=True):
    """One thread per listing and pair: the listing's author and the person who wrote."""

    __table_args__ = (UniqueConstraint("listing_id", "starter_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    listing_id: int = Field(foreign_key="listing.id", index=True)
    author_id: int = Field(foreign_key="user.id", index=True)
    starter_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_message_at: datetime = Field(default_factory=utcnow)
    author_read_at: datetime | None = None
    starter_read_at: datetime | None = None


class Message(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # The conversation's Kommune (the distribution key), filled on flush from it
    # (dasnez_core.models.tenancy) when left None.
    kommune_id: int | None = Field(
        default=None, foreign_key="kommune.id", index=True, nullable=False
    )
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    sender_id: int = Field(foreign_key="user.id")
    body: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


class Agreement(SQLModel, table=True):
    """An exchange that took place. Hours and pocket money are informational only."""

    # Platform statistics across Kommunen: agreements of some days, every Kommune.
    __table_args__ = (Index("ix_agreement_created", "created_at", "kommune_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    # Both become NULL when the conversation or listing goes with a deleted account: the
    # agreement and the ratings given through it stay, anonymised.
    conversation_id: int | None = Field(default=None, foreign_key="conversation.id", unique=True)
    listing_id: int | None = Field(default=None, foreign_key="listing.id", index=True)
    helper_id: int | None = Field(default=None, foreign_key="user.id")
    seeker_id: int | None = Field(default=None, foreign_key="user.id")
    hours: float | None = None
    amount_cents: int | None = None
    # A Taschengeld job: the day, the start (minutes after midnight, local time), how long
    # (minutes) and whether it falls in the school holidays (youth-labour rules).
    job_date: date | None = None
    job_start: int | None = None
    job_minutes: int | None = None
    school_holiday: bool = Field(default=False)
    helper_done_at: datetime | None = None
    seeker_done_at: datetime | None = None
    # Stellvertretung: who confirmed for a represented helper or seeker, so the agreement
    # names both ("Helga Hilfreich für Erna"): their proxy, or an admin for the Kommune's
    # office (`*_by_office`, shown as the office). NULL when the side confirmed itself, or
    # once that proxy's account is gone.
    helper_proxy_id: int | None = Field(default=None, foreign_key="user.id")
    seeker_proxy_id: int | None = Field(default=None, foreign_key="user.id")
    helper_by_office: bool = Field(default=False)
    seeker_by_office: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)


class Rating(SQLModel, table=True):
    """1–5 stars after an agreement, once per rater. `admin_only`: "nur für die Verwaltung"."""

    __table_args__ = (UniqueConstraint("agreement_id", "rater_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    rater_id: int | None = Field(default=None, foreign_key="user.id")
    ratee_id: int = Field(foreign_key="user.id", index=True)
    stars: int
    comment: str = Field(default="", max_length=1000)
    admin_only: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    # Hidden by the Kommune (abusive text): never shown publicly nor counted; the reason
    # is the admin's, kept here for the admin pages and in the audit log.
    hidden_at: datetime | None = None
    hidden_reason: str = Field(default="", max_length=1000)
