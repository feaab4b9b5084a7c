"""Zeitkonto: the time account of donated hours (Zeitspende), and the Kommune's settings.

Every entry is a booking that is never changed afterwards: a confirmed agreement books a
credit for the helper (and, in a Kommune that runs a time bank, a debit for the receiver);
an admin's correction is one more entry pointing at the entry it corrects.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class TimebankMode(StrEnum):
    """How a Kommune counts Zeitspende hours."""

    # Only the helper's donated hours are counted (no debit for the receiver).
    DONATIONS = "donations"
    # A time bank: the receiver's account is debited, within an overdraft limit.
    TIMEBANK = "timebank"


class TimeEntryKind(StrEnum):
    CREDIT = "credit"  # hours given (donated)
    DEBIT = "debit"  # hours received (time bank only)


class TimebankSettings(SQLModel, table=True):
    """A Kommune's time-account rules; a Kommune without a row counts donations only."""

    __tablename__ = "timebank_settings"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", unique=True)
    mode: str = Field(default=TimebankMode.DONATIONS, max_length=20)
    # How far below zero a receiver's account may go, in whole hours.
    overdraft_hours: int = Field(default=10)
    updated_at: datetime = Field(default_factory=utcnow)


class TimeEntry(SQLModel, table=True):
    """One booking on a person's time account, in minutes (signed: debits are negative).

    An agreement books each kind once (the unique key is the last guard); a correction has
    no agreement, names the entry it corrects (`corrects_id`), the admin and the reason."""

    __tablename__ = "time_entry"
    __table_args__ = (
        UniqueConstraint("agreement_id", "kind", name="uq_time_entry_agreement_kind"),
        Index("ix_time_entry_account", "kommune_id", "user_id", "booked_at"),
        Index("ix_time_entry_totals", "kommune_id", "kind", "booked_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id")
    user_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=10)
    minutes: int
    agreement_id: int | None = Field(default=None, foreign_key="agreement.id")
    # The Ortsteil (district) where the help took place, for the totals per Ortsteil.
    district_id: int | None = Field(default=None, foreign_key="area.id")
    # What the statement shows: the listing's title at the time of booking.
    title: str = Field(default="", max_length=120)
    corrects_id: int | None = Field(default=None, foreign_key="time_entry.id")
    reason: str = Field(default="", max_length=500)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    booked_at: datetime = Field(default_factory=utcnow)
