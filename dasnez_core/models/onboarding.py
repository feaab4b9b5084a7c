"""People from towns that are not on dasnez yet ("Ihre Kommune ist noch nicht dabei.")."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class InterestRole(StrEnum):
    """As whom a person writes: a citizen, the administration, or an institution."""

    CITIZEN = "citizen"
    ADMINISTRATION = "administration"
    INSTITUTION = "institution"


class InterestSignup(SQLModel, table=True):
    """An address that wants to hear when dasnez starts at a postcode (double opt-in).

    Counted as demand only once confirmed; mailed once when a Kommune with that postcode
    goes live; deleted 12 months after it was made, confirmed or not."""

    __tablename__ = "interest_signup"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    postcode: str = Field(max_length=5, index=True)
    # As typed ("Kreis Paderborn" → "Paderborn"), "" if the person did not say.
    kreis: str = Field(default="", max_length=120)
    role: str = Field(max_length=20)
    language: str = Field(default="de", max_length=5)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    confirmed_at: datetime | None = None
    # When the person was told that a Kommune with their postcode is live (once).
    notified_at: datetime | None = None


class PlatformMonthStats(SQLModel, table=True):
    """A closed calendar month's figures of one Kommune, kept once computed, so that the
    platform's statistics read a few thousand small rows instead of scanning every listing.
    A snapshot: what was created in that month, as counted when the month was first shown."""

    __tablename__ = "platform_month_stats"

    kommune_id: int = Field(foreign_key="kommune.id", primary_key=True)
    month: str = Field(max_length=7, primary_key=True, index=True)  # "2026-11"
    people: int = 0
    listings: int = 0
    agreements: int = 0
    hours: float = 0.0
    cents: int = 0


class PlatformStatsMonth(SQLModel, table=True):
    """A closed month whose figures are in `platform_month_stats` (for every Kommune: one
    with nothing that month has no row there)."""

    __tablename__ = "platform_stats_month"

    month: str = Field(max_length=7, primary_key=True)
    computed_at: datetime = Field(default_factory=utcnow)


class PlatformDayStats(SQLModel, table=True):
    """A closed day's figures of one Kommune, kept like `platform_month_stats`: a range that
    cuts a month, and the current month up to yesterday, read these instead of the rows.
    `month` ("2026-11") is the day's month, so a read groups by it without date functions."""

    __tablename__ = "platform_day_stats"

    kommune_id: int = Field(foreign_key="kommune.id", primary_key=True)
    day: date = Field(primary_key=True, index=True)
    month: str = Field(max_length=7)
    people: int = 0
    listings: int = 0
    agreements: int = 0
    hours: float = 0.0
    cents: int = 0


class PlatformStatsDay(SQLModel, table=True):
    """A closed day whose figures are in `platform_day_stats` (for every Kommune)."""

    __tablename__ = "platform_stats_day"

    day: date = Field(primary_key=True)
    computed_at: datetime = Field(default_factory=utcnow)
