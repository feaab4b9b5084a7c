"""Saved searches: a person's browse filter, mailed daily or weekly when new listings match."""

from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class AlertFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


def new_unsubscribe_key() -> str:
    """The per-search key that signs its unsubscribe links (dasnez_core.services.saved_searches)."""
    return secrets.token_urlsafe(32)


class SavedSearch(SQLModel, table=True):
    """The filters of the browse page (the same fields as `SearchFilters`, without sort and
    page). Filter ids always belong to `kommune_id`: they are resolved through it on saving."""

    __tablename__ = "saved_search"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    name: str = Field(max_length=80)
    exchange: str = Field(default="", max_length=20)
    kind: str = Field(default="", max_length=10)
    category_id: int | None = Field(default=None)
    area_id: int | None = Field(default=None)
    space_id: int | None = Field(default=None)
    q: str = Field(default="", max_length=200)
    frequency: str = Field(default=AlertFrequency.DAILY, max_length=10)
    # Listings that became public after this moment are new for the next mail (the
    # saving, then each mail sent).
    last_sent_at: datetime = Field(default_factory=utcnow, index=True)
    unsubscribe_key: str = Field(default_factory=new_unsubscribe_key, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
