"""Who did what to whom, when and why."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int | None = Field(default=None, foreign_key="kommune.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=60)
    target_type: str = Field(max_length=40)
    target_id: int | None = None
    reason: str = Field(default="", max_length=1000)
    at: datetime = Field(default_factory=utcnow)
