"""The legal texts each Kommune publishes, every published version kept."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from dasnez_core.models.base import utcnow


class LegalKind(StrEnum):
    """The four texts a public body's site must publish. The values double as the
    `ConsentDocument` values for the two a person consents to."""

    IMPRINT = "imprint"
    PRIVACY = "privacy"
    TERMS = "terms"
    ACCESSIBILITY = "accessibility"


class LegalText(SQLModel, table=True):
    """One published version of a Kommune's legal text. Version 1 is the shipped template
    (never stored); an admin's first publication is version 2. Rows are never changed."""

    __tablename__ = "legal_text"
    __table_args__ = (UniqueConstraint("kommune_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    kind: str = Field(max_length=20)
    version: int
    body: str = Field(sa_column=Column(Text, nullable=False))
    published_at: datetime = Field(default_factory=utcnow)
    published_by: int | None = Field(default=None, foreign_key="user.id")
