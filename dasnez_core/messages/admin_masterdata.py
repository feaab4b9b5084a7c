"""Catalog part: admin_masterdata texts of the admin portal (key → (German, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
