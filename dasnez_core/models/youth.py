"""Parental consent for minors (Erziehungsberechtigte)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class ParentalConsent(SQLModel, table=True):
    """A parent's or guardian's consent for a minor's account (under 16, GDPR Art. 8) or
    for a minor's Taschengeldbörse jobs (16–17).

    Asked by mail once the minor's registration is confirmed; the link's token (only its
    SHA-256 is kept) opens both the confirmation and, later, the withdrawal. Confirmed with
    the parent's own name and relationship and the versions of the terms and privacy notice
    accepted on the child's behalf. One row per child; a withdrawn consent stays as proof.
    """

    __tablename__ = "parental_consent"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    parent_email: str = Field(max_length=254)
    parent_name: str = Field(default="", max_length=80)
    relation: str = Field(default="", max_length=20)
    privacy_version: str = Field(default="", max_length=20)
    terms_version: str = Field(default="", max_length=20)
    token_hash: str = Field(max_length=64, unique=True)
    requested_at: datetime = Field(default_factory=utcnow)
    confirmed_at: datetime | None = None
    withdrawn_at: datetime | None = None
