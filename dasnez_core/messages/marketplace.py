"""Catalog part: marketplace texts (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
