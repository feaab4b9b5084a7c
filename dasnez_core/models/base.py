"""Shared column helpers."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Current time, timezone-aware UTC (SQLModel stores it as UTC on every database)."""
    return datetime.now(UTC)
