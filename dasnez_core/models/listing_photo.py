"""Photos of a listing (at most three), re-encoded without metadata."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class ListingPhoto(SQLModel, table=True):
    """A photo of a listing: the re-encoded image and its thumbnail, stored under random
    names in the upload folder. Removed by an admin: the files are deleted, the row stays
    with the reason (the audit log names the admin)."""

    __tablename__ = "listing_photo"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    listing_id: int = Field(foreign_key="listing.id", index=True)
    name: str = Field(max_length=64)
    thumb_name: str = Field(max_length=64)
    width: int
    height: int
    alt: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    removed_at: datetime | None = None
    removed_reason: str = Field(default="", max_length=500)
