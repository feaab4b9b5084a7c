"""Shared column helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


def utcnow() -> datetime:
    """Current time, timezone-aware UTC (SQLModel stores it as UTC on every database)."""
    return datetime.now(UTC)


class _HasId(Protocol):
    id: int | None


def id_of(row: _HasId) -> int:
    """The primary key of a flushed row (a row without one is a programming error)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet; flush it first")
    return row.id
